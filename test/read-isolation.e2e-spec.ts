import { NotFoundException } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WRITER_DATA_SOURCE } from '../src/database/database-options.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { OrganisationsService } from '../src/organisations/organisations.service.js';
import { ContentVersionReader } from '../src/page-cache/content-version.reader.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const LIST = '/organisationen?kind=other';

interface Gate<T> {
  promise: Promise<T>;
  open: (value: T) => void;
}
function gate<T = void>(): Gate<T> {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Starts a write transaction that inserts an organisation and then waits until the test lets it go
 * on (`release`): committing, or throwing so that it rolls back.
 */
function openWrite(db: DatabaseService, name: string): { id: Promise<number>; release: Gate<boolean>; done: Promise<void> } {
  const inserted = gate<number>();
  const release = gate<boolean>();
  const done = db.write(async (m) => {
    const result = await m.getRepository(Organisation).insert({ name, kind: 'other' });
    inserted.open((result.identifiers[0] as { id: number }).id);
    if (!(await release.promise)) throw new Error('abgebrochen');
  });
  return { id: inserted.promise, release, done };
}

describe('reads see committed data only (on both engines)', () => {
  let t: TestApp;
  let db: DatabaseService;
  let reader: DataSource;
  let organisations: OrganisationsService;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DatabaseService);
    reader = t.app.get(DataSource);
    organisations = t.app.get(OrganisationsService);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The normal read paths: a repository, a service, an anonymous (cacheable) page and its list. */
  async function expectInvisible(id: number, name: string): Promise<void> {
    expect(await reader.getRepository(Organisation).countBy({ name })).toBe(0);
    await expect(organisations.detail(id)).rejects.toBeInstanceOf(NotFoundException);
    await request(t.http).get(`/organisationen/${id}`).expect(404);
    const list = await request(t.http).get(LIST).expect(200);
    expect(list.text).not.toContain(name);
  }

  it('never shows a write while it is open, nor after it rolled back', async () => {
    const name = 'Aaa Lesetest zurückgerollt';
    await request(t.http).get(LIST).expect(200); // the list is in the page cache now
    const write = openWrite(db, name);
    const id = await write.id;
    await expectInvisible(id, name);

    write.release.open(false);
    await expect(write.done).rejects.toThrow('abgebrochen');
    await expectInvisible(id, name);
  });

  it('shows a committed write at once, on every read path, though the page was cached', async () => {
    const name = 'Aaa Lesetest festgeschrieben';
    const versions = new ContentVersionReader(reader);
    const before = await versions.current();
    await request(t.http).get(LIST).expect(200);
    expect((await request(t.http).get(LIST).expect(200)).headers['x-cache']).toBe('hit');
    const write = openWrite(db, name);
    const id = await write.id;
    await expectInvisible(id, name);
    // The content version was raised inside the transaction, but readers do not see it yet.
    expect(await versions.current()).toBe(before);

    write.release.open(true);
    await write.done;
    expect(await versions.current()).not.toBe(before);
    expect(await reader.getRepository(Organisation).countBy({ name })).toBe(1);
    expect((await organisations.detail(id)).organisation.name).toBe(name);
    expect((await request(t.http).get(`/organisationen/${id}`).expect(200)).text).toContain(name);
    const list = await request(t.http).get(LIST).expect(200);
    expect(list.headers['x-cache']).toBe('miss');
    expect(list.text).toContain(name);
  });

  it('reads on SQLite through a read-only connection of their own; on PostgreSQL through the one pool', async () => {
    const writer = t.app.get<DataSource>(getDataSourceToken(WRITER_DATA_SOURCE));
    if (t.config.databaseUrl) {
      expect(reader).toBe(writer);
    } else {
      expect(reader).not.toBe(writer);
      await expect(reader.getRepository(Organisation).insert({ name: 'Am Schreiber vorbei', kind: 'other' })).rejects.toThrow(/readonly/i);
    }
  });
});

describe('closing the app', () => {
  it('closes the read and the write connection', async () => {
    const t = await createTestApp();
    const reader = t.app.get(DataSource);
    const writer = t.app.get<DataSource>(getDataSourceToken(WRITER_DATA_SOURCE));
    await t.close();
    expect(reader.isInitialized).toBe(false);
    expect(writer.isInitialized).toBe(false);
  });
});

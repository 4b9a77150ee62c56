import request from 'supertest';
import { DataSource } from 'typeorm';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { SeederService } from '../src/seeder.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('database', () => {
  let t: TestApp;

  beforeAll(async () => {
    // SQLite pragmas and the write queue: always on SQLite, also in the PostgreSQL pass.
    t = await createTestApp({ databaseUrl: null });
  });
  afterAll(async () => {
    await t.close();
  });

  it('uses WAL, foreign keys and a busy timeout', async () => {
    const ds = t.app.get(DataSource);
    expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await ds.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('serialises 20 concurrent write transactions without losing one', async () => {
    const db = t.app.get(DatabaseService);
    const writes = Array.from({ length: 20 }, (_, i) =>
      db.write(async (m) => {
        const repo = m.getRepository(Organisation);
        const o = await repo.save(repo.create({ name: `Parallel ${i}`, kind: 'other' }));
        // Yield inside the transaction so that, unserialised, the next one would start now.
        await new Promise((r) => setTimeout(r, 2));
        o.description = `geschrieben ${i}`;
        await repo.save(o);
        return o.id;
      }),
    );
    const ids = await Promise.all(writes);
    expect(new Set(ids).size).toBe(20);
    const count = await t.app.get(DataSource).getRepository(Organisation).count({ where: { kind: 'other' } });
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it('rolls a failed write back completely', async () => {
    const db = t.app.get(DatabaseService);
    await expect(
      db.write(async (m) => {
        await m.getRepository(Organisation).insert({ name: 'Wird zurückgerollt', kind: 'other' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.app.get(DataSource).getRepository(Organisation).count({ where: { name: 'Wird zurückgerollt' } })).toBe(0);
  });

  it('seeds are re-runnable: a second run creates nothing', async () => {
    const seeder = t.app.get(SeederService);
    expect(await seeder.seed({ demo: false })).toBe(0);
    await request(t.http).get('/').expect(200);
  });
});

describe('seeding once', () => {
  it('does not bring back a seeded record an administrator removed, unless seeding is forced', async () => {
    const t = await createTestApp();
    try {
      const ds = t.app.get(DataSource);
      const repo = ds.getRepository(Organisation);
      const servicestelle = await repo.findOneByOrFail({ name: 'Servicestelle Integration' });
      await t.app.get(DatabaseService).write((m) => m.getRepository(Organisation).softDelete({ id: servicestelle.id }));
      await t.app.get(DatabaseService).write((m) => m.getRepository(Organisation).delete({ id: servicestelle.id }));
      const seeder = t.app.get(SeederService);
      expect(await seeder.seed({ demo: false })).toBe(0);
      expect(await repo.countBy({ name: 'Servicestelle Integration' })).toBe(0);
      expect(await seeder.seed({ demo: false, force: true })).toBe(1);
      expect(await repo.countBy({ name: 'Servicestelle Integration' })).toBe(1);
    } finally {
      await t.close();
    }
  });
});

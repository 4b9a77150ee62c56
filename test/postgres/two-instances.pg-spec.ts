import request from 'supertest';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../../src/database/database.service.js';
import { Organisation } from '../../src/organisations/organisation.entity.js';
import { ContentVersion } from '../../src/page-cache/content-version.entity.js';
import { type ContentVersionListener, ContentVersionListeners } from '../../src/page-cache/content-version.listener.js';
import { bumpContentVersion, localContentChanges } from '../../src/page-cache/content-version.subscriber.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Polls `check` every 10 ms until it holds or `ms` have passed; returns whether it held. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function listenerOf(t: TestApp): ContentVersionListener {
  const listener = t.app.get(ContentVersionListeners).listener;
  if (!listener) throw new Error('no content version listener on PostgreSQL');
  return listener;
}

/** Two app instances on one PostgreSQL database, as behind a load balancer. */
describe('two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required for this suite');
    a = await createTestApp();
    b = await createTestApp({ databasePath: a.config.databasePath, databaseUrl: a.config.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('loses none of 20 concurrent writers spread over both instances, some on the same record', async () => {
    const shared = await a.app.get(DatabaseService).write((m) => m.getRepository(Organisation).save({ name: 'Zähler', kind: 'other', description: '0' }));
    const writers = Array.from({ length: 20 }, (_, i) => {
      const db = (i % 2 === 0 ? a : b).app.get(DatabaseService);
      return db.write(async (m) => {
        await m.getRepository(Organisation).insert({ name: `Parallel ${i}`, kind: 'other' });
        // The same record from both instances: a row lock serialises the increments.
        await m.query(`UPDATE organisations SET description = CAST(CAST(description AS integer) + 1 AS varchar) WHERE id = $1`, [shared.id]);
      });
    });
    await Promise.all(writers);
    const repo = b.app.get(DataSource).getRepository(Organisation);
    expect(await repo.count({ where: { kind: 'other' } })).toBe(21);
    expect((await repo.findOneByOrFail({ id: shared.id })).description).toBe('20');
  });

  describe('content versions by LISTEN/NOTIFY', () => {
    let orgId: number;
    /**
     * Instance A's writes come from a DataSource of their own without the app's subscribers: both apps
     * share this process, and a write through one of them would tell the other through the in-process
     * counter (localContentChanges), not through PostgreSQL. Here, only the NOTIFY can tell B.
     */
    let other: DataSource;
    const page = (): string => `/organisationen/${orgId}`;
    const rename = async (name: string): Promise<void> => {
      const before = localContentChanges.count;
      await other.transaction(async (m) => {
        await m.query('UPDATE organisations SET name = $1 WHERE id = $2', [name, orgId]);
        await bumpContentVersion(m);
      });
      expect(localContentChanges.count).toBe(before);
    };
    const shownOnB = async (name: string): Promise<boolean> => (await request(b.http).get(page()).expect(200)).text.includes(name);

    beforeAll(async () => {
      const org = await a.app.get(DatabaseService).write((m) => m.getRepository(Organisation).save({ name: 'Hörfunk Vorher', kind: 'other' }));
      orgId = org.id;
      other = await new DataSource({ type: 'postgres', url: a.config.databaseUrl ?? undefined, entities: [ContentVersion], extra: { max: 1 } }).initialize();
      expect(await within(10_000, () => listenerOf(a).live && listenerOf(b).live)).toBe(true);
    });

    afterAll(async () => {
      await other?.destroy();
    });

    it("shows instance A's write on instance B's cached page within one second", async () => {
      expect(await shownOnB('Hörfunk Vorher')).toBe(true);
      expect((await request(b.http).get(page()).expect(200)).headers['x-cache']).toBe('hit');
      expect(listenerOf(b).live).toBe(true); // not the per-request fallback: the notification does it
      await rename('Hörfunk Nachher');
      expect(await within(1000, () => shownOnB('Hörfunk Nachher'))).toBe(true);
      // and B caches again under the new version
      expect((await request(b.http).get(page()).expect(200)).headers['x-cache']).toBe('hit');
    });

    it('keeps pages right while the listener connection is gone (the row is read on every request) and listens again', async () => {
      const listener = listenerOf(b);
      const pid = listener.backendPid;
      expect(pid).not.toBeNull();
      await request(b.http).get(page()).expect(200);
      expect((await request(b.http).get(page()).expect(200)).headers['x-cache']).toBe('hit');

      await a.app.get(DataSource).query('SELECT pg_terminate_backend($1)', [pid]);
      expect(await within(5000, () => !listener.live)).toBe(true);
      // a change during the gap shows on B's very next page: no notification can arrive, the row is read
      await rename('Hörfunk in der Lücke');
      expect(await shownOnB('Hörfunk in der Lücke')).toBe(true);

      expect(await within(15_000, () => listener.live)).toBe(true);
      expect(listener.backendPid).not.toBe(pid);
      const activity: { n: string }[] = await a.app
        .get(DataSource)
        .query(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND application_name = 'netzwerk-content-version'`, [listener.backendPid]);
      expect(Number(activity[0].n)).toBe(1);
      // listening again: B caches again, and a new change reaches it by notification
      expect(await shownOnB('Hörfunk in der Lücke')).toBe(true);
      expect((await request(b.http).get(page()).expect(200)).headers['x-cache']).toBe('hit');
      await rename('Hörfunk wieder verbunden');
      expect(await within(1000, () => shownOnB('Hörfunk wieder verbunden'))).toBe(true);
      expect((await request(b.http).get(page()).expect(200)).headers['x-cache']).toBe('hit');
    });

    it('ends the listener connection when the app closes', async () => {
      const c = await createTestApp({ databasePath: a.config.databasePath, databaseUrl: a.config.databaseUrl });
      let pid: number | null = null;
      try {
        expect(await within(10_000, () => listenerOf(c).live)).toBe(true);
        pid = listenerOf(c).backendPid;
      } finally {
        await c.app.close(); // the app only: the database is a's
      }
      expect(pid).not.toBeNull();
      expect(
        await within(5000, async () => {
          const rows: unknown[] = await a.app.get(DataSource).query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
          return rows.length === 0;
        }),
      ).toBe(true);
    });
  });
});

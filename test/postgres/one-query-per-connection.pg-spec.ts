import { DataSource } from 'typeorm';
import { Body } from '../../src/bodies/body.entity.js';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { takeParallelQueries } from '../helpers/one-query-per-connection.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** The guard of the e2e and postgres projects (test/helpers/one-query-per-connection.ts) catches what it is for. */
describe('one query at a time per PostgreSQL connection', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required for this suite');
    db = await createTestDatabase();
    ds = await new DataSource(appDataSourceOptions(db)).initialize();
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('records two queries sent in parallel inside one transaction', async () => {
    await ds.transaction((m) => Promise.all([m.query('SELECT pg_sleep(0.05)'), m.query('SELECT 1 AS one')]));
    const found = takeParallelQueries(); // taken here, so this test passes; anywhere else they fail it
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('SELECT 1 AS one');
    expect(found[0]).toContain('one-query-per-connection.pg-spec.ts'); // with the stack of the offending call
  });

  it('lets queries one after another, and parallel ones on the pool (each its own connection), pass', async () => {
    await ds.transaction(async (m) => {
      await m.query('SELECT pg_sleep(0.01)');
      await m.query('SELECT 1');
    });
    await Promise.all([ds.query('SELECT pg_sleep(0.05)'), ds.query('SELECT 1')]);
    expect(takeParallelQueries()).toEqual([]);
  });

  it('raises the content version once per transaction, one query after another, for a multi-row insert', async () => {
    const versions = async (): Promise<number[]> => {
      const found: number[] = [];
      for (const table of ['content_version']) {
        const rows: { version: number }[] = await ds.query(`SELECT version FROM ${table} WHERE id = 1`);
        found.push(rows[0]?.version ?? 0);
      }
      return found;
    };
    const before = await versions();
    // TypeORM awaits the subscribers' after-insert hooks for all three rows with one Promise.all
    await ds.transaction((m) => m.getRepository(Body).insert(['A', 'B', 'C'].map((c) => ({ name: `Gremium ${c}`, code: `PG${c}`, kind: 'working_group' as const, isPublic: true }))));
    expect(takeParallelQueries()).toEqual([]);
    expect(await versions()).toEqual(before.map((v) => v + 1));
  });
});

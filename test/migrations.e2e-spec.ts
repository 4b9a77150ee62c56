import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../src/app.entities.js';
import { engineOf } from '../src/database/database-options.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

async function userTables(ds: DataSource, engine: 'sqlite' | 'postgres'): Promise<string[]> {
  const rows: { name: string }[] =
    engine === 'sqlite'
      ? await ds.query(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`)
      : await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
  return rows.map((r) => r.name).filter((n) => n !== 'migrations' && n !== 'typeorm_metadata');
}

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeEach(async () => {
    db = await createTestDatabase();
    ds = new DataSource(appDataSourceOptions(db));
    await ds.initialize();
  });

  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('run on an empty database, leave no difference to the entities, and revert completely', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(ds.migrations.length);

    // The entities and the migrated schema agree: TypeORM finds nothing to change.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await userTables(ds, engineOf(db))).toEqual([]);
    const remaining: unknown[] = await ds.query(`SELECT * FROM migrations`);
    expect(remaining).toEqual([]);
  });

  it('can be applied again after a full revert', async () => {
    await ds.runMigrations({ transaction: 'each' });
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again.length).toBe(ds.migrations.length);
  });
});

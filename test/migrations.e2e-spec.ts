import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/database-options.js';

describe('migrations', () => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netzwerk-mig-'));
    ds = new DataSource(dataSourceOptions({ databasePath: join(dir, 'm.sqlite') }));
    await ds.initialize();
  });

  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run on an empty database, leave no difference to the entities, and revert completely', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(ds.migrations.length);

    // The entities and the migrated schema agree: TypeORM finds nothing to change.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables: { name: string }[] = await ds.query(
      `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

type Schema = Record<string, string[]>;

async function sqliteSchema(ds: DataSource): Promise<Schema> {
  const tables: { name: string }[] = await ds.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' AND name NOT LIKE 'search_trigram%'`,
  );
  const schema: Schema = {};
  for (const { name } of tables) {
    const cols: { name: string }[] = await ds.query(`PRAGMA table_info("${name}")`);
    schema[name] = cols.map((c) => c.name).sort();
  }
  return schema;
}

async function postgresSchema(ds: DataSource): Promise<Schema> {
  const rows: { table_name: string; column_name: string }[] = await ds.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  );
  const schema: Schema = {};
  for (const r of rows) (schema[r.table_name] ??= []).push(r.column_name);
  for (const t of Object.keys(schema)) schema[t].sort();
  return schema;
}

/** The SQLite and PostgreSQL migrations produce the same tables with the same columns. */
describe('schema parity between the SQLite and PostgreSQL migrations', () => {
  let dir: string;
  let pgDb: TestDatabase;
  let sqlite: DataSource;
  let postgres: DataSource;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required for this suite');
    dir = mkdtempSync(join(tmpdir(), 'netzwerk-parity-'));
    sqlite = new DataSource(appDataSourceOptions({ databasePath: join(dir, 'p.sqlite') }));
    pgDb = await createTestDatabase();
    postgres = new DataSource(appDataSourceOptions(pgDb));
    await sqlite.initialize();
    await postgres.initialize();
    await sqlite.runMigrations({ transaction: 'each' });
    await postgres.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sqlite?.destroy();
    await postgres?.destroy();
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same tables and columns on both engines', async () => {
    const a = await sqliteSchema(sqlite);
    const b = await postgresSchema(postgres);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const table of Object.keys(a)) expect({ table, columns: b[table] }).toEqual({ table, columns: a[table] });
  });

  it('leaves no difference between the PostgreSQL schema and the entities', async () => {
    const pending = await postgres.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { BaseDataSourceOptions } from 'typeorm/data-source/BaseDataSourceOptions.js';
import type { BetterSqlite3DataSourceOptions } from 'typeorm/driver/better-sqlite3/BetterSqlite3DataSourceOptions.js';

export interface DatabaseLocation {
  /** SQLite file, used when no databaseUrl is given. */
  databasePath: string;
  /** postgres://… — switches the engine to PostgreSQL. */
  databaseUrl?: string | null;
}

export type DatabaseEngine = 'sqlite' | 'postgres';

/**
 * What lives in the database: given by the composition root (src/app.entities.ts), so this module
 * knows no domain. Each engine has its own migrations folder (kept in step by a test).
 */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  subscribers: NonNullable<DataSourceOptions['subscribers']>;
  migrations: Record<DatabaseEngine, NonNullable<DataSourceOptions['migrations']>>;
}

/**
 * Set on every SQLite connection (journal_mode WAL and foreign keys are also set by TypeORM's
 * driver). WAL with synchronous=NORMAL survives a killed process without losing a committed
 * transaction; only a power cut can lose the last ones. The crash test uses this same list.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000'] as const;

export function engineOf(location: DatabaseLocation): DatabaseEngine {
  return location.databaseUrl ? 'postgres' : 'sqlite';
}

/**
 * Timestamps are stored as UTC `timestamp without time zone`: node-postgres must write Dates in
 * UTC and read them back as UTC, whatever the server's or the process's time zone.
 */
function usePostgresUtc(): void {
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (text: string) => new Date(`${text.replace(' ', 'T')}Z`));
}

type CommonOptions = Pick<BaseDataSourceOptions, 'entities' | 'subscribers' | 'migrationsTableName' | 'synchronize' | 'migrationsRun' | 'logging'>;

function commonOptions(schema: DatabaseSchema): CommonOptions {
  return {
    entities: schema.entities,
    subscribers: schema.subscribers,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
  };
}

/**
 * The one place that says how we talk to the database; used by the app, the TypeORM CLI, seeds,
 * the benchmark and tests. SQLite (better-sqlite3) by default, PostgreSQL with a DATABASE_URL;
 * the same entities, each engine with its own migrations folder (kept in step by a test).
 */
export function dataSourceOptions(location: DatabaseLocation, schema: DatabaseSchema): DataSourceOptions {
  const common = commonOptions(schema);
  if (location.databaseUrl) {
    usePostgresUtc();
    return {
      ...common,
      type: 'postgres',
      url: location.databaseUrl,
      migrations: schema.migrations.postgres,
      // Sessions in UTC, so now() defaults and our UTC Date values agree. No parallel workers: every
      // statement here is small and bounded, and starting and stopping workers cost the search a third
      // of its time on the 20k bench dataset (a lazy LIMIT over a Gather still waits for the workers).
      extra: { max: 10, options: '-c TimeZone=UTC -c max_parallel_workers_per_gather=0' },
    };
  }
  if (location.databasePath !== ':memory:') {
    mkdirSync(dirname(location.databasePath), { recursive: true });
  }
  return sqliteOptions(location.databasePath, common, schema.migrations.sqlite);
}

function sqliteOptions(databasePath: string, common: CommonOptions, migrations: DatabaseSchema['migrations']['sqlite']): BetterSqlite3DataSourceOptions {
  return {
    ...common,
    type: 'better-sqlite3',
    database: databasePath,
    migrations,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    },
  };
}

/** The name of the DataSource that writes: `DatabaseService.write`, migrations and seeds. The default DataSource reads. */
export const WRITER_DATA_SOURCE = 'writer';

/**
 * Whether reads get a connection of their own. better-sqlite3 is one connection per DataSource, so a
 * read on the writer's connection would see another request's open, uncommitted write transaction.
 * A second, read-only connection to the same WAL file reads only committed data (each statement its
 * own snapshot, so a commit is visible at once). PostgreSQL's pool already gives every transaction
 * its own connection, and an in-memory SQLite database exists only on its one connection: both read
 * through the writer's DataSource.
 */
export function hasSeparateReader(location: DatabaseLocation): boolean {
  return engineOf(location) === 'sqlite' && location.databasePath !== ':memory:';
}

/**
 * The read-only connection for reads outside `DatabaseService.write` (SQLite files only, see
 * hasSeparateReader). Opened after the writer, which creates the file and switches it to WAL. It
 * knows the migrations (the health check lists pending ones) but never runs them, and has no
 * subscribers: nothing is written through it — SQLite refuses it (SQLITE_READONLY).
 */
export function readerDataSourceOptions(location: DatabaseLocation, schema: DatabaseSchema): DataSourceOptions {
  if (!hasSeparateReader(location)) throw new Error('Only an SQLite file has a separate read connection.');
  return { ...sqliteOptions(location.databasePath, commonOptions(schema), schema.migrations.sqlite), subscribers: [], readonly: true, fileMustExist: true };
}

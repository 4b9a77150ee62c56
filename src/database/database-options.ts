import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../migrations/postgres/index.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../migrations/sqlite/index.js';
import { ContentVersionSubscriber } from '../page-cache/content-version.subscriber.js';
import { ENTITIES } from './entities.js';

export interface DatabaseLocation {
  /** SQLite file, used when no databaseUrl is given. */
  databasePath: string;
  /** postgres://… — switches the engine to PostgreSQL. */
  databaseUrl?: string | null;
}

export type DatabaseEngine = 'sqlite' | 'postgres';

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

/**
 * The one place that says how we talk to the database; used by the app, the TypeORM CLI, seeds,
 * the benchmark and tests. SQLite (better-sqlite3) by default, PostgreSQL with a DATABASE_URL;
 * the same entities, each engine with its own migrations folder (kept in step by a test).
 */
export function dataSourceOptions(location: DatabaseLocation): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    subscribers: [ContentVersionSubscriber],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'] as const,
  };
  if (location.databaseUrl) {
    usePostgresUtc();
    return {
      ...common,
      logging: ['error'],
      type: 'postgres',
      url: location.databaseUrl,
      migrations: POSTGRES_MIGRATIONS,
      // Sessions in UTC, so now() defaults and our UTC Date values agree.
      extra: { max: 10, options: '-c TimeZone=UTC' },
    };
  }
  if (location.databasePath !== ':memory:') {
    mkdirSync(dirname(location.databasePath), { recursive: true });
  }
  return {
    ...common,
    logging: ['error'],
    type: 'better-sqlite3',
    database: location.databasePath,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    },
  };
}

import type { DataSource } from 'typeorm';
import { type ContentVersionSignal, contentVersionSignalOf } from './content-version.listener.js';
import { localContentChanges } from './content-version.subscriber.js';

interface SqliteStatement {
  get(): VersionRecord | undefined;
}
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

const SQL = 'SELECT version, changed_at FROM content_version WHERE id = 1';

interface VersionRecord {
  version: number;
  changed_at: Date | string;
}
interface PgPool {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

/**
 * How long an SQLite reader trusts its last reading when this process has written nothing since:
 * only another process (`npm run seed`) can change the file behind its back, and such a change shows
 * after at most this long. Writes of this process are seen at once (localContentChanges).
 */
export const SQLITE_VERSION_MAX_AGE_MS = 200;

/**
 * Reads the content version as a cache key on every cached request, so it must be cheap: on SQLite
 * a statement prepared once on better-sqlite3's own handle — of the read connection (the default
 * DataSource), which sees committed data only, so a page rendered during an open write is never
 * stored under that write's version — and read again only after a write of this process committed
 * or SQLITE_VERSION_MAX_AGE_MS. On PostgreSQL (several app instances) the app's listener
 * (content-version.listener.ts: LISTEN/NOTIFY) says when another instance committed a new version:
 * while it listens, the row is read once per change (and once after each reconnect); while it does not,
 * one primary-key read from the pool on every request. Writes of this process are seen at once on both
 * engines (localContentChanges). The key joins the counter with the time of the last change,
 * so a counter value that a rolled-back transaction had used once is never mistaken for the same data.
 */
/** One reading of the content version: the cache key and when the content last changed. */
export interface ContentVersionReading {
  key: string;
  changedAt: Date;
}

/** changed_at as the drivers give it: a Date (PostgreSQL) or SQLite's UTC text "YYYY-MM-DD HH:MM:SS.SSS". */
function changedAtOf(value: Date | string): Date {
  if (value instanceof Date) return value;
  const date = new Date(`${value.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

function readingOf(row: VersionRecord | undefined): ContentVersionReading {
  if (!row) return { key: '0', changedAt: new Date(0) };
  const text = row.changed_at instanceof Date ? row.changed_at.toISOString() : row.changed_at;
  return { key: `${row.version}@${text}`, changedAt: changedAtOf(row.changed_at) };
}

export class ContentVersionReader {
  private statement: SqliteStatement | null = null;
  private last: { reading: ContentVersionReading; at: number; changes: number } | null = null;
  private lastHeard: { reading: ContentVersionReading; generation: number; changes: number } | null = null;

  /** `signal`: the PostgreSQL listener to trust; by default the one the app started for this DataSource, when it started one. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
    private readonly signal?: ContentVersionSignal | null,
  ) {}

  /** The cache key: the counter joined with the time of the last change. */
  async current(): Promise<string> {
    return (await this.read()).key;
  }

  /** The key and the time of the last change (a feed's Last-Modified). */
  async read(): Promise<ContentVersionReading> {
    if (this.dataSource.options.type === 'better-sqlite3') {
      const at = this.now();
      const last = this.last;
      if (last && last.changes === localContentChanges.count && at - last.at < SQLITE_VERSION_MAX_AGE_MS) return last.reading;
      this.statement ??= (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection.prepare(SQL);
      const reading = readingOf(this.statement.get());
      this.last = { reading, at, changes: localContentChanges.count };
      return reading;
    }
    const signal = this.signal === undefined ? contentVersionSignalOf(this.dataSource) : this.signal;
    if (!signal?.live) return this.readRow();
    const heard = this.lastHeard;
    if (heard && heard.generation === signal.generation && heard.changes === localContentChanges.count) return heard.reading;
    // what is known before the read: a notification or local commit during it makes the reading stale at once
    const generation = signal.generation;
    const changes = localContentChanges.count;
    const reading = await this.readRow();
    if (signal.live && signal.generation === generation) this.lastHeard = { reading, generation, changes };
    return reading;
  }

  private async readRow(): Promise<ContentVersionReading> {
    // Straight from node-postgres' pool: TypeORM's query runner would cost more than the query itself here.
    const pool = (this.dataSource.driver as unknown as { master?: PgPool } | undefined)?.master;
    const rows: VersionRecord[] = pool ? (await pool.query<VersionRecord>(SQL)).rows : await this.dataSource.query(SQL);
    return readingOf(rows[0]);
  }
}

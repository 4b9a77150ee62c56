import type { DataSource } from 'typeorm';

interface SqliteStatement {
  get(): { version: number; changed_at: string } | undefined;
}
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

const SQL = 'SELECT version, changed_at FROM content_version WHERE id = 1';

/**
 * Reads the content version as a cache key on every cached request, so it must be cheap: on SQLite
 * a statement prepared once on better-sqlite3's own handle (microseconds, no TypeORM on the hot
 * path); on PostgreSQL one primary-key read from the pool. The key joins the counter with the time
 * of the last change, so a counter value that a rolled-back transaction had used once is never
 * mistaken for the same data.
 */
export class ContentVersionReader {
  private statement: SqliteStatement | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<string> {
    if (this.dataSource.options.type === 'better-sqlite3') {
      this.statement ??= (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection.prepare(SQL);
      const row = this.statement.get();
      return row ? `${row.version}@${row.changed_at}` : '0';
    }
    const rows: { version: number; changed_at: Date | string }[] = await this.dataSource.query(SQL);
    const row = rows[0];
    return row ? `${row.version}@${row.changed_at instanceof Date ? row.changed_at.toISOString() : row.changed_at}` : '0';
  }
}

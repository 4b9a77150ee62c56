import type { DataSource } from 'typeorm';
import { ContentVersionReader, SQLITE_VERSION_MAX_AGE_MS } from './content-version.reader.js';
import { localContentChanges } from './content-version.subscriber.js';

function sqliteSource(row: { version: number; changed_at: string }): { ds: DataSource; reads: () => number } {
  let reads = 0;
  const statement = {
    get: () => {
      reads++;
      return { ...row };
    },
  };
  const ds = { options: { type: 'better-sqlite3' }, driver: { databaseConnection: { prepare: () => statement } } } as unknown as DataSource;
  return { ds, reads: () => reads };
}

describe('ContentVersionReader', () => {
  it('on SQLite reads again only after a write of this process or after its maximum age', async () => {
    const row = { version: 3, changed_at: '2026-12-05 10:00:00.000' };
    const { ds, reads } = sqliteSource(row);
    let now = 1_000;
    const reader = new ContentVersionReader(ds, () => now);
    expect(await reader.current()).toBe('3@2026-12-05 10:00:00.000');
    expect(await reader.current()).toBe('3@2026-12-05 10:00:00.000');
    expect(reads()).toBe(1);
    // SQLite keeps UTC text; the reading gives the instant (a feed's Last-Modified)
    expect((await reader.read()).changedAt.toISOString()).toBe('2026-12-05T10:00:00.000Z');

    row.version = 4;
    localContentChanges.count++; // what bumpContentVersion does in this process
    expect(await reader.current()).toBe('4@2026-12-05 10:00:00.000');
    expect(reads()).toBe(2);

    row.version = 5; // another process (npm run seed) changed the file
    expect(await reader.current()).toBe('4@2026-12-05 10:00:00.000');
    now += SQLITE_VERSION_MAX_AGE_MS;
    expect(await reader.current()).toBe('5@2026-12-05 10:00:00.000');
    expect(reads()).toBe(3);
  });

  it('on PostgreSQL without a listener reads the shared row on every request (other instances write too)', async () => {
    let reads = 0;
    const ds = {
      options: { type: 'postgres' },
      query: () => {
        reads++;
        return Promise.resolve([{ version: reads, changed_at: new Date(Date.UTC(2026, 11, 5)) }]);
      },
    } as unknown as DataSource;
    const reader = new ContentVersionReader(ds);
    expect(await reader.current()).toBe('1@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('2@2026-12-05T00:00:00.000Z');
    expect((await reader.read()).changedAt.toISOString()).toBe('2026-12-05T00:00:00.000Z');
  });

  it('on PostgreSQL while the listener listens reads the row once per notification, local commit and reconnect', async () => {
    let reads = 0;
    const row = { version: 7, changed_at: new Date(Date.UTC(2026, 11, 5)) };
    const ds = {
      options: { type: 'postgres' },
      query: () => {
        reads++;
        return Promise.resolve([{ ...row }]);
      },
    } as unknown as DataSource;
    const signal = { live: true, generation: 1 };
    const reader = new ContentVersionReader(ds, Date.now, signal);
    expect(await reader.current()).toBe('7@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('7@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(1);

    row.version = 8; // another instance committed: its NOTIFY arrives
    signal.generation++;
    expect(await reader.current()).toBe('8@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('8@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(2);

    row.version = 9; // this process committed: seen at once, before a notification
    localContentChanges.count++;
    expect(await reader.current()).toBe('9@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(3);

    // connection lost: every request reads the row (the fallback), nothing is kept
    signal.live = false;
    signal.generation++;
    row.version = 10;
    expect(await reader.current()).toBe('10@2026-12-05T00:00:00.000Z');
    row.version = 11;
    expect(await reader.current()).toBe('11@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(5);

    // listening again: one read for what changed during the gap, then none
    signal.live = true;
    signal.generation++;
    row.version = 12;
    expect(await reader.current()).toBe('12@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('12@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(6);
  });

  it('on PostgreSQL does not keep a reading during which a notification arrived', async () => {
    let reads = 0;
    const signal = { live: true, generation: 1 };
    const ds = {
      options: { type: 'postgres' },
      query: () => {
        reads++;
        if (reads === 1) signal.generation++; // committed elsewhere while this read was under way
        return Promise.resolve([{ version: reads, changed_at: new Date(Date.UTC(2026, 11, 5)) }]);
      },
    } as unknown as DataSource;
    const reader = new ContentVersionReader(ds, Date.now, signal);
    expect(await reader.current()).toBe('1@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('2@2026-12-05T00:00:00.000Z');
    expect(await reader.current()).toBe('2@2026-12-05T00:00:00.000Z');
    expect(reads).toBe(2);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../src/app.entities.js';
import { SQLITE_PRAGMAS } from '../src/database/database-options.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

/** A process killed with SIGKILL in the middle of writing loses no confirmed write and leaves a sound file. */
describe('crash safety (SQLite)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = new DataSource(appDataSourceOptions({ databasePath: db.databasePath }));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  });
  /** Kills the writer process if the test left it running. */
  let killWriter: () => void = () => undefined;
  afterAll(async () => {
    killWriter();
    await db.drop();
  });

  it('keeps every confirmed write after SIGKILL, and integrity_check is ok', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'test/fixtures/crash-writer.mjs'), db.databasePath, JSON.stringify(SQLITE_PRAGMAS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const confirmed: number[] = [];
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) confirmed.push(Number(l));
    });
    const exited = new Promise((r) => child.once('exit', r));
    // Let it write for a while, then kill it mid-stream. A writer that ends by itself fails the test
    // with what it had confirmed, instead of waiting for the timeout; one that is still writing when the
    // test fails or times out is killed (the jest worker's exit would leave it running).
    killWriter = () => child.kill('SIGKILL');
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (confirmed.length >= 2000) {
          clearInterval(check);
          resolve();
        }
      }, 5);
      child.once('exit', (code, signal) => {
        clearInterval(check);
        reject(new Error(`the writer ended by itself (code ${String(code)}, signal ${String(signal)}) after ${confirmed.length} confirmed writes`));
      });
    });
    child.kill('SIGKILL');
    await exited;

    const after = new Database(db.databasePath);
    try {
      expect(after.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const ids = new Set((after.prepare(`SELECT id FROM organisations WHERE name LIKE 'Absturz %'`).all() as { id: number }[]).map((r) => r.id));
      const lost = confirmed.filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      expect(ids.size).toBeGreaterThanOrEqual(confirmed.length);
    } finally {
      after.close();
    }
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseLocation } from '../../src/database/database-options.js';

export interface TestDatabase extends DatabaseLocation {
  /** Removes the temporary file or drops the temporary PostgreSQL database. */
  drop: () => Promise<void>;
}

/**
 * A fresh, empty database for one test app: a temporary SQLite file by default, or — when
 * TEST_DATABASE_URL points at a PostgreSQL server (as `.ci/run` does for its second pass) — a new
 * database on that server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'netzwerk-test-'));
  const databasePath = join(dir, 'test.sqlite');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return { databasePath, databaseUrl: null, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `netzwerk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databasePath,
    databaseUrl: url.toString(),
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
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
export async function createTestDatabase(sharedPath?: string): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (sharedPath) return sharedTestDatabase(sharedPath, serverUrl);
  const dir = mkdtempSync(join(tmpdir(), 'netzwerk-test-'));
  const databasePath = join(dir, 'test.sqlite');
  if (!serverUrl) {
    return { databasePath, databaseUrl: null, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `netzwerk_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name);
  return {
    databasePath,
    databaseUrl: databaseUrlFor(serverUrl, name),
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDatabase(serverUrl: string, name: string, ifMissing = false): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (ifMissing) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
}

/**
 * The database several app instances of one test share (restarts, two instances): named by the
 * SQLite path the test chose, so on PostgreSQL the same path means the same database. The test owns
 * it; nothing is dropped here (the SQLite file lives in the test's folder, the PostgreSQL server is
 * a throwaway one).
 */
async function sharedTestDatabase(sharedPath: string, serverUrl: string | undefined): Promise<TestDatabase> {
  if (!serverUrl) return { databasePath: sharedPath, databaseUrl: null, drop: () => Promise.resolve() };
  const name = `netzwerk_shared_${createHash('sha1').update(sharedPath).digest('hex').slice(0, 16)}`;
  await createDatabase(serverUrl, name, true);
  return { databasePath: sharedPath, databaseUrl: databaseUrlFor(serverUrl, name), drop: () => Promise.resolve() };
}

import { createHash, randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseLocation } from '../../src/database/database-options.js';

export interface TestDatabase extends DatabaseLocation {
  /** Removes the temporary file or drops the temporary PostgreSQL database. */
  drop: () => Promise<void>;
}

/**
 * A database state that many tests start from, built once per test run (per engine) and then
 * copied: a file copy on SQLite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL.
 */
export interface DatabaseTemplate {
  /** Names the content: two templates with the same name must be built alike. Letters, digits, '_'. */
  name: string;
  /** Brings the empty database at `location` into the template's state (e.g. the app's first start). */
  build: (location: DatabaseLocation) => Promise<void>;
}

/**
 * The folder and run id of this test run's templates, set by jest's global setup
 * (test/setup/global-setup.mjs). Without them (a helper used outside jest) no template is used.
 */
export function templateRun(): { dir: string; id: string } | null {
  const dir = process.env.NETZWERK_TEST_TEMPLATES;
  const id = process.env.NETZWERK_TEST_RUN;
  return dir && id ? { dir, id } : null;
}

/**
 * A fresh database for one test app: a temporary SQLite file by default, or — when
 * TEST_DATABASE_URL points at a PostgreSQL server (as `npm run test:postgres` does) — a new
 * database on that server, dropped afterwards (`serverUrl` undefined: SQLite even then). Empty, or
 * a copy of `template` when given.
 */
export async function createTestDatabase(sharedPath?: string, template?: DatabaseTemplate, serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (sharedPath) return sharedTestDatabase(sharedPath, serverUrl);
  const run = template ? templateRun() : null;
  const dir = mkdtempSync(join(tmpdir(), 'netzwerk-test-'));
  const databasePath = join(dir, 'test.sqlite');
  if (!serverUrl) {
    if (template && run) copyFileSync(await sqliteTemplate(run.dir, template), databasePath, constants.COPYFILE_FICLONE);
    else if (template) await template.build({ databasePath, databaseUrl: null });
    return { databasePath, databaseUrl: null, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `netzwerk_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = databaseUrlFor(serverUrl, name);
  if (template && run) {
    await createDatabase(serverUrl, name, await postgresTemplate(serverUrl, run.id, template));
  } else {
    await createDatabase(serverUrl, name);
    if (template) await template.build({ databasePath, databaseUrl });
  }
  return {
    databasePath,
    databaseUrl,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase(serverUrl, name);
    },
  };
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function createDatabase(serverUrl: string, name: string, template = 'template0', ifMissing = false): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    if (ifMissing) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8'`);
        return;
      } catch (e) {
        // 55006: the template is in use by another session (a copy being made at this moment).
        if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** This process's templates that are built or being built (one test file may start several apps at once). */
const pending = new Map<string, Promise<string>>();

function once(key: string, make: () => Promise<string>): Promise<string> {
  let promise = pending.get(key);
  if (!promise) {
    promise = make();
    pending.set(key, promise);
    promise.catch(() => pending.delete(key)); // a failed build is tried again by the next test
  }
  return promise;
}

/**
 * The template's SQLite file, built by the first jest worker that needs it; the others wait for it.
 * The build happens in its own folder (the app writes its outbox beside the database) and the
 * finished file is checkpointed (no -wal) and renamed into place, so a file that exists is complete.
 */
function sqliteTemplate(dir: string, template: DatabaseTemplate): Promise<string> {
  const file = join(dir, `${template.name}.sqlite`);
  return once(file, async () => {
    const lock = `${file}.lock`;
    for (const started = Date.now(); !existsSync(file); ) {
      try {
        mkdirSync(lock);
      } catch {
        if (Date.now() - started > 300_000) throw new Error(`Timed out waiting for the database template ${file}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      try {
        if (existsSync(file)) break;
        const work = mkdtempSync(join(dir, `${template.name}-`));
        const databasePath = join(work, 'template.sqlite');
        await template.build({ databasePath, databaseUrl: null });
        const db = new Database(databasePath);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('journal_mode = DELETE'); // one self-contained file; each copy's connection turns WAL on again
        db.close();
        renameSync(databasePath, file);
        rmSync(work, { recursive: true, force: true });
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    return file;
  });
}

/**
 * The template's PostgreSQL database (named by run and template), built under an advisory lock by
 * the first worker that needs it. Its name only exists once the build succeeded: the build runs in
 * a database with a temporary name that is renamed at the end.
 */
function postgresTemplate(serverUrl: string, runId: string, template: DatabaseTemplate): Promise<string> {
  const name = `netzwerk_tmpl_${runId}_${template.name}`;
  return once(name, () =>
    withAdmin(serverUrl, async (admin) => {
      const lockKey = createHash('sha1').update(name).digest().readInt32BE(0);
      await admin.query('SELECT pg_advisory_lock($1)', [lockKey]);
      try {
        const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount) return name;
        const building = `${name}_building`;
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8'`);
        const work = mkdtempSync(join(tmpdir(), 'netzwerk-template-')); // the app's outbox goes beside the SQLite path
        try {
          await template.build({ databasePath: join(work, 'template.sqlite'), databaseUrl: databaseUrlFor(serverUrl, building) });
          await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        } catch (e) {
          await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
          throw e;
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
        return name;
      } finally {
        await admin.query('SELECT pg_advisory_unlock($1)', [lockKey]);
      }
    }),
  );
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
  await createDatabase(serverUrl, name, 'template0', true);
  return { databasePath: sharedPath, databaseUrl: databaseUrlFor(serverUrl, name), drop: () => Promise.resolve() };
}

// Jest global teardown: removes this run's SQLite templates and drops its PostgreSQL templates.
import { rmSync } from 'node:fs';
import pg from 'pg';

// eslint-disable-next-line no-restricted-syntax -- jest loads the default export
export default async function globalTeardown() {
  const dir = process.env.NETZWERK_TEST_TEMPLATES;
  const run = process.env.NETZWERK_TEST_RUN;
  if (dir) rmSync(dir, { recursive: true, force: true });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || !run) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`netzwerk_tmpl_${run}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

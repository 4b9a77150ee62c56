// Jest global setup (once per jest run, before any worker starts): a folder and a run id for this
// run's database templates (test/helpers/test-database.ts). Workers inherit the environment.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line no-restricted-syntax -- jest loads the default export
export default function globalSetup() {
  process.env.NETZWERK_TEST_RUN = randomBytes(5).toString('hex');
  process.env.NETZWERK_TEST_TEMPLATES = mkdtempSync(join(tmpdir(), 'netzwerk-templates-'));
}

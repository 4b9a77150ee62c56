// Which e2e suites run together in one jest test file (a bundle), for jest.config.js and the bundle files
// in test/bundles/. Every test file costs jest about 1.5 CPU seconds before its first test (a fresh ESM
// module registry: NestJS, TypeORM and the app loaded again); most suites need only a few seconds more,
// so running them in groups saves that start-up for all but one file per group. A bundled suite is the
// same file as before (its describe blocks, hooks and timeouts are its own): a bundle only imports it.
// Not bundled: the suites listed under `firstStart` (they identify themselves by their file path) and
// under `standalone` in test/suites.json (long or time-boxed suites, which balance the two jest workers
// better on their own). On PostgreSQL (TEST_DATABASE_URL set) a bundle imports only its suites that
// are not `sqliteOnly`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many bundle files test/bundles/ holds (bundle-1 … bundle-N). */
export const BUNDLES = 8;

const root = import.meta.dirname;
const manifest = JSON.parse(readFileSync(join(root, 'suites.json'), 'utf8'));

/** The e2e suites (paths relative to the project root, e.g. `test/audit.e2e-spec.ts`) that run in bundles. */
export function bundledSuites() {
  return readdirSync(root)
    .filter((name) => name.endsWith('.e2e-spec.ts'))
    .map((name) => `test/${name}`)
    .filter((path) => !(path in manifest.firstStart) && !(path in manifest.standalone))
    .sort();
}

/** The suites bundle `n` (1-based) runs on this engine: every BUNDLES-th of each engine's list. */
export function suitesOfBundle(n, onPostgres) {
  const all = bundledSuites();
  const list = onPostgres ? all.filter((path) => !(path in manifest.sqliteOnly)) : all;
  return list.filter((_, i) => i % BUNDLES === n - 1);
}

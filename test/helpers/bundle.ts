import { join } from 'node:path';
import { suitesOfBundle } from '../bundles.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

/** Imports the suites of bundle `n`: their describe blocks register in the importing test file. */
export async function runBundle(n: number): Promise<void> {
  const suites = suitesOfBundle(n, Boolean(process.env.TEST_DATABASE_URL));
  if (suites.length === 0) throw new Error(`bundle ${n} has no suites on this engine: lower BUNDLES in test/bundles.mjs`);
  for (const suite of suites) await import(join(ROOT, suite));
}

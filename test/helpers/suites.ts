import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface SuitesManifest {
  firstStart: Record<string, string>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'test', 'suites.json'), 'utf8')) as SuitesManifest;

/** Whether the running test file is listed in test/suites.json as one that performs the first start itself. */
export function firstStartSuite(): boolean {
  const testPath = expect.getState().testPath;
  if (!testPath) return false;
  return relative(ROOT, testPath).split('\\').join('/') in manifest.firstStart;
}

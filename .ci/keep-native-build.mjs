// Keeps this machine's compiled better-sqlite3 in prebuild-install's own cache (~/.npm/_prebuilds), under
// the name of the release prebuild it tries to download first. GitHub is not reachable from CI, so without
// it every `npm ci` compiles SQLite from source (about 75 CPU seconds); with it, the next `npm ci` on this
// machine unpacks the binary it compiled before. The name carries the package version, the Node ABI,
// platform and architecture, so a different Node or better-sqlite3 compiles again (and is kept then).
// A machine without the cache (a newcomer, a fresh CI runner) simply compiles, as before.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.resolve(import.meta.dirname, '..', 'node_modules', 'better-sqlite3');
const binary = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
const prebuild = path.join(dir, '..', 'prebuild-install');
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const rc = require(path.join(prebuild, 'rc'))(pkg);
const util = require(path.join(prebuild, 'util'));
const cached = util.cachedPrebuild(util.getDownloadUrl({ ...rc, pkg }));

if (!fs.existsSync(binary)) {
  console.log(`keep-native-build: no ${binary}, nothing kept`);
} else if (fs.existsSync(cached)) {
  console.log(`keep-native-build: ${path.basename(cached)} already kept`);
} else {
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const temp = `${cached}.${process.pid}.tmp`;
  execFileSync('tar', ['-czf', temp, '-C', dir, 'build/Release/better_sqlite3.node']);
  fs.renameSync(temp, cached);
  console.log(`keep-native-build: kept ${path.basename(cached)}`);
}

// Runs several e2e suites in one jest test file (see test/bundles.mjs, which says which and why).
import { runBundle } from '../helpers/bundle.js';

await runBundle(7);

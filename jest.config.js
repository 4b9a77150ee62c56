/** Jest 30 in native ESM mode (NestJS 12 is ESM-only); run with NODE_OPTIONS=--experimental-vm-modules. */
import { readFileSync } from 'node:fs';
import { bundledSuites } from './test/bundles.mjs';

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testEnvironment: 'node',
};

/** Which e2e suites also run on PostgreSQL, each with its reason: test/suites.json. */
const suites = JSON.parse(readFileSync(new URL('./test/suites.json', import.meta.url), 'utf8'));
const pattern = (path) => `<rootDir>/${path}`.replace(/\./g, '\\.');
const sqliteOnly = Object.keys(suites.sqliteOnly).map(pattern);
/** Suites that run inside test/bundles/bundle-N.e2e-spec.ts instead of as files of their own (test/bundles.mjs). */
const bundled = bundledSuites().map(pattern);

export default {
  // Global, not per project (jest ignores testTimeout inside a project): the e2e suites start real
  // apps, which takes seconds on a busy 2-core machine.
  testTimeout: 30000,
  // A folder and run id for the database templates every test app starts from (test/helpers/test-database.ts).
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'] },
    // Services against a real migrated and seeded database, without HTTP (test/integration/README.md).
    // Here and in every project below that may run on PostgreSQL: one query at a time per connection,
    // a parallel one fails the test (test/helpers/one-query-per-connection.ts).
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'] },
    // Every e2e suite on SQLite (or on PostgreSQL when TEST_DATABASE_URL is set). npm runs it on two
    // workers: each test app has its own copy of the database template, temp folder and port 0.
    // Most suites run in bundles (test/bundles.mjs): their own files are passed by here.
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: ['/node_modules/', ...bundled], setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'] },
    // The PostgreSQL pass (npm run test:postgres): the e2e suites again, without those test/suites.json
    // lists as sqliteOnly (time-boxed, SQLite-specific or HTTP-only).
    {
      ...shared,
      displayName: 'e2e-postgres',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...sqliteOnly, ...bundled],
      setupFiles: ['<rootDir>/test/setup/require-postgres.mjs'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'],
    },
    // Only in the PostgreSQL pass (TEST_DATABASE_URL set): compares the two engines' schemas.
    { ...shared, displayName: 'postgres', testMatch: ['<rootDir>/test/postgres/**/*.pg-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'] },
    // Real Chromium (test/browser): one browser per file, always run in band (npm run test:browser).
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/browser/support/jest-setup.ts'] },
  ],
};

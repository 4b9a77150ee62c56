/** Jest 30 in native ESM mode (NestJS 12 is ESM-only); run with NODE_OPTIONS=--experimental-vm-modules. */
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testEnvironment: 'node',
};

export default {
  // Global, not per project (jest ignores testTimeout inside a project): the e2e suites start real
  // apps with migrations and seeds, which takes seconds on a busy 2-core machine.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'] },
    // One query at a time per PostgreSQL connection: a parallel one fails the test (test/helpers/one-query-per-connection.ts).
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'] },
    // Only in the PostgreSQL pass (TEST_DATABASE_URL set): compares the two engines' schemas.
    { ...shared, displayName: 'postgres', testMatch: ['<rootDir>/test/postgres/**/*.pg-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/helpers/one-query-per-connection.ts'] },
    // Real Chromium (test/browser): one browser per file, always run in band (npm run test:browser).
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/browser/support/jest-setup.ts'] },
  ],
};

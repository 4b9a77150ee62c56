// setupFiles of the e2e-postgres project: it exists to run the e2e suites on PostgreSQL.
if (!process.env.TEST_DATABASE_URL) {
  throw new Error('The e2e-postgres project needs TEST_DATABASE_URL (a PostgreSQL server): run `npm run test:postgres`.');
}

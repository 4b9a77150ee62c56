/** Every PostgreSQL migration in order, in step with migrations/sqlite (a test compares the schemas). */
export const MIGRATIONS = [];

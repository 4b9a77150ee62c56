import { afterAll, afterEach } from '@jest/globals';
import pg from 'pg';

/**
 * Jest setup (e2e and postgres projects): a PostgreSQL connection runs one query at a time. node-postgres
 * still queues a query sent while the connection is busy — with a DeprecationWarning, and pg@9 will
 * refuse it — and such a query means code ran queries in parallel on one transaction or query runner
 * (a Promise.all over one EntityManager). Every such call is recorded with its stack and fails the test
 * (or, in beforeAll, the file). Stricter than pg's own check, which stays silent for the second query.
 */
type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

const running = new WeakMap<pg.Client, number>();
const parallelQueries: string[] = [];

/** The parallel queries seen since the last call (for the test that shows the guard works). */
export function takeParallelQueries(): string[] {
  return parallelQueries.splice(0);
}

function failOnParallelQueries(): void {
  const found = takeParallelQueries();
  if (found.length > 0) {
    throw new Error(`${found.length} quer(y|ies) sent while their PostgreSQL connection was busy:\n${found.join('\n\n')}`);
  }
}

const client = pg.Client.prototype as unknown as { query: QueryFn; oneQueryGuard?: true };
if (!client.oneQueryGuard) {
  const query = client.query;
  client.query = function (this: pg.Client, ...args: unknown[]): unknown {
    const busy = running.get(this) ?? 0;
    if (busy > 0) parallelQueries.push(new Error(`query while ${busy} still running: ${String(args[0]).slice(0, 200)}`).stack ?? '');
    running.set(this, busy + 1);
    const done = (): void => void running.set(this, (running.get(this) ?? 1) - 1);
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]): unknown => {
        done();
        return (callback as (...r: unknown[]) => unknown)(...results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) void result.then(done, done);
    else done(); // a submittable (cursor, stream): not used here
    return result;
  };
  client.oneQueryGuard = true;
}

afterEach(failOnParallelQueries);
afterAll(failOnParallelQueries);

import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Counts the SQL statements the app sends, at the drivers (better-sqlite3 statements and `exec`,
 * node-postgres `Client.query`), so TypeORM, raw statements on the driver's own handle and the session
 * store are all seen. For query budgets (test/query-budgets.e2e-spec.ts): the count of one request is
 * deterministic as long as no background worker of the app runs (start the test app with the mail
 * worker and the text worker off).
 *
 * Not counted: the page cache's read of the content version (`content_version`). On SQLite it is
 * made at most every SQLITE_VERSION_MAX_AGE_MS, so whether a request makes it depends on the clock;
 * what it costs is measured by `npm run bench`, not here.
 */
type Fn = (this: unknown, ...args: unknown[]) => unknown;

interface Recorder {
  recording: boolean;
  seen: string[];
}

/**
 * Where a wrapped driver method finds the recorder of the running test file. Jest gives each test file
 * its own module registry, but better-sqlite3's native Statement class is loaded once per worker process:
 * the first file wraps its methods, and each later file only puts its own recorder on the prototype.
 */
const RECORDER = '__netzwerkSqlRecorder';
const recorder: Recorder = { recording: false, seen: [] };
const CONTENT_VERSION_READ = /^SELECT version, changed_at FROM content_version\b/;

function wrap(proto: Record<string, unknown>, name: string, sqlOf: (self: unknown, args: unknown[]) => string): void {
  proto[RECORDER] = recorder;
  const original = proto[name] as Fn | undefined;
  if (typeof original !== 'function' || (original as { sqlCounted?: true }).sqlCounted) return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const active = proto[RECORDER] as Recorder;
    if (active.recording) {
      const sql = sqlOf(this, args);
      if (!CONTENT_VERSION_READ.test(sql)) active.seen.push(sql);
    }
    return original.apply(this, args);
  };
  (wrapped as { sqlCounted?: true }).sqlCounted = true;
  proto[name] = wrapped;
}

function install(): void {
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['all', 'get', 'run', 'iterate']) wrap(statementProto, name, (self) => String((self as { source?: string }).source ?? '?'));
  wrap(Database.prototype as unknown as Record<string, unknown>, 'exec', (_self, args) => String(args[0]));
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, 'query', (_self, args) => {
    const q = args[0];
    return typeof q === 'string' ? q : String((q as { text?: string } | null)?.text ?? '?');
  });
}
install();

/** Runs `fn` and returns what it returned and every SQL statement sent meanwhile (in order). */
export async function countSql<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  recorder.seen.length = 0;
  recorder.recording = true;
  try {
    const result = await fn();
    return { result, statements: [...recorder.seen] };
  } finally {
    recorder.recording = false;
    recorder.seen.length = 0;
  }
}

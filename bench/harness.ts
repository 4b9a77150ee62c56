import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface CaseResult {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Share of the ceiling's req/s at the same connection count. */
  ratio: number | null;
  non2xx3xx: number;
  errors: number;
  /** Requests answered during the run. */
  total: number;
}

export interface Target {
  name: string;
  /** Paths cycled through, one per request. */
  paths: string[];
  headers?: Record<string, string>;
  /** Default GET; e.g. REPORT for the CardDAV cases. */
  method?: string;
  body?: string;
}

/** How long to drive a target: a fixed time (the benchmark) or a fixed number of requests (the smoke test). */
export type Load = { seconds: number } | { requests: number };

/**
 * Methods autocannon cannot send (WebDAV's REPORT, PROPFIND): `connections` loops of fetch (undici,
 * keep-alive), each sending the next request when its answer is read; same figures as autocannon.
 */
async function measureWithFetch(base: string, target: Target, connections: number, load: Load): Promise<Omit<CaseResult, 'ratio'>> {
  const latencies: number[] = [];
  let bad = 0;
  let errors = 0;
  let i = 0;
  const started = performance.now();
  const until = 'seconds' in load ? started + load.seconds * 1000 : Infinity;
  const budget = 'requests' in load ? load.requests : Infinity;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < until && sent < budget) {
      sent++;
      const t0 = performance.now();
      try {
        const res = await fetch(base + target.paths[i++ % target.paths.length], { method: target.method, headers: target.headers, body: target.body });
        await res.arrayBuffer();
        if (res.status >= 400) bad++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => (latencies.length === 0 ? 0 : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]));
  return {
    name: target.name,
    connections,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50: at(0.5),
    p99: at(0.99),
    non2xx3xx: bad,
    errors,
    total: latencies.length,
  };
}

/** Drives one target and reports throughput and latency. */
export async function measure(base: string, target: Target, connections: number, load: Load): Promise<Omit<CaseResult, 'ratio'>> {
  if (target.method !== undefined && target.method !== 'GET') return measureWithFetch(base, target, connections, load);
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    ...('seconds' in load ? { duration: load.seconds } : { amount: load.requests, timeout: 60 }),
    headers: target.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: target.paths[i++ % target.paths.length] }),
      },
    ],
  });
  // autocannon counts 3xx as non-2xx; 304 answers are successes here.
  const codes = result.statusCodeStats as unknown as Record<string, { count: number } | undefined>;
  const bad = Object.entries(codes)
    .filter(([code]) => !/^[23]/.test(code))
    .reduce((n, [, s]) => n + (s?.count ?? 0), 0);
  return {
    name: target.name,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx3xx: bad,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/**
 * Logs in once as a browser does (GET /anmelden for the session cookie and the form's CSRF token, then
 * POST /anmelden) and returns the logged-in session's cookie (`name=value`) for the member rows.
 */
export async function loginCookie(base: string, email: string, password: string): Promise<string> {
  const cookieOf = (res: Response): string | null => res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /^(__Host-)?nm\.sid=/.test(c)) ?? null;
  const form = await fetch(base + '/anmelden');
  const html = await form.text();
  const anonymous = cookieOf(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (form.status !== 200 || !anonymous || !token) throw new Error(`login page answered ${form.status} without a session cookie or CSRF token`);
  const res = await fetch(base + '/anmelden', {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  await res.arrayBuffer();
  const session = cookieOf(res);
  if (res.status !== 303 || !session) throw new Error(`login as ${email} answered ${res.status} without a new session cookie`);
  // the member rows would silently measure an anonymous visitor if the cookie did not log in
  const account = await fetch(base + '/konto', { redirect: 'manual', headers: { cookie: session } });
  await account.arrayBuffer();
  if (account.status !== 200) throw new Error(`the session cookie of ${email} is not logged in (/konto answered ${account.status})`);
  return session;
}

export interface Server {
  process: ChildProcess;
  base: string;
  startupMs: number;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

/** Forks a compiled server script and waits until `readyPath` answers 200 (or the child says ready). */
export async function startServer(script: string, env: Record<string, string>, port: number, readyPath: string, nodeFlags: string[] = []): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  // An old server still answering here would be measured instead of ours.
  const stale = await fetch(base + readyPath).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`port ${port} is already in use (a server left over from an earlier run?)`);
  const started = Date.now();
  const child = fork(script, [], { execArgv: nodeFlags, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} ended with code ${child.exitCode}`);
    try {
      const res = await fetch(base + readyPath);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`${script} did not become ready`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const startupMs = Date.now() - started;
  return {
    process: child,
    base,
    startupMs,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export function table(rows: CaseResult[]): string {
  const head = ['case', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'of ceiling', 'non-2xx/3xx', 'errors'];
  const body = rows.map((r) => [
    r.name,
    String(r.connections),
    String(r.requestsPerSecond),
    String(r.p50),
    String(r.p99),
    r.ratio === null ? '–' : `${Math.round(r.ratio * 100)} %`,
    String(r.non2xx3xx),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

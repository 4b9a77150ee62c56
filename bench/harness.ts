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
}

/** How long to drive a target: a fixed time (the benchmark) or a fixed number of requests (the smoke test). */
export type Load = { seconds: number } | { requests: number };

/** Drives one target and reports throughput and latency. */
export async function measure(base: string, target: Target, connections: number, load: Load): Promise<Omit<CaseResult, 'ratio'>> {
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

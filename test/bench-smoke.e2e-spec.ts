import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildDataset, sizeFor } from '../bench/dataset.js';
import { measure, table } from '../bench/harness.js';
import { checkTargets, coldFeedMs, davSyncToken, feedEtag, MEMBER_NO_CACHE_ROWS, MEMBER_ROWS, memberCookie, targets } from '../bench/run.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Keeps the benchmark harness from rotting: a tiny dataset, every case, a few requests each. */
describe('benchmark smoke', () => {
  let dir: string;
  let t: TestApp;
  let base: string;
  let dataset: Awaited<ReturnType<typeof buildDataset>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netzwerk-bench-smoke-'));
    dataset = await buildDataset({ databasePath: join(dir, 'bench.sqlite'), databaseUrl: null }, sizeFor(300));
    // The benchmark dataset is an SQLite file, also in the PostgreSQL pass.
    t = await createTestApp({ databasePath: dataset.location.databasePath, databaseUrl: null, seedOnStart: false });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a dataset of the requested size through the real migrations', () => {
    expect(dataset.size.people).toBe(300);
  });

  it('drives every case without errors or non-2xx answers', async () => {
    const cold = await coldFeedMs(base, dataset, 2);
    expect(cold.maxMs).toBeGreaterThan(0);
    const etag = await feedEtag(base, dataset);
    const cookie = await memberCookie(base, dataset);
    const rows = [];
    for (const target of targets(dataset, etag, await davSyncToken(base, dataset), cookie)) {
      // A fixed number of requests, not a fixed time: on a busy machine one slow request may take
      // longer than a short run, and a timed run would then count nothing.
      const r = await measure(base, target, 2, { requests: 6 });
      expect({ name: r.name, bad: r.non2xx3xx, errors: r.errors }).toEqual({ name: target.name, bad: 0, errors: 0 });
      expect(r.total).toBeGreaterThan(0);
      rows.push({ ...r, ratio: null });
    }
    expect(table(rows)).toContain('| search');
    expect(table(rows)).toContain('| search, no-cache');
    for (const name of [...Object.values(MEMBER_ROWS), ...Object.values(MEMBER_NO_CACHE_ROWS)]) expect(table(rows)).toContain(`| ${name}`);
    const checks = checkTargets(rows, [], cold, 100);
    expect(checks.map((c) => c.target)).toHaveLength(16);
    expect(checks.filter((c) => c.target.startsWith('member ')).length).toBe(4);
    expect(checks.some((c) => c.target.startsWith('full search (no-cache'))).toBe(true);
    expect(checks.find((c) => c.target.startsWith('0 errors'))?.met).toBe(true);
    expect(checkTargets(rows, [], cold, 100, 'postgres').filter((c) => c.target.startsWith('PostgreSQL:'))).toHaveLength(2);
  }, 120_000);

  it('measures the member rows as the logged-in member, every request rendered', async () => {
    const cookie = await memberCookie(base, dataset);
    const member = targets(dataset, await feedEtag(base, dataset), await davSyncToken(base, dataset), cookie).filter((x) => x.headers?.cookie === cookie);
    const expected = [...Object.values(MEMBER_ROWS), ...Object.values(MEMBER_NO_CACHE_ROWS)].filter((n) => n !== MEMBER_ROWS.feed && n !== MEMBER_NO_CACHE_ROWS.feed);
    expect(member.map((x) => x.name).sort()).toEqual(expected.sort());
    for (const target of member) {
      const res = await fetch(base + target.paths[0], { headers: target.headers });
      await res.arrayBuffer();
      expect({ name: target.name, status: res.status, cacheControl: res.headers.get('cache-control'), xCache: res.headers.get('x-cache') }).toEqual({
        name: target.name,
        status: 200,
        cacheControl: expect.stringContaining('no-store') as unknown, // what members' answers carry
        // a reload renders afresh; otherwise the members' page cache answers (its first request renders)
        xCache: target.headers?.['cache-control'] === 'no-cache' ? 'miss' : (expect.stringMatching(/^(hit|miss)$/) as unknown),
      });
    }
  }, 120_000);
});

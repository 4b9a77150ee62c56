import { groupByKind, groupedOrder, hitHref, parseSearchFilters } from './search.view-model.js';
import { numberParts } from './search.service.js';

describe('search page filters', () => {
  const bodies = new Set([3, 7]);
  const kinds = ['person', 'meeting', 'decision'] as const;
  const parse = (raw: Partial<{ kind: string; gremium: string; von: string; bis: string }>) =>
    parseSearchFilters({ kind: '', gremium: '', von: '', bis: '', ...raw }, bodies, kinds);

  it('reads kind, body and German or ISO dates', () => {
    expect(parse({ kind: 'meeting', gremium: '7', von: '1.3.2026', bis: '2026-03-31' })).toMatchObject({ kind: 'meeting', bodyId: 7, from: '2026-03-01', to: '2026-03-31', errors: {} });
    // An unknown or unregistered kind means every kind, silently (like a stale link).
    expect(parse({ kind: 'document' }).kind).toBeUndefined();
    expect(parse({ kind: 'x' }).kind).toBeUndefined();
  });

  it('names what it cannot use and leaves it out', () => {
    const bad = parse({ gremium: '99', von: '31.02.2026', bis: 'morgen' });
    expect(bad).toMatchObject({ bodyId: null, from: null, to: null });
    expect(Object.keys(bad.errors).sort()).toEqual(['bis', 'gremium', 'von']);
    expect(parse({ gremium: '1; DROP TABLE' }).errors.gremium).toMatch(/gibt es nicht/);
    const reversed = parse({ von: '31.03.2026', bis: '01.03.2026' });
    expect(reversed).toMatchObject({ from: '2026-03-31', to: null });
    expect(reversed.errors.bis).toMatch(/vor seinem Anfang/);
  });
});

describe('search result grouping', () => {
  it('puts the kind with the best hit first, keeping the order within each kind', () => {
    const hits = [
      { kind: 'meeting' as const, n: 1 },
      { kind: 'person' as const, n: 2 },
      { kind: 'meeting' as const, n: 3 },
      { kind: 'person' as const, n: 4 },
    ];
    expect(groupedOrder(hits).map((h) => h.n)).toEqual([1, 3, 2, 4]);
  });

  it('heads each run of one kind with its count', () => {
    const view = { href: '/', title: 't', subtitle: null, kindLabel: 'Sitzung', context: null, snippet: null };
    const groups = groupByKind([view, view, view], ['meeting', 'meeting', 'decision'], { meeting: 12, decision: 1 });
    expect(groups.map((g) => [g.heading, g.hits.length])).toEqual([
      ['Sitzungen (12)', 2],
      ['Beschlüsse (1)', 1],
    ]);
  });

  it('links a hit to its own path or its kind page', () => {
    expect(hitHref({ kind: 'person', refId: 5, path: null })).toBe('/personen/5');
    expect(hitHref({ kind: 'decision', refId: 5, path: '/sitzungen/2/protokoll#beschluss-BB-2026-07' })).toBe('/sitzungen/2/protokoll#beschluss-BB-2026-07');
  });
});

describe('decision numbers', () => {
  it('reads code, year and running number whatever the case and leading zeros', () => {
    expect(numberParts('BB-2026-07')).toEqual({ code: 'bb', year: 2026, sequence: 7 });
    expect(numberParts(' bb-2026-7 ')).toEqual({ code: 'bb', year: 2026, sequence: 7 });
    for (const text of ['BB 2026 07', 'BB-26-07', 'BB-2026-', '-2026-07', 'BB-2026-07-1', 'BB-2026-07; DROP']) expect(numberParts(text)).toBeNull();
  });
});

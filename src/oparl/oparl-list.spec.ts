import { listPage, MAX_LIMIT, OparlBadRequest, pageUrl, paginate, parseListQuery, type Segment } from './oparl-list.js';
import { canonicalIdSegment, parseObjectId, parseOrganizationKey } from './oparl-urls.js';

const LIST = 'https://netz.example.org/oparl/v1.1/body/1/meeting';

function segment(ids: number[]): Segment & { calls: [number, number][] } {
  const calls: [number, number][] = [];
  return {
    calls,
    count: () => Promise.resolve(ids.length),
    page: (offset, limit) => {
      calls.push([offset, limit]);
      return Promise.resolve(ids.slice(offset, offset + limit).map((id) => ({ id })));
    },
  };
}

describe('OParl list parameters', () => {
  it('reads filters, page, limit (capped) and omit_internal', () => {
    const q = parseListQuery({ modified_since: '2026-03-01T00:00:00+01:00', page: '3', limit: '100000', omit_internal: 'true', foo: 'bar' });
    expect(q.filter.modifiedSince?.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(q).toMatchObject({ page: 3, limit: MAX_LIMIT, limitGiven: true, omitInternal: true });
    expect(parseListQuery({})).toMatchObject({ page: 1, limit: 100, limitGiven: false, omitInternal: false, filter: {} });
  });

  it('refuses naive times, repeated parameters, bad pages and limits', () => {
    for (const query of [
      { created_since: '2026-03-01T00:00:00' },
      { modified_until: '2026-03-01' },
      { created_since: ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'] },
      { page: '0' },
      { page: '1.5' },
      { limit: '-3' },
      { omit_internal: 'ja' },
    ]) {
      expect(() => parseListQuery(query)).toThrow(OparlBadRequest);
    }
  });

  it('keeps the client’s filter values verbatim in every link, in one canonical order', () => {
    const q = parseListQuery({ omit_internal: 'true', created_until: '2026-03-01T00:00:00.5Z', limit: '7' });
    expect(pageUrl(LIST, q, 1)).toBe(`${LIST}?created_until=2026-03-01T00%3A00%3A00.5Z&omit_internal=true&limit=7`);
    expect(pageUrl(LIST, q, 2)).toBe(`${LIST}?created_until=2026-03-01T00%3A00%3A00.5Z&omit_internal=true&limit=7&page=2`);
    expect(pageUrl(LIST, parseListQuery({}), 1)).toBe(LIST);
  });

  it('links next on every page but the last, prev on every page but the first', () => {
    const q = (page: string) => parseListQuery({ page, limit: '10' });
    expect(listPage(LIST, q('1'), [], 25).links).toEqual({ first: `${LIST}?limit=10`, self: `${LIST}?limit=10`, last: `${LIST}?limit=10&page=3`, next: `${LIST}?limit=10&page=2` });
    expect(listPage(LIST, q('3'), [], 25).links.next).toBeUndefined();
    expect(listPage(LIST, q('3'), [], 25).pagination).toEqual({ totalElements: 25, elementsPerPage: 10, currentPage: 3, totalPages: 3 });
    expect(listPage(LIST, q('1'), [], 0).links.next).toBeUndefined();
  });

  it('pages across segments laid end to end, asking each only for its part', async () => {
    const live = segment([1, 2, 3, 4, 5]);
    const gone = segment([90, 91, 92]);
    const page2 = await paginate([live, gone], parseListQuery({ page: '2', limit: '3' }));
    expect(page2).toEqual({ total: 8, data: [{ id: 4 }, { id: 5 }, { id: 90 }] });
    expect(live.calls).toEqual([[3, 2]]);
    expect(gone.calls).toEqual([[0, 1]]);
    const page3 = await paginate([live, gone], parseListQuery({ page: '3', limit: '3' }));
    expect(page3.data).toEqual([{ id: 91 }, { id: 92 }]);
    expect((await paginate([live, gone], parseListQuery({ page: '9', limit: '3' }))).data).toEqual([]);
  });
});

describe('OParl ids', () => {
  it('accepts canonical ids only and names the canonical form of zero-padded ones', () => {
    expect(parseObjectId('12')).toBe(12);
    for (const bad of ['012', '+12', '1e3', '', '99999999999', '12a']) expect(parseObjectId(bad)).toBeNull();
    expect(parseOrganizationKey('gremium-3')).toEqual({ kind: 'gremium', id: 3 });
    expect(parseOrganizationKey('institution-04')).toBeNull();
    expect(canonicalIdSegment('007')).toBe('7');
    expect(canonicalIdSegment('institution-04')).toBe('institution-4');
    for (const fine of ['7', 'v1.1', 'meeting', '0', 'gremium-4']) expect(canonicalIdSegment(fine)).toBeNull();
  });
});

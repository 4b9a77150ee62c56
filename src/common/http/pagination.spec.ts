import { pageRequest, pageView, queryString, queryText } from './pagination.js';

describe('pageRequest', () => {
  it.each([
    [undefined, 1],
    ['2', 2],
    ['-1', 1],
    ['abc', 1],
    ['0', 1],
    ['99999999999999999999', 1],
    ['1e3', 1],
    [['2', '3'], 1],
  ])('page=%p → %p', (raw, page) => {
    expect(pageRequest(raw, 25).page).toBe(page);
  });

  it('computes the offset', () => {
    expect(pageRequest('3', 20).offset).toBe(40);
  });
});

describe('pageView', () => {
  it('clamps to the last page and links neighbours', () => {
    const v = pageView(pageRequest('50', 10), 35, (n) => `/p?page=${n}`);
    expect(v.page).toBe(4);
    expect(v.pageCount).toBe(4);
    expect(v.from).toBe(31);
    expect(v.to).toBe(35);
    expect(v.nextHref).toBeNull();
    expect(v.previousHref).toBe('/p?page=3');
  });

  it('handles an empty list', () => {
    const v = pageView(pageRequest('1', 10), 0, (n) => `?page=${n}`);
    expect(v).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0 });
  });
});

describe('query helpers', () => {
  it('drops empty values', () => {
    expect(queryString({ q: 'Müller', page: 2, kind: '' })).toBe('?q=M%C3%BCller&page=2');
  });
  it('treats arrays as absent and bounds length', () => {
    expect(queryText(['a', 'b'])).toBe('');
    expect(queryText('x'.repeat(500), 10)).toBe('x'.repeat(10));
  });
});

import { fts5Expression, parseQuery } from './search-query.js';

describe('parseQuery', () => {
  it('folds and tokenises', () => {
    expect(parseQuery('  Müller-Lüdenscheidt  ').tokens).toEqual(['muller', 'ludenscheidt']);
    expect(parseQuery('Дмит').tokens).toEqual(['дмит']);
  });

  it.each(['"', '*', 'NEAR(', 'a OR b', '-x', '((', "'; DROP TABLE people; --", '😀', '\u202Eabc'])(
    'turns %p into safe prefix tokens',
    (raw) => {
      const expr = fts5Expression(parseQuery(raw));
      expect(expr).not.toMatch(/[()]/);
      for (const part of expr.split(' ').filter(Boolean)) expect(part).toMatch(/^"[\p{L}\p{N}]+"\*$/u);
    },
  );

  it('bounds huge input', () => {
    const q = parseQuery('wort '.repeat(2000));
    expect(q.tokens.length).toBeLessThanOrEqual(8);
    expect(q.folded.length).toBeLessThanOrEqual(500);
  });
});

import { mergeFields, normalizeText, textHash } from './minutes-merge.js';

describe('mergeFields', () => {
  const base = { opening: 'Begrüßung', top1: 'Bericht', top2: 'Haushalt' };
  const hashes = { opening: textHash(base.opening), top1: textHash(base.top1), top2: textHash(base.top2) };

  it('applies my change where nobody else changed the text', () => {
    const current = { ...base, top2: 'Haushalt – von Kollegin ergänzt' };
    const out = mergeFields(current, {
      opening: { value: base.opening, baseHash: hashes.opening },
      top1: { value: 'Bericht – meine Ergänzung', baseHash: hashes.top1 },
      top2: { value: base.top2, baseHash: hashes.top2 },
    });
    expect(out.conflicts).toEqual([]);
    expect(out.merged).toEqual({ opening: 'Begrüßung', top1: 'Bericht – meine Ergänzung', top2: 'Haushalt – von Kollegin ergänzt' });
  });

  it('reports a conflict where both changed the same text differently, and overwrites nothing', () => {
    const current = { ...base, top1: 'Bericht – Version A' };
    const out = mergeFields(current, { top1: { value: 'Bericht – Version B', baseHash: hashes.top1 } });
    expect(out.conflicts).toEqual(['top1']);
    expect(out.merged.top1).toBe('Bericht – Version A');
  });

  it('is no conflict when both typed the same', () => {
    const current = { ...base, top1: 'Gleich' };
    expect(mergeFields(current, { top1: { value: 'Gleich – anders', baseHash: hashes.top1 } }).conflicts).toEqual(['top1']);
    expect(mergeFields(current, { top1: { value: 'Gleich', baseHash: hashes.top1 } }).conflicts).toEqual([]);
  });

  it('ignores CRLF versus LF', () => {
    expect(normalizeText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(textHash('a\r\nb')).toBe(textHash('a\nb'));
  });
});

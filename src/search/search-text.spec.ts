import { cleanQueryInput, contentVariants, nameVariants, searchFold, searchTokens } from './search-text.js';

describe('search text', () => {
  it('indexes names under both umlaut spellings, whichever was stored', () => {
    expect(nameVariants('Müller')).toEqual(['muller', 'mueller']);
    expect(nameVariants('Mueller')).toEqual(['mueller', 'muller']);
    expect(nameVariants('Schmidt')).toEqual(['schmidt']);
    // Content keeps only the real spellings (no read-back of "ue").
    expect(contentVariants('Mueßer Holz')).toEqual(['muesser holz']);
  });

  it('reduces Persian and Arabic letter forms to one', () => {
    expect(searchFold('رحیمی')).toBe(searchFold('رحيمي'));
    expect(searchFold('کریمی')).toBe(searchFold('كريمي'));
    expect(searchFold('فاطمة')).toBe(searchFold('فاطمه'));
    expect(searchFold('محـــمد')).toBe(searchFold('محمد'));
    expect(searchFold('أحمد')).toBe(searchFold('احمد'));
    expect(nameVariants('رحیمی')).toEqual([searchFold('رحيمي')]);
  });

  it('tokenises every script and never yields an empty token', () => {
    expect(searchTokens('Đặng Văn-Minh')).toEqual(['dang', 'van', 'minh']);
    expect(searchTokens('ÇELİK')).toEqual(['celik']);
    expect(searchTokens('Дмитрий')).toEqual(['дмитрии']);
    expect(searchTokens('ـ ـــ')).toEqual([]);
    expect(searchTokens('😀 "*" ()')).toEqual([]);
  });

  it.each([
    ['a\u0000b', 'a b'],
    ['\u202Eabc\u202C', 'abc'],
    ['x\u2066y\u2069', 'x y'],
    ['\u001b[31mrot', '[31mrot'],
    ['  zwei\r\n Zeilen\t', 'zwei Zeilen'],
    ['kaputt\uD83D', 'kaputt'],
    ['\uDE00allein', 'allein'],
    ['😀 Müller', '😀 Müller'],
    ['مرحبا\u200Fx', 'مرحبا x'],
  ])('cleans %j to %j', (raw, expected) => {
    expect(cleanQueryInput(raw, 100)).toBe(expected);
  });

  it('bounds the length in characters without splitting a surrogate pair', () => {
    expect(cleanQueryInput('😀'.repeat(10), 3)).toBe('😀😀😀');
    expect(Array.from(cleanQueryInput('x'.repeat(10_000), 500))).toHaveLength(500);
    // Persian zero-width non-joiner (part of the spelling) is kept.
    expect(cleanQueryInput('می\u200Cخواهم', 50)).toBe('می\u200Cخواهم');
  });
});

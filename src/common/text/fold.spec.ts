import { foldText, foldedVariants, tokens, transcribeUmlauts } from './fold.js';

describe('foldText', () => {
  it.each([
    ['Müller', 'muller'],
    ['MULLER', 'muller'],
    ['Çelik', 'celik'],
    ['Đặng Văn Minh', 'dang van minh'],
    ['Straße', 'strasse'],
    ['Дмитрий', 'дмитрии'],
    ['ŁUKASZ', 'lukasz'],
    ['Yıldız', 'yildiz'],
    ['مُحَمَّد', 'محمد'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('gives both German spellings of umlauts', () => {
    expect(foldedVariants('Müller')).toEqual(['muller', 'mueller']);
    expect(foldedVariants('Schmidt')).toEqual(['schmidt']);
    expect(transcribeUmlauts('Jürgen Größe')).toBe('Juergen Groeße');
  });

  it('splits into tokens of any script and drops punctuation and operators', () => {
    expect(tokens('"Avramenko" OR (NEAR* -x)')).toEqual(['avramenko', 'or', 'near', 'x']);
    expect(tokens('Нгуєн Thị-Lan 😀 عبد الله')).toEqual(['нгуєн', 'thi', 'lan', 'عبد', 'الله']);
  });
});

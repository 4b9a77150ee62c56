import { letterOf, letterParam, parseFilterId, parseLanguageCode, parseLetter } from './directory-query.js';

describe('directory query parsing', () => {
  it.each([
    ['a', 'a'],
    ['A', 'a'],
    [' z ', 'z'],
    ['Ä', 'a'],
    ['andere', 'other'],
    ['ANDERE', 'other'],
    ['ÄÖ', undefined],
    ['', undefined],
    ['1', undefined],
    ['ж', undefined],
    ['<script>', undefined],
    [['a', 'b'], undefined],
    [{ x: 'a' }, undefined],
    [undefined, undefined],
  ])('letter %p → %p', (raw, expected) => {
    expect(parseLetter(raw)).toBe(expected);
  });

  it('writes letters back as URL values', () => {
    expect(letterParam('m')).toBe('M');
    expect(letterParam('other')).toBe('andere');
    expect(letterParam(undefined)).toBeUndefined();
  });

  it.each([
    ['avramenko dimitri', 'a'],
    ['nguyen thi lan', 'n'],
    ['коваленко олена', 'other'],
    ['العلي محمد', 'other'],
    ['1 test', 'other'],
    ['', 'other'],
  ])('sort key %p is under %p', (key, letter) => {
    expect(letterOf(key)).toBe(letter);
  });

  it.each([
    ['7', 7],
    ['123456', 123456],
    ['0', undefined],
    ['-3', undefined],
    ['abc', undefined],
    ['1.5', undefined],
    ['1e3', undefined],
    ['99999999999999999999', undefined],
    [['1'], undefined],
  ])('filter id %p → %p', (raw, expected) => {
    expect(parseFilterId(raw)).toBe(expected);
  });

  it.each([
    ['ar', 'ar'],
    ['RU', 'ru'],
    ['ckb', 'ckb'],
    ['<script>', undefined],
    ['a', undefined],
    ['de-DE', undefined],
    [['ar'], undefined],
  ])('language %p → %p', (raw, expected) => {
    expect(parseLanguageCode(raw)).toBe(expected);
  });
});

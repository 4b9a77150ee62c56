/** Letters that Unicode decomposition does not reduce to a base letter. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ł: 'l',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');
const GERMAN_UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/**
 * Folds text for comparison: lower case, accents and other combining marks removed (also Arabic
 * harakat), special letters spelled out. "Đặng" → "dang", "Çelik" → "celik", "Müller" → "muller".
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFC');
}

/** The German transcription of umlauts: "Müller" → "Mueller". */
export function transcribeUmlauts(text: string): string {
  return text.replace(/[äöüÄÖÜ]/g, (c) => GERMAN_UMLAUTS[c] ?? c);
}

/** Every folded spelling under which text should be found ("müller" → ["muller", "mueller"]). */
export function foldedVariants(text: string): string[] {
  const plain = foldText(text);
  const transcribed = foldText(transcribeUmlauts(text));
  return plain === transcribed ? [plain] : [plain, transcribed];
}

/** Splits folded text into word tokens (letters and digits of any script). */
export function tokens(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

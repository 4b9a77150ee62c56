import { foldText, foldedVariants } from '../common/text/fold.js';

/**
 * Arabic-script letters written differently in Arabic and Persian (or interchanged in everyday
 * typing), reduced to one form so a name typed on either keyboard is found: Persian yeh and alef
 * maksura → yeh, keheh → kaf, teh marbuta → heh, alef wasla → alef; tatweel (a stretching line) is dropped.
 */
const ARABIC_SCRIPT_LETTERS: Record<string, string> = {
  '\u06CC': '\u064A', // ی Persian yeh → ي
  '\u0649': '\u064A', // ى alef maksura → ي
  '\u06A9': '\u0643', // ک keheh → ك
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0640': '', // ـ tatweel
};
const ARABIC_SCRIPT_RE = /[\u06CC\u0649\u06A9\u0629\u0671\u0640]/gu;

function unifyScripts(folded: string): string {
  return folded.replace(ARABIC_SCRIPT_RE, (c) => ARABIC_SCRIPT_LETTERS[c] ?? c);
}

/** "mueller" → "muller": a German transcription read back as the umlaut, so "Mueller" is found as "Müller". */
function untranscribe(folded: string): string {
  return folded.replace(/([aou])e/g, '$1');
}

/** Text folded the way search compares it (case, accents, umlauts, Arabic/Persian letter forms). */
export function searchFold(text: string): string {
  return unifyScripts(foldText(text));
}

/** The word tokens of a text as search compares them (letters and digits of any script). */
export function searchTokens(text: string): string[] {
  return searchFold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Every spelling a name is indexed under: "Müller" → muller, mueller; "Mueller" → mueller, muller;
 * "رحیمی" → رحيمي. Queries are folded once (searchFold), the index holds all variants.
 */
export function nameVariants(text: string): string[] {
  const out = new Set<string>();
  for (const v of foldedVariants(text)) {
    const unified = unifyScripts(v);
    out.add(unified);
    out.add(untranscribe(unified));
  }
  return [...out];
}

/** Spellings of further (non-name) text: both umlaut spellings, unified Arabic-script letters. */
export function contentVariants(text: string): string[] {
  return [...new Set(foldedVariants(text).map(unifyScripts))];
}

const CONTROL_AND_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a user typed, made safe to search with and to show again: control characters (NUL, ESC,
 * line breaks) and bidirectional overrides (U+202E …) become spaces, broken surrogates vanish,
 * whitespace is collapsed and the length bounded in characters, not UTF-16 units.
 */
export function cleanQueryInput(raw: string, maxChars: number): string {
  const cleaned = raw.replace(LONE_SURROGATE, '').replace(CONTROL_AND_BIDI, ' ').replace(/\s+/gu, ' ').trim();
  const chars = Array.from(cleaned);
  return chars.length > maxChars ? chars.slice(0, maxChars).join('').trim() : cleaned;
}

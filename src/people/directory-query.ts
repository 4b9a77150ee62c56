import { queryText } from '../common/http/pagination.js';
import { foldText } from '../common/text/fold.js';

/** The A–Z letters of the directory, folded (lower case, as the sort key starts). */
export const DIRECTORY_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'] as const;
export type DirectoryLetter = (typeof DIRECTORY_LETTERS)[number];

/** A letter a–z, or 'other' for names whose sort key starts outside a–z (Cyrillic, Arabic, digits …). */
export const OTHER_SCRIPTS = 'other';
export type LetterFilter = DirectoryLetter | typeof OTHER_SCRIPTS;
/** Every letter group in A–Z bar order: A–Z, then other scripts. */
export const LETTER_GROUPS: readonly LetterFilter[] = [...DIRECTORY_LETTERS, OTHER_SCRIPTS];
/** How "other scripts" is spelled in the URL (?letter=andere). */
export const OTHER_SCRIPTS_PARAM = 'andere';

/** ?letter= read leniently: "a", "A" and "Ä" mean A, "andere" means other scripts; anything else means no letter filter. */
export function parseLetter(raw: unknown): LetterFilter | undefined {
  const text = queryText(raw, 20);
  if (text.toLowerCase() === OTHER_SCRIPTS_PARAM) return OTHER_SCRIPTS;
  const folded = foldText(text);
  return isDirectoryLetter(folded) ? folded : undefined;
}

/** The URL value of a letter filter ("A", "andere"). */
export function letterParam(letter: LetterFilter | undefined): string | undefined {
  if (letter === undefined) return undefined;
  return letter === OTHER_SCRIPTS ? OTHER_SCRIPTS_PARAM : letter.toUpperCase();
}

/** The letter group a sort key belongs to: its first letter when a–z, otherwise 'other'. */
export function letterOf(sortKey: string): LetterFilter {
  const first = sortKey.charAt(0);
  return isDirectoryLetter(first) ? first : OTHER_SCRIPTS;
}

function isDirectoryLetter(text: string): text is DirectoryLetter {
  return (DIRECTORY_LETTERS as readonly string[]).includes(text);
}

/** A filter id (?organisation=, ?body=) read leniently: a positive integer, else absent. */
export function parseFilterId(raw: unknown): number | undefined {
  const text = queryText(raw, 20);
  return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
}

/** ?language= read leniently: an ISO 639 code shape (2–3 letters), else absent. */
export function parseLanguageCode(raw: unknown): string | undefined {
  const text = queryText(raw, 10).toLowerCase();
  return /^[a-z]{2,3}$/.test(text) ? text : undefined;
}

import { contentVariants } from './search-text.js';

/** One piece of a snippet; `mark` pieces are the words that matched (the template wraps them in <mark>, escaping the text). */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Characters shown around the first matching word. */
const BEFORE = 70;
const AFTER = 150;

function matches(word: string, tokens: readonly string[], inside: boolean): boolean {
  const forms = contentVariants(word);
  return tokens.some((t) => forms.some((f) => (inside ? f.includes(t) : f.startsWith(t))));
}

/**
 * The passage of a long text around its first matching word, the matching words marked, as plain
 * text parts (never HTML: the template escapes every part, so nothing typed or stored becomes
 * markup). Words compare folded like the search does (case, accents, umlauts); `inside` also marks
 * words that merely contain a query word (the inside-words tier). Null when no word matches.
 */
export function snippetOf(text: string, tokens: readonly string[], inside = false): SnippetPart[] | null {
  if (tokens.length === 0 || text === '') return null;
  const words = [...text.matchAll(WORD)];
  const hit = words.find((w) => matches(w[0], tokens, false)) ?? (inside ? words.find((w) => matches(w[0], tokens, true)) : undefined);
  if (!hit || hit.index === undefined) return null;
  let start = Math.max(0, hit.index - BEFORE);
  let end = Math.min(text.length, hit.index + AFTER);
  // Whole words at both ends.
  if (start > 0) start = text.slice(start).search(/\s/u) + start + 1;
  if (end < text.length) {
    const cut = text.slice(0, end).search(/\s\S*$/u);
    if (cut > hit.index) end = cut;
  }
  const passage = text.slice(start, end).replace(/\s+/gu, ' ');
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '… ', mark: false });
  let at = 0;
  for (const w of passage.matchAll(WORD)) {
    if (w.index === undefined || !matches(w[0], tokens, inside)) continue;
    if (w.index > at) parts.push({ text: passage.slice(at, w.index), mark: false });
    parts.push({ text: w[0], mark: true });
    at = w.index + w[0].length;
  }
  if (at < passage.length) parts.push({ text: passage.slice(at), mark: false });
  if (end < text.length) parts.push({ text: ' …', mark: false });
  return parts;
}

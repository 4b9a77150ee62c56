import { searchFold, searchTokens } from './search-text.js';

const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 60;

export interface ParsedQuery {
  /** Folded query as typed, for exact-name ranking ("muller"). */
  folded: string;
  /** Word tokens, folded, bounded in count and length. */
  tokens: string[];
}

/**
 * Turns whatever a user typed into safe word tokens. Operators and punctuation (quotes, *, NEAR,
 * OR, -, parentheses, SQL) are plain text here: only letters and digits of any script survive.
 */
export function parseQuery(raw: string): ParsedQuery {
  const bounded = raw.slice(0, 500);
  const words = searchTokens(bounded)
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH))
    .slice(0, MAX_TOKENS);
  return { folded: searchFold(bounded).replace(/\s+/gu, ' ').trim(), tokens: words };
}

/**
 * How well a document matches, best first: every word is a whole word of the name (0), every word
 * starts a word of the name (1), every word starts a word anywhere, name, further or long text (2),
 * every word is inside a word of the name or further text (3: "berater" in "Migrationsberater";
 * trigram indexes, so only for words of at least TRIGRAM_MIN_LENGTH letters).
 */
export const MATCH_TIERS = ['whole-name', 'name-prefix', 'anywhere', 'inside-words'] as const;

/** Trigram indexes find nothing shorter than a trigram. */
export const TRIGRAM_MIN_LENGTH = 3;

/** Whether the inside-words tier can run: every word long enough for the trigram index. */
export function insideWordsApplies(q: ParsedQuery): boolean {
  return q.tokens.length > 0 && q.tokens.every((t) => Array.from(t).length >= TRIGRAM_MIN_LENGTH);
}

/** An FTS5 MATCH expression for the trigram table: every word as a quoted substring ("berater" "arabisch"). */
export function trigramExpression(q: ParsedQuery): string {
  return q.tokens.map((t) => `"${t.replace(/"/g, '')}"`).join(' ');
}

/** LIKE patterns for pg_trgm, one per word: `%berater%` (words hold only letters and digits, no wildcards). */
export function likePatterns(q: ParsedQuery): string[] {
  return q.tokens.map((t) => `%${t.replace(/[^\p{L}\p{N}]/gu, '')}%`);
}
export type MatchTier = (typeof MATCH_TIERS)[number];

/**
 * An FTS5 MATCH expression, all tokens required: `"dmit"* "avr"*` anywhere; restricted to the name
 * column for the name tiers, as whole words (`"dmitrij"`) or prefixes (`"dmit"*`).
 */
export function fts5Expression(q: ParsedQuery, tier: MatchTier = 'anywhere'): string {
  const quoted = q.tokens.map((t) => `"${t.replace(/"/g, '')}"${tier === 'whole-name' ? '' : '*'}`);
  return tier === 'anywhere' ? quoted.join(' ') : `{name_folded} : (${quoted.join(' AND ')})`;
}

/**
 * A PostgreSQL tsquery over the 'simple' configuration, all tokens required: prefixes (`dmit:*`) for
 * the name-prefix and anywhere tiers, whole words (`dmitrij`) for the whole-name tier. The name tiers
 * run against the vector of the names alone, so no weights are needed.
 */
export function tsqueryExpression(q: ParsedQuery, tier: MatchTier = 'anywhere'): string {
  const suffix = tier === 'whole-name' ? '' : ':*';
  return q.tokens.map((t) => `${t.replace(/[^\p{L}\p{N}]/gu, '')}${suffix}`).join(' & ');
}

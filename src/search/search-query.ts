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

/** An FTS5 MATCH expression: every token as a quoted prefix, all required ("dmit"* "avr"*). */
export function fts5Expression(q: ParsedQuery): string {
  return q.tokens.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
}

/** A PostgreSQL tsquery over the 'simple' configuration: every token as a prefix, all required. */
export function tsqueryExpression(q: ParsedQuery): string {
  return q.tokens.map((t) => `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`).join(' & ');
}

import type { DataSource } from 'typeorm';
import type { SearchKind } from './search-document.entity.js';
import { fts5Expression, type ParsedQuery, tsqueryExpression } from './search-query.js';

export interface SearchRow {
  kind: SearchKind;
  ref_id: number;
  title: string;
  subtitle: string | null;
  exactness: number;
  score: number;
}

export interface SearchRequest {
  query: ParsedQuery;
  kinds: SearchKind[];
  includeInternalBodies: boolean;
  limit: number;
}

/** One database's way of running the search; both give the same rows for the same data. */
export interface SearchEngine {
  run(dataSource: DataSource, request: SearchRequest): Promise<SearchRow[]>;
}

/**
 * Exactness (0 whole-word name match, 1 name prefix match, 2 other) is computed in SQL so that
 * exact names survive the candidate limit in a large directory. Tokens hold only letters and
 * digits and are passed as parameters.
 */
function exactnessSql(tokens: string[], placeholder: () => string, position: (needle: string, haystack: string) => string, concat: (...parts: string[]) => string): string {
  const names = concat(`' '`, 'd.name_folded', `' '`);
  const whole = tokens.map(() => `${position(concat(`' '`, placeholder(), `' '`), names)} > 0`).join(' AND ');
  const prefix = tokens.map(() => `${position(concat(`' '`, placeholder()), names)} > 0`).join(' AND ');
  return `CASE WHEN ${whole} THEN 0 WHEN ${prefix} THEN 1 ELSE 2 END`;
}

/** SQLite: the FTS5 table search_fts (prefix indexes), ranked by bm25 with names weighted 10:1. */
export const SQLITE_SEARCH: SearchEngine = {
  run(ds, { query, kinds, includeInternalBodies, limit }) {
    const exactness = exactnessSql(query.tokens, () => '?', (n, h) => `instr(${h}, ${n})`, (...p) => `(${p.join(' || ')})`);
    return ds.query(
      `SELECT d.kind, d.ref_id, d.title, d.subtitle, ${exactness} AS exactness, bm25(search_fts, 10.0, 1.0) AS score
         FROM search_fts
         JOIN search_documents d ON d.id = search_fts.rowid
         LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
        WHERE search_fts MATCH ?
          AND d.kind IN (${kinds.map(() => '?').join(', ')})
          AND (d.kind <> 'body' OR b.is_public = 1 OR ? = 1)
        ORDER BY exactness, score
        LIMIT ${limit}`,
      [...query.tokens, ...query.tokens, fts5Expression(query), ...kinds, includeInternalBodies ? 1 : 0],
    );
  },
};

/** The document vector; the same expression is indexed with GIN in the PostgreSQL migration. */
export const PG_SEARCH_VECTOR = `(setweight(to_tsvector('simple'::regconfig, d.name_folded), 'A') || setweight(to_tsvector('simple'::regconfig, d.content_folded), 'D'))`;

/** PostgreSQL: full text search over the already folded text with the 'simple' configuration. */
export const POSTGRES_SEARCH: SearchEngine = {
  run(ds, { query, kinds, includeInternalBodies, limit }) {
    let n = 0;
    const next = (): string => `$${++n}`;
    const exactness = exactnessSql(query.tokens, next, (needle, hay) => `strpos(${hay}, ${needle})`, (...p) => `(${p.join(' || ')})`);
    const tsq = next();
    const kindParams = kinds.map(() => next());
    const internal = next();
    return ds.query(
      `SELECT d.kind, d.ref_id, d.title, d.subtitle, ${exactness} AS exactness,
              -ts_rank('{0.1, 0.2, 0.4, 1.0}', ${PG_SEARCH_VECTOR}, to_tsquery('simple', ${tsq})) AS score
         FROM search_documents d
         LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
        WHERE ${PG_SEARCH_VECTOR} @@ to_tsquery('simple', ${tsq})
          AND d.kind IN (${kindParams.join(', ')})
          AND (d.kind <> 'body' OR b.is_public OR ${internal}::boolean)
        ORDER BY exactness, score
        LIMIT ${limit}`,
      [...query.tokens, ...query.tokens, tsqueryExpression(query), ...kinds, includeInternalBodies],
    );
  },
};

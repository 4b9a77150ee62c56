import type { DataSource } from 'typeorm';
import type { SearchKind } from './search-document.entity.js';
import {
  fts5Expression,
  insideWordsApplies,
  likePatterns,
  MATCH_TIERS,
  type MatchTier,
  type ParsedQuery,
  trigramExpression,
  tsqueryExpression,
} from './search-query.js';

export interface SearchRow {
  id: number;
  kind: SearchKind;
  ref_id: number;
  title: string;
  subtitle: string | null;
  path: string | null;
  day: string | null;
  body_id: number | null;
  body_title: string | null;
  /** 1 when the document has long text (snippets are read for those only), else 0. */
  has_text: number;
  /** The tier it was found in (0 whole name, 1 name prefix, 2 anywhere, 3 inside words). */
  exactness: number;
  score: number;
}

/** What the viewer may see: every public document; 'members' ones for members; 'editors' ones of the bodies they manage. */
export interface SearchScope {
  member: boolean;
  /** Bodies whose 'editors' documents (draft minutes' records) the viewer sees; 'all' for administrators. */
  editorBodies: readonly number[] | 'all';
}

export interface SearchRequest {
  query: ParsedQuery;
  kinds: SearchKind[];
  scope: SearchScope;
  /** Only documents of this body (a body's own document counts as its). */
  bodyId: number | null;
  /** Only documents dated within these Berlin days (inclusive, YYYY-MM-DD); undated ones drop out. */
  from: string | null;
  to: string | null;
  limit: number;
}

/** One database's way of running the search; both give the same rows for the same data. */
export interface SearchEngine {
  /** At most `request.limit` rows, each document once (in its best tier), in no particular order. */
  run(dataSource: DataSource, request: SearchRequest): Promise<SearchRow[]>;
  /** The long text of documents already found (for their snippets). */
  texts(dataSource: DataSource, ids: number[]): Promise<{ id: number; text: string }[]>;
}

/** One tier's row: the document's shown columns and its score (lower is better). */
type Candidate = Omit<SearchRow, 'exactness'>;

/** The LIMITs and exclusion of one tier (SQL expressions over the better tiers' results). */
interface TierBounds {
  /** How many matches the tier ranks at most: CANDIDATE_WINDOW, or 0 once the better tiers hold enough hits (then the index is not read). */
  window: string;
  /** How many ranked rows it returns at most: the hits still missing. */
  output: string;
  /** The ids the better tiers found (they count in their best tier), or null for the first tier. */
  better: string | null;
}

/** One tier as a SELECT of the shown columns and `score` (lower is better), best first, bounded by `bounds`. */
type TierSql = (tier: MatchTier, bounds: TierBounds) => { sql: string; params: unknown[] };

/**
 * The search runs tier by tier (MATCH_TIERS), each a full-text query that the index answers with
 * at most CANDIDATE_WINDOW best-scored documents, and stops as soon as `limit` hits are together.
 * The work is bounded by the hits shown, not by the size of the directory: "Müller" among 80,000
 * people reads the whole-name tier only. All tiers go in ONE statement: each tier is a MATERIALIZED
 * common table expression whose window is 0 — so the database skips it before reading an index —
 * once the better tiers hold `limit` documents. A tier leaves out what the better tiers found (so
 * its window holds new documents only, and a document counts in its best tier) and returns only
 * as many rows as are still missing, so the statement returns at most `limit` rows in all, each
 * with the columns the result page shows, in no particular order (SearchService orders them).
 */
async function tiered(ds: DataSource, request: SearchRequest, tierSql: TierSql): Promise<SearchRow[]> {
  const tiers = MATCH_TIERS.filter((tier) => tier !== 'inside-words' || insideWordsApplies(request.query));
  const ctes: string[] = [];
  const params: unknown[] = [];
  tiers.forEach((tier, k) => {
    const better = k === 0 ? null : Array.from({ length: k }, (_, j) => `SELECT id FROM tier${j}`).join(' UNION ALL ');
    const found = better === null ? '0' : `(SELECT count(*) FROM (${better}) found)`;
    const bounds: TierBounds =
      better === null
        ? { window: `${CANDIDATE_WINDOW}`, output: `${request.limit}`, better }
        : {
            window: `CASE WHEN ${found} < ${request.limit} THEN ${CANDIDATE_WINDOW} ELSE 0 END`,
            output: `CASE WHEN ${found} < ${request.limit} THEN ${request.limit} - ${found} ELSE 0 END`,
            better,
          };
    const t = tierSql(tier, bounds);
    ctes.push(`tier${k} AS MATERIALIZED (${t.sql})`);
    params.push(...t.params);
  });
  const rows = await ds.query<(Candidate & { exactness: number | string })[]>(
    `WITH ${ctes.join(',\n')}
     ${tiers.map((_, k) => `SELECT ${k} AS exactness, tier${k}.* FROM tier${k}`).join(' UNION ALL ')}`,
    params,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), ref_id: Number(r.ref_id), body_id: r.body_id === null ? null : Number(r.body_id), score: Number(r.score), exactness: Number(r.exactness) }));
}

const placeholders = (n: number, next: () => string): string => Array.from({ length: n }, next).join(', ');

/**
 * The WHERE conditions every tier shares, the viewer's visibility first: the same SQL for every
 * viewer (only the parameters differ), so nobody can see a document they may not — not as a hit,
 * not in a count, not in a snippet. `p` hands out the engine's next placeholder.
 */
function sharedConditions(request: SearchRequest, p: () => string): { sql: string; params: unknown[] } {
  const { kinds, scope, bodyId, from, to } = request;
  const all = scope.editorBodies === 'all';
  // Never an empty IN list: -1 is no body's id.
  const editorBodies = all ? [-1] : [-1, ...scope.editorBodies];
  const sql = `d.kind IN (${placeholders(kinds.length, p)})
              AND (d.audience = 'public'
                   OR (d.audience = 'members' AND ${p()} = 1)
                   OR (d.audience = 'editors' AND (${p()} = 1 OR d.body_id IN (${placeholders(editorBodies.length, p)}))))
              AND (${p()} = 0 OR d.body_id = ${p()})
              AND (${p()} = '' OR d.day >= ${p()})
              AND (${p()} = '' OR d.day <= ${p()})`;
  const params = [...kinds, scope.member ? 1 : 0, all ? 1 : 0, ...editorBodies, bodyId ?? 0, bodyId ?? 0, from ?? '', from ?? '', to ?? '', to ?? ''];
  return { sql, params };
}

/**
 * How many matches of one tier are ranked at most: the first ones the index hands out (FTS5: by
 * document id; PostgreSQL: in the order of the bitmap heap scan, which is table order) that no
 * better tier found already, ranked and taken best first. A tier with more matches than this ("Müller" among 80,000 people) is about a
 * name too common to page through anyway; the search stays as fast as for a small directory (the
 * rows read and scored are bounded by this, not by the matches) and the exact names still come
 * first. As large as the most hits a search returns (CANDIDATES in search.service.ts), so a tier
 * that has them fills the result; larger only costs scoring (on PostgreSQL each scored row parses
 * its text again: 1000 rows were 40 ms, most of a search, on the 20k bench dataset).
 */
export const CANDIDATE_WINDOW = 300;

const DOCUMENT_COLUMNS = `d.id, d.kind, d.ref_id, d.title, d.subtitle, d.path, d.day, d.body_id, b.title AS body_title, CASE WHEN octet_length(d.text) = 0 THEN 0 ELSE 1 END AS has_text`;
/** The body's name comes from the body's own document. */
const BODY_JOIN = `LEFT JOIN search_documents b ON b.kind = 'body' AND b.ref_id = d.body_id`;

/**
 * SQLite: the FTS5 table search_fts (prefix indexes), ranked by bm25 with names weighted 10:1 and
 * long text 0.5; the inside-words tier on the trigram table search_trigram, in document order like
 * PostgreSQL's (bm25 there would read every document containing the trigrams first, for its word
 * statistics: most of a search's time for a common compound part such as "grüßung").
 * One MATCH per tier: the window (the first matches by id, as FTS5 hands them out, visible ones
 * only) is read once and its rows scored as they are read.
 */
export const SQLITE_SEARCH: SearchEngine = {
  run(ds, request) {
    const { query } = request;
    const next = (): string => '?';
    return tiered(ds, request, (tier, bounds) => {
      const trigram = tier === 'inside-words';
      const table = trigram ? 'search_trigram' : 'search_fts';
      const shared = sharedConditions(request, next);
      const expression = trigram ? trigramExpression(query) : fts5Expression(query, tier);
      const score = trigram ? `0` : `bm25(search_fts, 10.0, 1.0, 0.5)`;
      return {
        sql: `SELECT ${DOCUMENT_COLUMNS}, ranked.score
                FROM (SELECT id, score
                        FROM (SELECT ${table}.rowid AS id, ${score} AS score
                                FROM ${table}
                                JOIN search_documents d ON d.id = ${table}.rowid
                               WHERE ${table} MATCH ?
                                 AND ${shared.sql}
                                 ${bounds.better === null ? '' : `AND d.id NOT IN (${bounds.better})`}
                               ORDER BY ${table}.rowid
                               LIMIT ${bounds.window}) candidates
                       ORDER BY score, id
                       LIMIT ${bounds.output}) ranked
                JOIN search_documents d ON d.id = ranked.id
                ${BODY_JOIN}`,
        params: [expression, ...shared.params],
      };
    });
  },
  texts(ds, ids) {
    if (ids.length === 0) return Promise.resolve([]);
    return ds.query(`SELECT id, text FROM search_documents WHERE id IN (${placeholders(ids.length, () => '?')})`, ids);
  },
};

/** The document vector; the same expression is indexed with GIN in the PostgreSQL migration. */
export const PG_SEARCH_VECTOR = `(setweight(to_tsvector('simple'::regconfig, d.name_folded), 'A') || setweight(to_tsvector('simple'::regconfig, d.content_folded), 'D'))`;

/** The names alone, indexed with GIN of their own (migration PostgresSearchNameIndex) for the name tiers. */
export const PG_NAME_VECTOR = `to_tsvector('simple'::regconfig, d.name_folded)`;

/** The folded long text ('simple', prefixes like the rest) and the text as written ('german': stems); both GIN-indexed (PostgresSearchEverything). */
export const PG_TEXT_VECTOR = `to_tsvector('simple'::regconfig, d.text_folded)`;
export const PG_GERMAN_VECTOR = `to_tsvector('german'::regconfig, d.text)`;

/** Names and short text for pg_trgm (GIN gin_trgm_ops index in PostgresSearchEverything). */
export const PG_TRIGRAM_TEXT = `(d.name_folded || ' ' || d.content_folded)`;

/**
 * PostgreSQL: full text search over the already folded text with the 'simple' configuration, long
 * text also with 'german' (inflected forms), words inside compounds with pg_trgm. The matches are
 * found through the GIN indexes (MATERIALIZED: planned without the LIMIT, else the planner may scan
 * the table and compute a vector for every row until it has enough; read lazily, so the heap scan
 * stops after the first CANDIDATE_WINDOW matches), and only those are ranked.
 */
export const POSTGRES_SEARCH: SearchEngine = {
  run(ds, request) {
    const { query } = request;
    let n = 0;
    const next = (): string => `$${++n}`;
    return tiered(ds, request, (tier, bounds) => {
        const q1 = next();
        const q2 = next();
        let match: string;
        let rank: string;
        let params: unknown[];
        if (tier === 'inside-words') {
          const patterns = likePatterns(query);
          match = patterns.map(() => `${PG_TRIGRAM_TEXT} LIKE ${next()}`).join(' AND ');
          rank = `0`;
          params = patterns;
        } else if (tier === 'anywhere') {
          match = `(${PG_SEARCH_VECTOR} @@ to_tsquery('simple', ${q1}) OR ${PG_TEXT_VECTOR} @@ to_tsquery('simple', ${q1}) OR ${PG_GERMAN_VECTOR} @@ to_tsquery('german', ${q2}))`;
          rank = `ts_rank('{0.1, 0.2, 0.4, 1.0}', ${PG_SEARCH_VECTOR}, to_tsquery('simple', ${q1})) + 0.05 * ts_rank(${PG_TEXT_VECTOR}, to_tsquery('simple', ${q1}))`;
          params = [];
        } else {
          match = `${PG_NAME_VECTOR} @@ to_tsquery('simple', ${q1})`;
          rank = `ts_rank(${PG_NAME_VECTOR}, to_tsquery('simple', ${q1}))`;
          params = [];
        }
        const shared = sharedConditions(request, next);
        return {
          sql: `WITH matches AS MATERIALIZED (
                  SELECT d.id
                    FROM search_documents d
                   WHERE ${match}
                     AND ${shared.sql}
                     ${bounds.better === null ? '' : `AND d.id NOT IN (${bounds.better})`}),
                candidates AS (SELECT id FROM matches LIMIT ${bounds.window}),
                ranked AS (
                  SELECT d.id, -(${rank}) AS score
                    FROM search_documents d
                   WHERE d.id IN (SELECT id FROM candidates)
                     AND length(${q1}) >= 0 AND length(${q2}) >= 0
                   ORDER BY score, d.id
                   LIMIT ${bounds.output})
                SELECT ${DOCUMENT_COLUMNS}, ranked.score
                  FROM ranked
                  JOIN search_documents d ON d.id = ranked.id
                  ${BODY_JOIN}`,
          params: [tsqueryExpression(query, tier === 'inside-words' ? 'anywhere' : tier), tsqueryExpression(query, 'name-prefix'), ...params, ...shared.params],
        };
    });
  },
  texts(ds, ids) {
    if (ids.length === 0) return Promise.resolve([]);
    let n = 0;
    return ds.query(`SELECT id, text FROM search_documents WHERE id IN (${placeholders(ids.length, () => `$${++n}`)})`, ids);
  },
};

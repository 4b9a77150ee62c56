import type { DataSource } from 'typeorm';
import type { SearchKind } from './search-document.entity.js';
import { fts5Expression, MATCH_TIERS, type MatchTier, type ParsedQuery, tsqueryExpression } from './search-query.js';

export interface SearchRow {
  kind: SearchKind;
  ref_id: number;
  title: string;
  subtitle: string | null;
  /** The tier it was found in (0 whole name, 1 name prefix, 2 anywhere). */
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

interface Candidate {
  id: number;
  score: number;
}

interface DocumentRow {
  id: number;
  kind: SearchKind;
  ref_id: number;
  title: string;
  subtitle: string | null;
}

/**
 * The search runs tier by tier (MATCH_TIERS), each a full-text query that the index answers with
 * at most `limit` best-scored documents, and stops as soon as `limit` hits are together. The work
 * is bounded by the hits shown, not by the size of the directory: "Müller" among 80,000 people reads
 * the whole-name tier only. `tierQuery` returns the ids and scores of one tier, best first.
 */
async function tiered(
  ds: DataSource,
  request: SearchRequest,
  tierQuery: (tier: MatchTier, limit: number) => Promise<Candidate[]>,
  documents: (ids: number[]) => Promise<DocumentRow[]>,
): Promise<SearchRow[]> {
  const picked: (Candidate & { exactness: number })[] = [];
  const seen = new Set<number>();
  for (const [exactness, tier] of MATCH_TIERS.entries()) {
    if (picked.length >= request.limit) break;
    // Better tiers' hits come again in the wider ones; ask for enough to fill up with new ones.
    for (const c of await tierQuery(tier, request.limit + seen.size)) {
      const id = Number(c.id);
      if (seen.has(id) || picked.length >= request.limit) continue;
      seen.add(id);
      picked.push({ id, score: Number(c.score), exactness });
    }
  }
  if (picked.length === 0) return [];
  const byId = new Map((await documents(picked.map((p) => p.id))).map((d) => [Number(d.id), d]));
  return picked.flatMap((p) => {
    const d = byId.get(p.id);
    return d ? [{ kind: d.kind, ref_id: Number(d.ref_id), title: d.title, subtitle: d.subtitle, exactness: p.exactness, score: p.score }] : [];
  });
}

const placeholders = (n: number, next: () => string): string => Array.from({ length: n }, next).join(', ');

/**
 * How many matches of one tier are ranked at most: the first ones by document id (the order the
 * index keeps them in), of which the best-scored `limit` are taken. A tier with more matches than
 * this ("Müller" among 80,000 people) is about a name too common to page through anyway; the
 * search stays as fast as for a small directory and the exact names still come first.
 */
export const CANDIDATE_WINDOW = 1000;

/** SQLite: the FTS5 table search_fts (prefix indexes), ranked by bm25 with names weighted 10:1. */
export const SQLITE_SEARCH: SearchEngine = {
  run(ds, request) {
    const { query, kinds, includeInternalBodies } = request;
    const matching = `FROM search_fts
             JOIN search_documents d ON d.id = search_fts.rowid
             LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
            WHERE search_fts MATCH ?
              AND d.kind IN (${placeholders(kinds.length, () => '?')})
              AND (d.kind <> 'body' OR b.is_public = 1 OR ? = 1)`;
    return tiered(
      ds,
      request,
      (tier, limit) => {
        const params = [fts5Expression(query, tier), ...kinds, includeInternalBodies ? 1 : 0];
        return ds.query(
          `SELECT search_fts.rowid AS id, bm25(search_fts, 10.0, 1.0) AS score
             ${matching}
              AND search_fts.rowid <= coalesce((SELECT max(id) FROM (SELECT search_fts.rowid AS id ${matching} LIMIT ${CANDIDATE_WINDOW})), 0)
            ORDER BY score, search_fts.rowid
            LIMIT ${limit}`,
          [...params, ...params],
        );
      },
      (ids) => ds.query(`SELECT id, kind, ref_id, title, subtitle FROM search_documents WHERE id IN (${placeholders(ids.length, () => '?')})`, ids),
    );
  },
};

/** The document vector; the same expression is indexed with GIN in the PostgreSQL migration. */
export const PG_SEARCH_VECTOR = `(setweight(to_tsvector('simple'::regconfig, d.name_folded), 'A') || setweight(to_tsvector('simple'::regconfig, d.content_folded), 'D'))`;

/** The names alone, indexed with GIN of their own (migration PostgresSearchNameIndex) for the name tiers. */
export const PG_NAME_VECTOR = `to_tsvector('simple'::regconfig, d.name_folded)`;

/**
 * PostgreSQL: full text search over the already folded text with the 'simple' configuration. The
 * matches are collected first (MATERIALIZED: else the planner may walk the primary key in id order
 * and compute a vector for every row until it has enough), then the first CANDIDATE_WINDOW by id
 * are ranked.
 */
export const POSTGRES_SEARCH: SearchEngine = {
  run(ds, request) {
    const { query, kinds, includeInternalBodies } = request;
    return tiered(
      ds,
      request,
      (tier, limit) => {
        let n = 1;
        const next = (): string => `$${++n}`;
        const vector = tier === 'anywhere' ? PG_SEARCH_VECTOR : PG_NAME_VECTOR;
        const rank = tier === 'anywhere' ? `ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, to_tsquery('simple', $1))` : `ts_rank(${vector}, to_tsquery('simple', $1))`;
        return ds.query(
          `WITH matches AS MATERIALIZED (
             SELECT d.id
               FROM search_documents d
               LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
              WHERE ${vector} @@ to_tsquery('simple', $1)
                AND d.kind IN (${placeholders(kinds.length, next)})
                AND (d.kind <> 'body' OR b.is_public OR ${next()}::boolean)),
           candidates AS (SELECT id FROM matches ORDER BY id LIMIT ${CANDIDATE_WINDOW})
           SELECT d.id, -${rank} AS score
             FROM search_documents d
            WHERE d.id IN (SELECT id FROM candidates)
            ORDER BY score, d.id
            LIMIT ${limit}`,
          [tsqueryExpression(query, tier), ...kinds, includeInternalBodies],
        );
      },
      (ids) => {
        let n = 0;
        return ds.query(`SELECT id, kind, ref_id, title, subtitle FROM search_documents WHERE id IN (${placeholders(ids.length, () => `$${++n}`)})`, ids);
      },
    );
  },
};

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isMember, type Viewer } from '../auth/viewer.js';
import { SEARCH_KINDS, type SearchKind } from './search-document.entity.js';
import { fts5Expression, parseQuery } from './search-query.js';

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  title: string;
  subtitle: string | null;
  /** 0: whole-word name match; 1: name prefix match; 2: other match. */
  exactness: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

interface Row {
  kind: SearchKind;
  ref_id: number;
  title: string;
  subtitle: string | null;
  exactness: number;
  score: number;
}

/** How many hits are returned at most (best first); more than a person ever pages through. */
const CANDIDATES = 300;

/**
 * One search over people, organisations and bodies, forgiving case, accents and umlaut
 * spellings, matching word prefixes in every script, exact names first. SQLite FTS5 here;
 * another engine gets its own implementation behind this same service.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(raw: string, viewer: Viewer, kinds: readonly SearchKind[] = SEARCH_KINDS): Promise<SearchResult> {
    const q = parseQuery(raw);
    const kindList = SEARCH_KINDS.filter((k) => kinds.includes(k));
    if (q.tokens.length === 0 || kindList.length === 0) return { hits: [], total: 0 };
    // Exactness is computed in SQL so that exact names survive the candidate limit in a large directory.
    // Tokens hold only letters and digits; instr() compares them literally.
    const names = `(' ' || d.name_folded || ' ')`;
    const whole = q.tokens.map(() => `instr(${names}, ' ' || ? || ' ') > 0`).join(' AND ');
    const prefix = q.tokens.map(() => `instr(${names}, ' ' || ?) > 0`).join(' AND ');
    const rows: Row[] = await this.dataSource.query(
      `SELECT d.kind, d.ref_id, d.title, d.subtitle,
              CASE WHEN ${whole} THEN 0 WHEN ${prefix} THEN 1 ELSE 2 END AS exactness,
              bm25(search_fts, 10.0, 1.0) AS score
         FROM search_fts
         JOIN search_documents d ON d.id = search_fts.rowid
         LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
        WHERE search_fts MATCH ?
          AND d.kind IN (${kindList.map(() => '?').join(', ')})
          AND (d.kind <> 'body' OR b.is_public = 1 OR ? = 1)
        ORDER BY exactness, score
        LIMIT ${CANDIDATES}`,
      [...q.tokens, ...q.tokens, fts5Expression(q), ...kindList, isMember(viewer) ? 1 : 0],
    );
    const hits = rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      subtitle: r.subtitle,
      exactness: r.exactness,
      score: r.score,
    }));
    hits.sort((a, b) => a.exactness - b.exactness || a.score - b.score || a.title.localeCompare(b.title, 'de'));
    return { hits: hits.map(({ score: _score, ...h }) => h), total: hits.length };
  }
}

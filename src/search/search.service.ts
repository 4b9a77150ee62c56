import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isMember, type Viewer } from '../auth/viewer.js';
import type { SearchKind } from './search-document.entity.js';
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
  name_folded: string;
  score: number;
}

/** How many candidates are ranked; more than a person ever pages through. */
const CANDIDATES = 300;

/**
 * One search over people, organisations and bodies, forgiving case, accents and umlaut
 * spellings, matching word prefixes in every script, exact names first. SQLite FTS5 here;
 * another engine gets its own implementation behind this same service.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(raw: string, viewer: Viewer, kinds: readonly SearchKind[] = ['person', 'organisation', 'body']): Promise<SearchResult> {
    const q = parseQuery(raw);
    if (q.tokens.length === 0 || kinds.length === 0) return { hits: [], total: 0 };
    const kindList = kinds.map((k) => `'${k}'`).join(',');
    const rows: Row[] = await this.dataSource.query(
      `SELECT d.kind, d.ref_id, d.title, d.subtitle, d.name_folded, bm25(search_fts, 10.0, 1.0) AS score
         FROM search_fts
         JOIN search_documents d ON d.id = search_fts.rowid
         LEFT JOIN bodies b ON d.kind = 'body' AND b.id = d.ref_id
        WHERE search_fts MATCH ?
          AND d.kind IN (${kindList})
          AND (d.kind <> 'body' OR b.is_public = 1 OR ? = 1)
        ORDER BY score
        LIMIT ${CANDIDATES}`,
      [fts5Expression(q), isMember(viewer) ? 1 : 0],
    );
    const hits = rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      subtitle: r.subtitle,
      exactness: exactness(r.name_folded, q.tokens),
      score: r.score,
    }));
    hits.sort((a, b) => a.exactness - b.exactness || a.score - b.score || a.title.localeCompare(b.title, 'de'));
    return { hits: hits.map(({ score: _score, ...h }) => h), total: hits.length };
  }
}

/** 0: every query word is a whole name word; 1: every query word starts a name word; 2: found elsewhere. */
function exactness(nameFolded: string, tokens: string[]): number {
  const names = nameFolded.split(' ');
  if (tokens.every((t) => names.includes(t))) return 0;
  if (tokens.every((t) => names.some((n) => n.startsWith(t)))) return 1;
  return 2;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isMember, type Viewer } from '../auth/viewer.js';
import { SEARCH_KINDS, type SearchKind } from './search-document.entity.js';
import { POSTGRES_SEARCH, SQLITE_SEARCH } from './search-engines.js';
import { parseQuery } from './search-query.js';

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

/** How many hits are returned at most (best first); more than a person ever pages through. */
const CANDIDATES = 300;

/**
 * One search over people, organisations and bodies, forgiving case, accents and umlaut
 * spellings, matching word prefixes in every script, exact names first. SQLite (FTS5) and
 * PostgreSQL (tsvector) each run it their own way (search-engines.ts), with the same results.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(raw: string, viewer: Viewer, kinds: readonly SearchKind[] = SEARCH_KINDS): Promise<SearchResult> {
    const q = parseQuery(raw);
    const kindList = SEARCH_KINDS.filter((k) => kinds.includes(k));
    if (q.tokens.length === 0 || kindList.length === 0) return { hits: [], total: 0 };
    const engine = this.dataSource.options.type === 'postgres' ? POSTGRES_SEARCH : SQLITE_SEARCH;
    const rows = await engine.run(this.dataSource, { query: q, kinds: kindList, includeInternalBodies: isMember(viewer), limit: CANDIDATES });
    const hits = rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      subtitle: r.subtitle,
      exactness: Number(r.exactness),
      score: Number(r.score),
    }));
    hits.sort((a, b) => a.exactness - b.exactness || a.score - b.score || a.title.localeCompare(b.title, 'de'));
    return { hits: hits.map(({ score: _score, ...h }) => h), total: hits.length };
  }
}

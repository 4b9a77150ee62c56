import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isAdmin, isMember, type Viewer } from '../auth/viewer.js';
import { SEARCH_KINDS, type SearchKind } from './search-document.entity.js';
import { POSTGRES_SEARCH, type SearchEngine, type SearchScope, SQLITE_SEARCH } from './search-engines.js';
import { parseQuery } from './search-query.js';
import { type SnippetPart, snippetOf } from './search-snippet.js';

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  title: string;
  subtitle: string | null;
  /** 0: whole-word name match; 1: name prefix match; 2: other match; 3: inside a word. */
  exactness: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** A hit with what the result page shows of it. */
export interface FoundDocument extends SearchHit {
  /** The search document (for snippets). */
  id: number;
  /** Where the hit links to; null: the kind's own page. */
  path: string | null;
  /** Berlin day of a meeting, decision, document. */
  day: string | null;
  bodyId: number | null;
  bodyTitle: string | null;
  /** Whether it has long text a snippet can come from. */
  hasText: boolean;
}

export interface SiteSearchResult extends SearchResult {
  /** Best first. */
  hits: FoundDocument[];
  /** Hits per kind, from the same query as the hits (so they never disagree with what is shown). */
  counts: Partial<Record<SearchKind, number>>;
}

export interface SearchFilter {
  bodyId?: number | null;
  /** Berlin days, inclusive (YYYY-MM-DD). */
  from?: string | null;
  to?: string | null;
}

/** German order for titles; one collator (localeCompare with a locale builds one per call). */
const GERMAN = new Intl.Collator('de');

/** How many hits are returned at most (best first); more than a person ever pages through. */
const CANDIDATES = 300;

/** Which bodies' 'editors' documents a viewer sees; supplied by the bodies module (search knows no bodies). */
export type EditorBodiesOf = (viewer: Viewer) => Promise<readonly number[] | 'all'>;

/**
 * One search over everything registered with the SearchIndexer (people, organisations, bodies,
 * meetings, agenda items, decisions, minutes, action items, documents), forgiving case, accents and
 * umlaut spellings, matching word prefixes in every script, exact names first, words inside compounds
 * last. SQLite (FTS5) and PostgreSQL (tsvector, pg_trgm) each run it their own way
 * (search-engines.ts), with the same visibility rules in the query.
 */
@Injectable()
export class SearchService {
  private editorBodiesOf: EditorBodiesOf = (viewer) => Promise.resolve(isAdmin(viewer) ? 'all' : []);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Called at start-up by the bodies module, which knows who manages which body. */
  useEditorBodies(resolver: EditorBodiesOf): void {
    this.editorBodiesOf = resolver;
  }

  private engine(): SearchEngine {
    return this.dataSource.options.type === 'postgres' ? POSTGRES_SEARCH : SQLITE_SEARCH;
  }

  /** What the viewer may see, for the query's WHERE. */
  async scopeOf(viewer: Viewer): Promise<SearchScope> {
    return { member: isMember(viewer), editorBodies: isMember(viewer) ? await this.editorBodiesOf(viewer) : [] };
  }

  /** The hits of some kinds, grouped by kind, best first (the directory's name search uses it for people). */
  async search(raw: string, viewer: Viewer, kinds: readonly SearchKind[] = SEARCH_KINDS): Promise<SearchResult> {
    const { hits, total } = await this.find(raw, viewer, kinds);
    return { hits, total };
  }

  /** Everything the result page needs: hits with their context, counts per kind. */
  async find(raw: string, viewer: Viewer, kinds: readonly SearchKind[] = SEARCH_KINDS, filter: SearchFilter = {}): Promise<SiteSearchResult> {
    const q = parseQuery(raw);
    const kindList = SEARCH_KINDS.filter((k) => kinds.includes(k));
    if (q.tokens.length === 0 || kindList.length === 0) return { hits: [], total: 0, counts: {} };
    const rows = await this.engine().run(this.dataSource, {
      query: q,
      kinds: kindList,
      scope: await this.scopeOf(viewer),
      bodyId: filter.bodyId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      limit: CANDIDATES,
    });
    // Best first: tier, score, equal scores in German title order (then by document, so the order is total).
    rows.sort((a, b) => a.exactness - b.exactness || a.score - b.score || GERMAN.compare(a.title, b.title) || a.id - b.id);
    const counts: Partial<Record<SearchKind, number>> = {};
    const hits = rows.map((r): FoundDocument => {
      counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      return {
        id: r.id,
        kind: r.kind,
        refId: r.ref_id,
        title: r.title,
        subtitle: r.subtitle,
        path: r.path,
        day: r.day,
        bodyId: r.body_id,
        bodyTitle: r.kind === 'body' ? null : r.body_title,
        hasText: Number(r.has_text) === 1,
        exactness: r.exactness,
      };
    });
    return { hits, total: hits.length, counts };
  }

  /**
   * Highlighted passages of the hits' long text (only hits this viewer's search returned, so only
   * text they may see); hits whose long text does not contain a query word get none.
   */
  async snippets(raw: string, hits: readonly FoundDocument[]): Promise<Map<number, SnippetPart[]>> {
    const withText = hits.filter((h) => h.hasText);
    if (withText.length === 0) return new Map();
    const q = parseQuery(raw);
    const texts = await this.engine().texts(
      this.dataSource,
      withText.map((h) => h.id),
    );
    const exactness = new Map(hits.map((h) => [h.id, h.exactness]));
    const out = new Map<number, SnippetPart[]>();
    for (const { id, text } of texts) {
      const parts = snippetOf(text, q.tokens, exactness.get(Number(id)) === 3);
      if (parts) out.set(Number(id), parts);
    }
    return out;
  }

  /** The bodies the viewer may see, by name (the body filter): from the bodies' own documents. */
  async bodyOptions(viewer: Viewer): Promise<{ id: number; title: string }[]> {
    const rows = await this.dataSource.query<{ id: number | string; title: string }[]>(
      `SELECT d.ref_id AS id, d.title AS title FROM search_documents d WHERE d.kind = 'body' AND (d.audience = 'public' OR (d.audience = 'members' AND ${this.engine() === POSTGRES_SEARCH ? '$1' : '?'} = 1))`,
      [isMember(viewer) ? 1 : 0],
    );
    return rows.map((r) => ({ id: Number(r.id), title: r.title })).sort((a, b) => GERMAN.compare(a.title, b.title));
  }

  /**
   * The path of the decision whose number the viewer typed ("BB-2026-07", also "bb-2026-7"), if
   * the viewer may see it: found by the search itself (so by the same visibility rules), then
   * compared part by part with the number its title starts with ("BB-2026-07: …").
   */
  async decisionByNumber(typed: string, viewer: Viewer): Promise<string | null> {
    const wanted = numberParts(typed);
    if (!wanted) return null;
    const { hits } = await this.find(typed, viewer, ['decision']);
    const hit = hits.find((h) => {
      const parts = numberParts(h.title.split(':')[0]);
      return parts !== null && parts.code === wanted.code && parts.year === wanted.year && parts.sequence === wanted.sequence;
    });
    return hit?.path ?? null;
  }

}

/** "BB-2026-07" → code, year and running number (leading zeros and case do not matter); null for anything else. */
export function numberParts(text: string): { code: string; year: number; sequence: number } | null {
  const m = /^\s*([\p{L}\p{N}]{1,20})-(\d{4})-(\d{1,4})\s*$/u.exec(text);
  return m ? { code: m[1].toLocaleLowerCase('de'), year: Number(m[2]), sequence: Number(m[3]) } : null;
}

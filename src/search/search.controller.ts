import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { SEARCH_KINDS, type SearchKind } from './search-document.entity.js';
import { SearchService } from './search.service.js';
import { cleanQueryInput } from './search-text.js';

const PAGE_SIZE = 25;
/** Longer input is cut; the search itself reads at most the first 500 characters anyway. */
const MAX_QUERY_CHARS = 500;
const KIND_LABELS: Record<SearchKind, string> = { person: 'Person', organisation: 'Organisation', body: 'Gremium' };
const KIND_PATHS: Record<SearchKind, string> = { person: 'personen', organisation: 'organisationen', body: 'gremien' };
const KIND_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Alles' },
  { value: 'person', label: 'Personen' },
  { value: 'organisation', label: 'Organisationen' },
  { value: 'body', label: 'Gremien' },
];

@Controller('suche')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Render('search/index')
  async index(@Query('q') rawQ: unknown, @Query('kind') rawKind: unknown, @Query('page') rawPage: unknown, @CurrentViewer() viewer: Viewer) {
    const q = cleanQueryInput(queryText(rawQ, 20_000), MAX_QUERY_CHARS);
    const kindText = queryText(rawKind, 20);
    const kind = (SEARCH_KINDS as readonly string[]).includes(kindText) ? (kindText as SearchKind) : undefined;
    const req = pageRequest(rawPage, PAGE_SIZE);
    const result = q ? await this.search.search(q, viewer, kind ? [kind] : SEARCH_KINDS) : { hits: [], total: 0 };
    const pager = pageView(req, result.total, (n) => `/suche${queryString({ q, kind, page: n })}`);
    const start = (pager.page - 1) * PAGE_SIZE;
    return {
      pageTitle: q ? `Suche: ${Array.from(q).slice(0, 60).join('')}` : 'Suche',
      q,
      searched: q.length > 0,
      kinds: KIND_FILTERS.map((k) => ({ ...k, selected: k.value === (kind ?? '') })),
      total: result.total,
      hits: result.hits.slice(start, start + PAGE_SIZE).map((h) => ({
        href: `/${KIND_PATHS[h.kind]}/${h.refId}`,
        title: h.title,
        subtitle: h.subtitle,
        kindLabel: KIND_LABELS[h.kind],
      })),
      pager: result.total > PAGE_SIZE ? pager : null,
    };
  }
}

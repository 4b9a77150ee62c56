import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { SearchIndexer } from './search-indexer.js';
import { numberParts, SearchService } from './search.service.js';
import { cleanQueryInput } from './search-text.js';
import { MemberCache } from '../page-cache/member-page-cache.js';
import { searchLevel } from './search-cache-level.js';
import { dateFieldValue, filterErrorList, groupByKind, groupedOrder, hitView, KIND_LABELS, parseSearchFilters } from './search.view-model.js';

const PAGE_SIZE = 25;
/** Longer input is cut; the search itself reads at most the first 500 characters anyway. */
const MAX_QUERY_CHARS = 500;

@Controller('suche')
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly indexer: SearchIndexer,
  ) {}

  /**
   * The one search box: everything the viewer may see, grouped by kind with counts; a filter per
   * kind, by body and by date range; each hit with its body, day and a highlighted passage. An exact
   * decision number the viewer may see jumps straight to the decision.
   */
  @Get()
  @MemberCache(SearchService, searchLevel)
  async index(
    @Query('q') rawQ: unknown,
    @Query('kind') rawKind: unknown,
    @Query('gremium') rawBody: unknown,
    @Query('von') rawFrom: unknown,
    @Query('bis') rawTo: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
    @Res() res: Response,
  ): Promise<void> {
    const q = cleanQueryInput(queryText(rawQ, 20_000), MAX_QUERY_CHARS);
    const kinds = this.indexer.registeredKinds();
    const bodies = await this.search.bodyOptions(viewer);
    const filter = parseSearchFilters(
      { kind: queryText(rawKind, 20), gremium: queryText(rawBody, 20), von: queryText(rawFrom, 40), bis: queryText(rawTo, 40) },
      new Set(bodies.map((b) => b.id)),
      kinds,
    );
    if (q && kinds.includes('decision') && numberParts(q)) {
      const path = await this.search.decisionByNumber(q, viewer);
      if (path) return res.redirect(303, path);
    }
    const result = q ? await this.search.find(q, viewer, kinds, { bodyId: filter.bodyId, from: filter.from, to: filter.to }) : { hits: [], total: 0, counts: {} };
    const shown = filter.kind ? result.hits.filter((h) => h.kind === filter.kind) : groupedOrder(result.hits);
    const total = shown.length;
    const req = pageRequest(rawPage, PAGE_SIZE);
    const params = {
      q,
      gremium: filter.bodyId ?? undefined,
      von: filter.from && !filter.errors.von ? dateFieldValue(filter.from, '', false) : undefined,
      bis: filter.to ? dateFieldValue(filter.to, '', false) : undefined,
    };
    const pager = pageView(req, total, (n) => `/suche${queryString({ ...params, kind: filter.kind, page: n > 1 ? n : undefined })}`);
    const start = (pager.page - 1) * PAGE_SIZE;
    const pageHits = shown.slice(start, start + PAGE_SIZE);
    const snippets = await this.search.snippets(q, pageHits);
    const views = pageHits.map((h) => hitView(h, snippets.get(h.id)));
    const errors = filterErrorList(filter.errors);
    res.status(errors.length > 0 ? 422 : 200);
    res.render('search/index', {
      pageTitle: q ? `Suche: ${Array.from(q).slice(0, 60).join('')}` : 'Suche',
      q,
      searched: q.length > 0,
      errors,
      errorsByField: filter.errors,
      kinds: [{ value: '', label: 'Alles' }, ...kinds.map((k) => ({ value: k, label: KIND_LABELS[k].many }))].map((k) => ({ ...k, selected: k.value === (filter.kind ?? '') })),
      kindCounts: kinds
        .filter((k) => (result.counts[k] ?? 0) > 0)
        .map((k) => ({
          label: KIND_LABELS[k].many,
          count: result.counts[k] ?? 0,
          href: `/suche${queryString({ ...params, kind: k })}`,
          current: k === filter.kind,
        })),
      allHref: filter.kind ? `/suche${queryString(params)}` : null,
      bodies: bodies.map((b) => ({ value: b.id, label: b.title, selected: b.id === filter.bodyId })),
      from: dateFieldValue(filter.from, filter.fromText, !!filter.errors.von),
      to: dateFieldValue(filter.to, filter.toText, !!filter.errors.bis),
      total,
      groups: groupByKind(
        views,
        pageHits.map((h) => h.kind),
        result.counts,
      ),
      pager: total > PAGE_SIZE ? pager : null,
    });
  }
}

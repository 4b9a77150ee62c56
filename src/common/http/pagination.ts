export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export interface PageLink {
  number: number;
  href: string;
  current: boolean;
}

export interface PageView {
  page: number;
  pageCount: number;
  total: number;
  from: number;
  to: number;
  previousHref: string | null;
  nextHref: string | null;
  links: PageLink[];
}

const MAX_PAGE = 100_000;

/** Reads ?page= leniently: anything that is not a sane page number means page 1. */
export function pageRequest(raw: unknown, pageSize: number): PageRequest {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const n = /^\d{1,6}$/.test(text) ? Number(text) : 1;
  const page = Math.min(Math.max(n, 1), MAX_PAGE);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Builds the pager for a list; hrefFor(n) gives the URL of page n with the other filters kept. */
export function pageView(req: PageRequest, total: number, hrefFor: (n: number) => string): PageView {
  const pageCount = Math.max(1, Math.ceil(total / req.pageSize));
  const page = Math.min(req.page, pageCount);
  const first = Math.max(1, page - 3);
  const last = Math.min(pageCount, page + 3);
  const links: PageLink[] = [];
  for (let n = first; n <= last; n++) links.push({ number: n, href: hrefFor(n), current: n === page });
  return {
    page,
    pageCount,
    total,
    from: total === 0 ? 0 : (page - 1) * req.pageSize + 1,
    to: Math.min(total, page * req.pageSize),
    previousHref: page > 1 ? hrefFor(page - 1) : null,
    nextHref: page < pageCount ? hrefFor(page + 1) : null,
    links,
  };
}

/** A query string from the non-empty values, for links that keep the current filters. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A single query value as a trimmed string of bounded length (arrays and objects count as absent). */
export function queryText(raw: unknown, maxLength = 200): string {
  return typeof raw === 'string' ? raw.trim().slice(0, maxLength) : '';
}

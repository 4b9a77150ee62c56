import type { TimeFilter } from './oparl.repository.js';
import { parseFilterInstant } from './oparl-time.js';

/** Objects per list page unless the client asks for fewer (`limit`), and the most it may ask for. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

const FILTER_PARAMS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;
type FilterParam = (typeof FILTER_PARAMS)[number];

/** A list request as read from the query string: the filters (kept verbatim for the links), page and limit. */
export interface ListQuery {
  /** The filter values exactly as the client sent them (they go back into every link). */
  raw: Partial<Record<FilterParam, string>>;
  filter: TimeFilter;
  page: number;
  limit: number;
  /** The client asked for the limit explicitly (then it is kept in the links). */
  limitGiven: boolean;
  omitInternal: boolean;
}

/** A query parameter the client got wrong; answered 400 with an OParl Error object. */
export class OparlBadRequest extends Error {}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new OparlBadRequest(`Der Parameter ${name} darf nur einmal angegeben werden.`);
  return value;
}

function positiveInt(raw: string, name: string): number {
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw new OparlBadRequest(`Der Parameter ${name} muss eine ganze Zahl ab 1 sein.`);
  return Number(raw);
}

const FILTER_FIELD: Record<FilterParam, keyof TimeFilter> = {
  created_since: 'createdSince',
  created_until: 'createdUntil',
  modified_since: 'modifiedSince',
  modified_until: 'modifiedUntil',
};

/** Reads the list parameters; a naive or malformed time, a bad page or limit → OparlBadRequest. */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const raw: ListQuery['raw'] = {};
  const filter: TimeFilter = {};
  for (const name of FILTER_PARAMS) {
    const value = single(query, name);
    if (value === undefined) continue;
    const instant = parseFilterInstant(value);
    if (!instant) {
      throw new OparlBadRequest(
        `Der Parameter ${name} braucht einen Zeitpunkt mit Zeitzone, z. B. 2026-03-01T00:00:00+01:00 oder 2026-02-28T23:00:00Z („${value}“ ist keiner).`,
      );
    }
    raw[name] = value;
    filter[FILTER_FIELD[name]] = instant;
  }
  const pageRaw = single(query, 'page');
  const limitRaw = single(query, 'limit');
  const omitRaw = single(query, 'omit_internal');
  if (omitRaw !== undefined && omitRaw !== 'true' && omitRaw !== 'false') {
    throw new OparlBadRequest('Der Parameter omit_internal kennt nur true oder false.');
  }
  return {
    raw,
    filter,
    page: pageRaw === undefined ? 1 : positiveInt(pageRaw, 'page'),
    limit: limitRaw === undefined ? DEFAULT_LIMIT : Math.min(positiveInt(limitRaw, 'limit'), MAX_LIMIT),
    limitGiven: limitRaw !== undefined,
    omitInternal: omitRaw === 'true',
  };
}

/** The URL of one page of a list, with every filter the client gave (fixed order: the canonical form). */
export function pageUrl(listUrl: string, q: ListQuery, page: number): string {
  const params: string[] = [];
  for (const name of FILTER_PARAMS) {
    const value = q.raw[name];
    if (value !== undefined) params.push(`${name}=${encodeURIComponent(value)}`);
  }
  if (q.omitInternal) params.push('omit_internal=true');
  if (q.limitGiven) params.push(`limit=${q.limit}`);
  if (page > 1) params.push(`page=${page}`);
  return params.length === 0 ? listUrl : `${listUrl}?${params.join('&')}`;
}

export interface OparlListPage {
  data: Record<string, unknown>[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: { first: string; self: string; last: string; prev?: string; next?: string };
}

export function listPage(listUrl: string, q: ListQuery, data: Record<string, unknown>[], totalElements: number): OparlListPage {
  const totalPages = Math.max(1, Math.ceil(totalElements / q.limit));
  const links: OparlListPage['links'] = { first: pageUrl(listUrl, q, 1), self: pageUrl(listUrl, q, q.page), last: pageUrl(listUrl, q, totalPages) };
  if (q.page > 1) links.prev = pageUrl(listUrl, q, Math.min(q.page - 1, totalPages));
  if (q.page < totalPages) links.next = pageUrl(listUrl, q, q.page + 1);
  return { data, pagination: { totalElements, elementsPerPage: q.limit, currentPage: q.page, totalPages }, links };
}

/** One part of a list (the live rows of a kind, or its tombstones), counted and paged in SQL. */
export interface Segment {
  count(): Promise<number>;
  page(offset: number, limit: number): Promise<Record<string, unknown>[]>;
}

/**
 * Pages through segments laid end to end (stable: each is ordered by id) — e.g. the network's bodies,
 * then its organisations, then (with modified_since) their tombstones — without loading more than a
 * page. Sequential queries: on PostgreSQL a request never runs two at once on one connection.
 */
export async function paginate(segments: Segment[], q: ListQuery): Promise<{ data: Record<string, unknown>[]; total: number }> {
  const counts: number[] = [];
  for (const s of segments) counts.push(await s.count());
  const total = counts.reduce((a, b) => a + b, 0);
  let offset = (q.page - 1) * q.limit;
  let wanted = q.limit;
  const data: Record<string, unknown>[] = [];
  for (let i = 0; i < segments.length && wanted > 0; i++) {
    if (offset >= counts[i]) {
      offset -= counts[i];
      continue;
    }
    const rows = await segments[i].page(offset, Math.min(wanted, counts[i] - offset));
    data.push(...rows);
    wanted -= rows.length;
    offset = 0;
  }
  return { data, total };
}

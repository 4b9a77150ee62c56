import type { DavCollectionKind } from './dav-collections.service.js';

/** Where the DAV service lives; /.well-known/carddav and /.well-known/caldav redirect here (RFC 6764). */
export const DAV_ROOT = '/dav/';
export const WELL_KNOWN_PATHS = ['/.well-known/carddav', '/.well-known/caldav'] as const;

/** What a DAV path names. */
export type DavTarget =
  | { type: 'root' }
  | { type: 'principal'; accountId: number }
  | { type: 'home'; kind: DavCollectionKind; accountId: number }
  | { type: 'collection'; kind: DavCollectionKind; accountId: number; slug: string }
  | { type: 'resource'; kind: DavCollectionKind; accountId: number; slug: string; name: string };

const KIND_SEGMENTS: Record<string, DavCollectionKind> = { addressbooks: 'addressbook', calendars: 'calendar' };
const SEGMENT = /^[A-Za-z0-9._-]{1,120}$/;
const ACCOUNT_ID = /^[1-9][0-9]{0,9}$/;

export function principalHref(accountId: number): string {
  return `${DAV_ROOT}principals/${accountId}/`;
}

export function homeHref(kind: DavCollectionKind, accountId: number): string {
  return `${DAV_ROOT}${kind === 'addressbook' ? 'addressbooks' : 'calendars'}/${accountId}/`;
}

export function collectionHref(kind: DavCollectionKind, accountId: number, slug: string): string {
  return `${homeHref(kind, accountId)}${slug}/`;
}

export function resourceHref(kind: DavCollectionKind, accountId: number, slug: string, name: string): string {
  return `${collectionHref(kind, accountId, slug)}${name}`;
}

/** The path of a URL or absolute path (as clients send in hrefs), percent-decoded; null if malformed. */
export function pathOf(urlOrPath: string): string | null {
  try {
    return decodeURIComponent(new URL(urlOrPath, 'http://localhost').pathname);
  } catch {
    return null;
  }
}

/** Parses a decoded path below /dav; null for anything we do not serve. */
export function parseDavPath(path: string): DavTarget | null {
  if (path === '/dav' || path === DAV_ROOT) return { type: 'root' };
  if (!path.startsWith(DAV_ROOT)) return null;
  const segments = path.slice(DAV_ROOT.length).split('/');
  if (segments.at(-1) === '') segments.pop();
  if (segments.some((s) => !SEGMENT.test(s))) return null;
  const [area, account, slug, name, ...rest] = segments;
  if (rest.length > 0 || account === undefined || !ACCOUNT_ID.test(account)) return null;
  const accountId = Number(account);
  if (area === 'principals') return slug === undefined ? { type: 'principal', accountId } : null;
  const kind = KIND_SEGMENTS[area];
  if (!kind) return null;
  if (slug === undefined) return { type: 'home', kind, accountId };
  if (name === undefined) return { type: 'collection', kind, accountId, slug };
  return { type: 'resource', kind, accountId, slug, name };
}

import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { todayInBerlin } from '../common/dates.js';
import type { ContentVersionReader } from './content-version.reader.js';
import type { CachedAnswer, PublicPageCache } from './public-page-cache.js';
import { isNotModified } from '../common/http/conditional-get.js';

/**
 * First path segments whose GET answers may be shared between anonymous visitors: the directory,
 * search, bodies, meetings, decisions, feeds and the start page. Everything else (forms, tokens in
 * links, accounts, administration, health, the accessibility statement that quotes the Referer)
 * always goes to the app.
 */
export const CACHEABLE_SECTIONS: ReadonlySet<string> = new Set(['', 'suche', 'personen', 'organisationen', 'gremien', 'sitzungen', 'kalender', 'beschluesse']);

const CACHEABLE_TYPES = /^(?:text\/html|text\/calendar|text\/vcard|text\/x-vcard)\b/i;
/** Headers that belong to one response only, never replayed. */
export const PER_RESPONSE: ReadonlySet<string> = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-cache']);

function section(path: string): string {
  const end = path.indexOf('/', 1);
  return path.slice(1, end === -1 ? undefined : end);
}

/** Whether this request may be answered from, and its answer kept in, the shared cache. */
export function isShareableRequest(req: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.headers.authorization !== undefined) return false;
  // Any cookie: a member's session (members see more, and their own name) or a saved minutes draft.
  // Visitors who never logged in, and calendar clients, send none.
  if (req.headers.cookie !== undefined) return false;
  return CACHEABLE_SECTIONS.has(section(req.path));
}

/**
 * What the client's own cache directives allow (RFC 9111): `no-cache` (a reload, or the older
 * Pragma) wants a fresh rendering, which then replaces the stored one; `no-store` keeps it out too.
 */
export function clientDirective(req: Pick<Request, 'headers'>): 'reuse' | 'refresh' | 'bypass' {
  const cc = req.headers['cache-control'];
  if (typeof cc === 'string' && /\bno-store\b/i.test(cc)) return 'bypass';
  if ((typeof cc === 'string' && /\bno-cache\b/i.test(cc)) || req.headers.pragma === 'no-cache') return 'refresh';
  return 'reuse';
}

/** Today in Berlin, recomputed once a minute at most (the hot path asks on every request). */
export function berlinDayClock(): () => string {
  let minute = -1;
  let day = '';
  return () => {
    const now = Date.now();
    const m = Math.floor(now / 60_000);
    if (m !== minute) {
      minute = m;
      day = todayInBerlin(new Date(now));
    }
    return day;
  };
}

/** Smaller answers are not worth compressing. */
export const GZIP_MIN_BYTES = 1024;

/** Whether the client takes gzip (every browser and calendar client says so; `gzip;q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/** The ETag of the gzip variant: a representation of its own (RFC 9110 §8.8.3). */
function gzipEtag(etag: string | number | readonly string[] | undefined): string | undefined {
  return typeof etag === 'string' ? etag.replace(/"$/, '-gzip"') : undefined;
}

/**
 * The headers of the variant a client gets: Vary wherever a gzip copy exists, and for the gzip copy
 * its encoding, length and own ETag. Shared by answers from the cache and answers just rendered, so a
 * client sees one variant with one validator either way.
 */
function setVariantHeaders(res: Response, answer: Pick<CachedAnswer, 'gzipped'>, gzip: boolean): void {
  if (!answer.gzipped) return;
  res.setHeader('Vary', 'Accept-Encoding');
  if (!gzip) return;
  const etag = gzipEtag(res.getHeader('etag'));
  if (etag) res.setHeader('ETag', etag);
  res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(answer.gzipped.length));
}

function replay(req: Request, res: Response, answer: CachedAnswer): void {
  res.setHeader('X-Cache', 'hit');
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = 200;
  const identityEtag = res.getHeader('etag');
  const gzip = answer.gzipped !== undefined && acceptsGzip(req.headers['accept-encoding']);
  setVariantHeaders(res, answer, gzip);
  // A client holding either variant of this answer has it current (it may have switched encodings):
  // 304 with the validator the client holds.
  let fresh = isNotModified(req, res);
  if (!fresh && gzip && identityEtag !== undefined) {
    const variantEtag = res.getHeader('etag');
    res.setHeader('ETag', identityEtag);
    fresh = isNotModified(req, res);
    if (!fresh && variantEtag !== undefined) res.setHeader('ETag', variantEtag);
  }
  if (fresh) {
    res.statusCode = 304;
    for (const name of ['Content-Type', 'Content-Length', 'Content-Encoding']) res.removeHeader(name);
    res.end();
    return;
  }
  res.end(req.method === 'HEAD' ? undefined : gzip ? answer.gzipped : answer.body);
}

/**
 * Keeps the answer the app is about to send if it is a complete, shareable 200 (with a gzip copy,
 * made once here, when it is large enough) — and sends it the way a cached answer would go out.
 */
function captureInto(cache: PublicPageCache, url: string, variant: string, res: Response, options: { gzip: boolean; heldGzip: boolean; store: boolean }): void {
  const before = new Set(res.getHeaderNames());
  const write = res.write.bind(res);
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let streamed = false;
  res.write = ((...args: Parameters<Response['write']>) => {
    streamed = true;
    return write(...args);
  }) as Response['write'];
  res.end = ((...args: unknown[]) => {
    const [chunk, encoding] = args;
    if (res.statusCode === 304 && options.heldGzip) {
      const etag = gzipEtag(res.getHeader('etag'));
      if (etag) res.setHeader('ETag', etag);
      return end(...args);
    }
    if (!options.store || streamed || res.statusCode !== 200 || !(typeof chunk === 'string' || Buffer.isBuffer(chunk))) return end(...args);
    const type = res.getHeader('content-type');
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    if (typeof type !== 'string' || !CACHEABLE_TYPES.test(type) || res.hasHeader('set-cookie') || /\bno-store\b/i.test(cacheControl)) return end(...args);
    const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk;
    const headers = Object.entries(res.getHeaders())
      .filter(([name, value]) => value !== undefined && !before.has(name) && !PER_RESPONSE.has(name))
      .map(([name, value]) => [name, value] as [string, string | number | readonly string[]]);
    // Compressed once per stored answer, then served as it is: a 500-meeting feed shrinks about tenfold.
    const answer = { headers, body, gzipped: body.length >= GZIP_MIN_BYTES ? gzipSync(body) : undefined };
    cache.set(url, variant, answer);
    const gzip = answer.gzipped !== undefined && options.gzip;
    setVariantHeaders(res, answer, gzip);
    return end(gzip ? answer.gzipped : body);
  }) as Response['end'];
}

/**
 * Answers anonymous GETs of public pages, vCards and feeds from memory while the data they were
 * rendered from is unchanged: one primary-key read instead of queries and templates. Runs before
 * sessions and routing (after security headers and the request log, so cached answers carry both).
 * A change anywhere raises the content version (ContentVersionSubscriber) and every page renders
 * afresh; answers are also renewed after `ttl` and at midnight, for what depends on the time.
 * Requests with cookies (members) always get their own rendering. Conditional requests get 304.
 */
export function publicPageCache(cache: PublicPageCache, versions: ContentVersionReader): RequestHandler {
  const today = berlinDayClock();
  const run = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const directive = clientDirective(req);
    if (!isShareableRequest(req) || directive === 'bypass') return next();
    const variant = `${await versions.current()}|${today()}`;
    const url = req.originalUrl;
    const hit = directive === 'refresh' ? undefined : cache.get(url, variant);
    if (hit) return replay(req, res, hit);
    res.setHeader('X-Cache', 'miss');
    // The app knows only the identity ETag; the gzip copy is the same content, so its validator counts too.
    const inm = req.headers['if-none-match'];
    const heldGzip = typeof inm === 'string' && inm.includes('-gzip"');
    if (heldGzip) req.headers['if-none-match'] = inm.replace(/-gzip"/g, '"');
    captureInto(cache, url, variant, res, { gzip: acceptsGzip(req.headers['accept-encoding']), heldGzip, store: req.method === 'GET' });
    next();
  };
  return (req, res, next) => {
    run(req, res, next).catch(next);
  };
}

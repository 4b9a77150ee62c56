import { brotliCompress, constants as zlib, gzipSync } from 'node:zlib';
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

/** Whether the client takes this content coding (`gzip`, `br`; `;q=0` refuses it). */
export function acceptsCoding(header: string | undefined, coding: 'gzip' | 'br'): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== coding) return false;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/** Whether the client takes gzip (every browser and calendar client says so; `gzip;q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  return acceptsCoding(header, 'gzip');
}

type Coding = 'gzip' | 'br';

/** The ETag of a compressed variant: a representation of its own (RFC 9110 §8.8.3). */
function codingEtag(etag: string | number | readonly string[] | undefined, coding: Coding): string | undefined {
  return typeof etag === 'string' ? etag.replace(/"$/, `-${coding}"`) : undefined;
}

/** The compressed variant a validator the client holds belongs to, if any. */
function heldCoding(inm: string | undefined): Coding | undefined {
  if (typeof inm !== 'string') return undefined;
  return inm.includes('-br"') ? 'br' : inm.includes('-gzip"') ? 'gzip' : undefined;
}

/**
 * The headers of the variant a client gets: Vary wherever a compressed copy exists, and for a
 * compressed copy its encoding, length and own ETag. Shared by answers from the cache and answers just
 * rendered, so a client sees one variant with one validator either way.
 */
function setVariantHeaders(res: Response, answer: Pick<CachedAnswer, 'gzipped'>, coding: Coding | undefined, bytes: Buffer | undefined): void {
  if (!answer.gzipped) return;
  res.setHeader('Vary', 'Accept-Encoding');
  if (!coding || !bytes) return;
  const etag = codingEtag(res.getHeader('etag'), coding);
  if (etag) res.setHeader('ETag', etag);
  res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', String(bytes.length));
}

/** Brotli quality for stored answers: about 30 % smaller than gzip on feeds and pages, made off the main thread. */
const BROTLI_QUALITY = 9;

/**
 * Adds a Brotli copy to a stored answer that is being reused, in the thread pool (the main thread
 * never waits for it): answers rendered for one request only (reloads) never pay for it. Until it is
 * there, clients get the gzip copy.
 */
function addBrotli(cache: PublicPageCache, url: string, answer: CachedAnswer): void {
  if (answer.brotli || pendingBrotli.has(answer)) return;
  pendingBrotli.add(answer);
  brotliCompress(answer.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: answer.body.length } }, (err, out) => {
    pendingBrotli.delete(answer);
    if (!err) cache.attachBrotli(url, answer, out);
  });
}
const pendingBrotli = new WeakSet<CachedAnswer>();

function replay(req: Request, res: Response, cache: PublicPageCache, url: string, answer: CachedAnswer, status: 'hit' | 'miss' = 'hit'): void {
  res.setHeader('X-Cache', status);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = 200;
  const identityEtag = res.getHeader('etag');
  const accept = req.headers['accept-encoding'];
  const takesBrotli = answer.gzipped !== undefined && acceptsCoding(accept, 'br');
  if (takesBrotli && !answer.brotli) addBrotli(cache, url, answer);
  const coding: Coding | undefined = takesBrotli && answer.brotli ? 'br' : answer.gzipped !== undefined && acceptsGzip(accept) ? 'gzip' : undefined;
  const bytes = coding === 'br' ? answer.brotli : coding === 'gzip' ? answer.gzipped : answer.body;
  setVariantHeaders(res, answer, coding, bytes);
  // A client holding any variant of this answer has it current (it may have switched encodings):
  // 304 with the validator the client holds.
  let fresh = isNotModified(req, res);
  if (!fresh && identityEtag !== undefined && answer.gzipped !== undefined) {
    const sentEtag = res.getHeader('etag');
    for (const candidate of [identityEtag, codingEtag(identityEtag, 'gzip'), codingEtag(identityEtag, 'br')]) {
      if (candidate === undefined) continue;
      res.setHeader('ETag', candidate);
      fresh = isNotModified(req, res);
      if (fresh) break;
    }
    if (!fresh && sentEtag !== undefined) res.setHeader('ETag', sentEtag);
  }
  if (fresh) {
    notModified(res, () => res.end());
    return;
  }
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** A request's validators, taken off while the app renders in full. */
interface Conditional {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
}

function takeConditional(req: Request): Conditional | null {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifNoneMatch === undefined && ifModifiedSince === undefined) return null;
  delete req.headers['if-none-match'];
  delete req.headers['if-modified-since'];
  return { ifNoneMatch, ifModifiedSince };
}

function restoreConditional(req: Request, conditional: Conditional | null): void {
  if (!conditional) return;
  if (conditional.ifNoneMatch !== undefined) req.headers['if-none-match'] = conditional.ifNoneMatch;
  if (conditional.ifModifiedSince !== undefined) req.headers['if-modified-since'] = conditional.ifModifiedSince;
}

/** 304 without the body's headers; `end` is the response's own (unwrapped) end. */
function notModified(res: Response, end: () => Response): Response {
  res.statusCode = 304;
  for (const name of ['Content-Type', 'Content-Length', 'Content-Encoding']) res.removeHeader(name);
  return end();
}

/**
 * Keeps the answer the app is about to send if it is a complete, shareable 200 (with a gzip copy,
 * made once here, when it is large enough) — and sends it the way a cached answer would go out.
 */
function captureInto(
  cache: PublicPageCache,
  url: string,
  variant: string,
  req: Request,
  res: Response,
  options: { gzip: boolean; held: Coding | undefined; store: boolean; conditional: Conditional | null },
): void {
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
    if (res.statusCode === 304 && options.held) {
      const etag = codingEtag(res.getHeader('etag'), options.held);
      if (etag) res.setHeader('ETag', etag);
      return end(...args);
    }
    // Not kept: the client's own conditions decide (the app rendered without them).
    const uncached = (): Response => {
      restoreConditional(req, options.conditional);
      if (options.conditional && res.statusCode === 200 && !streamed && isNotModified(req, res)) return notModified(res, end);
      return end(...args);
    };
    if (!options.store || streamed || res.statusCode !== 200 || !(typeof chunk === 'string' || Buffer.isBuffer(chunk))) return uncached();
    const type = res.getHeader('content-type');
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    if (typeof type !== 'string' || !CACHEABLE_TYPES.test(type) || res.hasHeader('set-cookie') || /\bno-store\b/i.test(cacheControl)) return uncached();
    const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk;
    const headers = Object.entries(res.getHeaders())
      .filter(([name, value]) => value !== undefined && !before.has(name) && !PER_RESPONSE.has(name))
      .map(([name, value]) => [name, value] as [string, string | number | readonly string[]]);
    // Compressed once per stored answer, then served as it is: a 500-meeting feed shrinks about tenfold.
    const answer = { headers, body, gzipped: body.length >= GZIP_MIN_BYTES ? gzipSync(body) : undefined };
    const stored = cache.set(url, variant, answer);
    if (options.conditional) {
      // A conditional request (a calendar client polling with its ETag) refilled the cache: answer it as a hit would.
      restoreConditional(req, options.conditional);
      res.end = end as Response['end'];
      replay(req, res, cache, url, stored, 'miss');
      return res;
    }
    const gzip = answer.gzipped !== undefined && options.gzip;
    setVariantHeaders(res, answer, gzip ? 'gzip' : undefined, answer.gzipped);
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
    if (hit) return replay(req, res, cache, url, hit);
    res.setHeader('X-Cache', 'miss');
    const store = req.method === 'GET';
    // A GET renders in full even when the client holds a copy, so that the answer can be kept: otherwise
    // clients that always ask conditionally (calendar programs) would never refill an expired entry.
    const conditional = store ? takeConditional(req) : null;
    // HEAD: the app knows only the identity ETag; a compressed copy is the same content, so its validator counts too.
    const inm = req.headers['if-none-match'];
    const held = heldCoding(inm);
    if (held && typeof inm === 'string') req.headers['if-none-match'] = inm.replace(/-(?:gzip|br)"/g, '"');
    captureInto(cache, url, variant, req, res, { gzip: acceptsGzip(req.headers['accept-encoding']), held, store, conditional });
    next();
  };
  return (req, res, next) => {
    run(req, res, next).catch(next);
  };
}

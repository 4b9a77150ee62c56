import type { Request, Response } from 'express';

/**
 * Whether a GET/HEAD can be answered 304 with the validators already set on `res` (ETag,
 * Last-Modified) — the one conditional-GET rule of the app (page cache and calendar feeds).
 *
 * RFC 9110 §13.1 for an origin server: If-None-Match wins when present (weak comparison, `*`
 * matches); otherwise If-Modified-Since, at one-second resolution. Unlike Express's `req.fresh`
 * (written for caches), a request's `Cache-Control: no-cache` does not turn a matching validator
 * into a 200: fetch() and browsers send that header with every conditional request they make
 * themselves, and the origin is exactly whom they ask to revalidate.
 */
export function isNotModified(req: Request, res: Response): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string' && inm.trim() !== '') {
    const etag = res.getHeader('etag');
    if (typeof etag !== 'string') return false;
    const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
  }
  const ims = req.headers['if-modified-since'];
  const lastModified = res.getHeader('last-modified');
  if (typeof ims === 'string' && typeof lastModified === 'string') {
    const since = Date.parse(ims);
    const modified = Date.parse(lastModified);
    if (!Number.isNaN(since) && !Number.isNaN(modified)) return modified <= since;
  }
  return false;
}

import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { isNotModified } from '../common/http/conditional-get.js';

/** A rendered calendar with its validators. */
export interface RenderedCalendar {
  body: Buffer;
  /** Strong ETag over the bytes, quoted. */
  etag: string;
  lastModified: Date;
}

export function strongEtag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

export function rendered(text: string, lastModified: Date): RenderedCalendar {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: strongEtag(body), lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000) };
}

export interface SendOptions {
  disposition: 'inline' | 'attachment';
  /** ASCII file name, e.g. "sitzung-12.ics". */
  filename: string;
  /** Personal and member feeds must not sit in shared caches. */
  private: boolean;
}

/**
 * Sends the calendar (200) or 304, with text/calendar; charset=utf-8, ETag and Last-Modified.
 * Conditional GET is `isNotModified` (common/http), the same check the page cache answers with.
 */
export function sendCalendar(req: Request, res: Response, cal: RenderedCalendar, options: SendOptions): void {
  res.setHeader('ETag', cal.etag);
  res.setHeader('Last-Modified', cal.lastModified.toUTCString());
  res.setHeader('Cache-Control', `${options.private ? 'private' : 'public'}, no-cache`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (isNotModified(req, res)) {
    res.status(304).end();
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `${options.disposition}; filename="${options.filename}"`);
  res.setHeader('Content-Length', String(cal.body.length));
  res.end(req.method === 'HEAD' ? undefined : cal.body);
}

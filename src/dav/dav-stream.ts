import type { ServerResponse } from 'node:http';
import { type DavResponse, MULTISTATUS_HEAD, multistatusTail, responseXml } from './dav-xml.js';

/** Characters collected before one `write` (a few dozen cards). */
export const STREAM_CHUNK_CHARS = 64 * 1024;

/**
 * Writes a 207 Multi-Status body (the same bytes as `multistatus()`) through the response as the
 * responses come: in chunks of about STREAM_CHUNK_CHARS, waiting for 'drain' whenever `write`
 * returns false, so a 20,000-card answer never exists as one string or buffer. A body that fits in
 * one chunk is sent with a Content-Length; a longer one goes out chunked (no Content-Length, no
 * ETag over it). When the client goes away mid-answer the responses are no longer pulled (the
 * iterator is closed, so whatever renders them stops) and false is returned; true when sent whole.
 */
export async function writeMultistatus(
  res: ServerResponse,
  responses: Iterable<DavResponse> | AsyncIterable<DavResponse>,
  syncToken?: string,
): Promise<boolean> {
  let gone = false;
  const onClose = (): void => {
    if (!res.writableFinished) gone = true;
  };
  const ignore = (): void => undefined; // a write to a reset connection: reported by 'close' as well
  res.on('close', onClose);
  res.on('error', ignore);
  const closed = (): boolean => gone || res.destroyed;
  try {
    let pending = MULTISTATUS_HEAD;
    let streaming = false;
    for await (const r of responses) {
      if (closed()) return false;
      pending += responseXml(r);
      if (pending.length < STREAM_CHUNK_CHARS) continue;
      if (!streaming) {
        streaming = true;
        res.removeHeader('Content-Length');
        res.removeHeader('ETag');
      }
      const chunk = pending;
      pending = '';
      if (!res.write(chunk, 'utf8')) await drained(res);
      if (closed()) return false;
    }
    pending += multistatusTail(syncToken);
    if (closed()) return false;
    if (!streaming) res.setHeader('Content-Length', Buffer.byteLength(pending));
    res.end(pending, 'utf8');
    return true;
  } finally {
    res.off('close', onClose);
    // the 'error' listener stays: a reset after the last write must not become an uncaught error
  }
}

/** Resolves when the response may be written again, or when the connection closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

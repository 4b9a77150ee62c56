import { notModified, rendered } from './http-cache.js';

describe('conditional GET', () => {
  const cal = rendered('BEGIN:VCALENDAR\r\nEND:VCALENDAR', new Date('2026-03-26T17:00:00.750Z'));

  it('makes a strong ETag over the bytes and a second-precise Last-Modified', () => {
    expect(cal.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(rendered('BEGIN:VCALENDAR\r\nEND:VCALENDAR', new Date()).etag).toBe(cal.etag);
    expect(rendered('BEGIN:VCALENDAR\r\nX:1\r\nEND:VCALENDAR', new Date()).etag).not.toBe(cal.etag);
    expect(cal.lastModified.toISOString()).toBe('2026-03-26T17:00:00.000Z');
  });

  it.each<[Record<string, string>, boolean]>([
    [{ 'if-none-match': cal.etag }, true],
    [{ 'if-none-match': `"x", ${cal.etag}` }, true],
    [{ 'if-none-match': `W/${cal.etag}` }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': '"other"' }, false],
    // If-None-Match wins over If-Modified-Since
    [{ 'if-none-match': '"other"', 'if-modified-since': 'Fri, 27 Mar 2026 00:00:00 GMT' }, false],
    [{ 'if-modified-since': 'Thu, 26 Mar 2026 17:00:00 GMT' }, true],
    [{ 'if-modified-since': 'Thu, 26 Mar 2026 16:59:59 GMT' }, false],
    [{ 'if-modified-since': 'kaputt' }, false],
    [{}, false],
  ])('%p → 304: %p', (headers, expected) => {
    expect(notModified(headers, cal)).toBe(expected);
  });
});

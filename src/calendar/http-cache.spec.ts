import express from 'express';
import request from 'supertest';
import { rendered, sendCalendar } from './http-cache.js';

describe('conditional GET', () => {
  const cal = rendered('BEGIN:VCALENDAR\r\nEND:VCALENDAR', new Date('2026-03-26T17:00:00.750Z'));
  const app = express();
  app.get('/feed.ics', (req, res) => sendCalendar(req, res, cal, { disposition: 'inline', filename: 'feed.ics', private: false }));

  it('makes a strong ETag over the bytes and a second-precise Last-Modified', () => {
    expect(cal.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(rendered('BEGIN:VCALENDAR\r\nEND:VCALENDAR', new Date()).etag).toBe(cal.etag);
    expect(rendered('BEGIN:VCALENDAR\r\nX:1\r\nEND:VCALENDAR', new Date()).etag).not.toBe(cal.etag);
    expect(cal.lastModified.toISOString()).toBe('2026-03-26T17:00:00.000Z');
  });

  // isNotModified decides, as in the page cache: one conditional-GET rule for the whole app.
  it.each<[Record<string, string>, number]>([
    [{ 'if-none-match': cal.etag }, 304],
    [{ 'if-none-match': `"x", ${cal.etag}` }, 304],
    [{ 'if-none-match': `W/${cal.etag}` }, 304],
    [{ 'if-none-match': '*' }, 304],
    // what fetch() and browsers send with their own conditional requests: still a 304 from the origin
    [{ 'if-none-match': cal.etag, 'cache-control': 'no-cache', pragma: 'no-cache' }, 304],
    [{ 'if-none-match': '"other"' }, 200],
    // If-None-Match wins over If-Modified-Since
    [{ 'if-none-match': '"other"', 'if-modified-since': 'Fri, 27 Mar 2026 00:00:00 GMT' }, 200],
    [{ 'if-modified-since': 'Thu, 26 Mar 2026 17:00:00 GMT' }, 304],
    [{ 'if-modified-since': 'Thu, 26 Mar 2026 16:59:59 GMT' }, 200],
    [{ 'if-modified-since': 'kaputt' }, 200],
    [{}, 200],
  ])('%p → %p', async (headers, status) => {
    const res = await request(app).get('/feed.ics').set(headers);
    expect(res.status).toBe(status);
    expect(res.headers.etag).toBe(cal.etag);
    expect(res.headers['last-modified']).toBe('Thu, 26 Mar 2026 17:00:00 GMT');
  });
});

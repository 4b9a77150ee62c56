import express, { type Express } from 'express';
import request from 'supertest';
import { todayInBerlin } from '../common/dates.js';
import type { ContentVersionReader } from './content-version.reader.js';
import { acceptsGzip, isShareableRequest, publicPageCache } from './page-cache.middleware.js';
import { PublicPageCache } from './public-page-cache.js';

/** A tiny Express app behind the cache; `version` plays the content version, `renders` counts work. */
function appWithCache(): { app: Express; cache: PublicPageCache; bump: () => void; renders: () => number } {
  let version = 1;
  let renders = 0;
  const versions = { current: () => Promise.resolve(String(version)) } as unknown as ContentVersionReader;
  const cache = new PublicPageCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', 'per-request');
    next();
  });
  app.use(publicPageCache(cache, versions));
  app.get('/personen/:id', (req, res) => {
    renders++;
    res.type('html').send(`<p>Person ${req.params.id} v${version} (${renders})</p>`);
  });
  app.get('/gremien/1/sitzungen.ics', (_req, res) => {
    renders++;
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'public, no-cache');
    res.send(`BEGIN:VCALENDAR\r\nX-RENDER:${renders}\r\n${'X-FILL:Sitzung – Интеграция – الاندماج\r\n'.repeat(60)}END:VCALENDAR\r\n`);
  });
  app.get('/gremien/2/sitzungen.ics', (_req, res) => {
    renders++;
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.send(`BEGIN:VCALENDAR\r\n${'X-FILL:immer gleich\r\n'.repeat(80)}END:VCALENDAR\r\n`);
  });
  app.get('/suche', (_req, res) => {
    renders++;
    res.cookie('nm.sid', 'fresh-session').type('html').send('<form>mit Sitzung</form>');
  });
  app.get('/sitzungen', (_req, res) => {
    renders++;
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('html').send('<p>nie speichern</p>');
  });
  app.get('/organisationen', (_req, res) => {
    renders++;
    res.type('html');
    res.write('<p>gestreamt');
    res.end('</p>');
  });
  app.get('/gremien/:id', (_req, res) => {
    renders++;
    res.status(404).type('html').send('<p>Nicht gefunden</p>');
  });
  app.get('/konto', (_req, res) => {
    renders++;
    res.type('html').send('<p>Konto</p>');
  });
  app.get('/health', (_req, res) => {
    renders++;
    res.json({ status: 'ok' });
  });
  return { app, cache, bump: () => void version++, renders: () => renders };
}

describe('publicPageCache', () => {
  it('renders a public page once per data version and replays it with its own headers', async () => {
    const { app, bump, renders } = appWithCache();
    const first = await request(app).get('/personen/7').expect(200);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await request(app).get('/personen/7').expect(200);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['x-request-id']).toBe('per-request');
    expect(renders()).toBe(1);

    bump();
    const third = await request(app).get('/personen/7').expect(200);
    expect(third.headers['x-cache']).toBe('miss');
    expect(third.text).toContain('v2');
    expect(renders()).toBe(2);
  });

  it('answers a conditional request from the cache with 304, and HEAD without a body', async () => {
    const { app, renders } = appWithCache();
    const first = await request(app).get('/gremien/1/sitzungen.ics').expect(200);
    const etag = String(first.headers.etag);
    const conditional = await request(app).get('/gremien/1/sitzungen.ics').set('If-None-Match', etag).expect(304);
    expect(conditional.headers['x-cache']).toBe('hit');
    expect(conditional.text ?? '').toBe('');
    const head = await request(app).head('/gremien/1/sitzungen.ics').expect(200);
    expect(head.headers['x-cache']).toBe('hit');
    expect(head.headers['content-type']).toContain('text/calendar');
    expect(head.headers['cache-control']).toBe('public, no-cache');
    expect(renders()).toBe(1);
  });

  it('serves stored answers gzip-compressed to clients that take gzip, as a variant with its own ETag', async () => {
    const { app, renders } = appWithCache();
    const plain = await request(app).get('/gremien/1/sitzungen.ics').set('Accept-Encoding', 'identity').expect(200);
    const zipped = await request(app).get('/gremien/1/sitzungen.ics').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(zipped.headers['x-cache']).toBe('hit');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.text).toBe(plain.text); // supertest unzips
    expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.text.length / 5);
    expect(zipped.headers.etag).toBe(String(plain.headers.etag).replace(/"$/, '-gzip"'));
    await request(app).get('/gremien/1/sitzungen.ics').set('Accept-Encoding', 'gzip').set('If-None-Match', String(zipped.headers.etag)).expect(304);
    const again = await request(app).get('/gremien/1/sitzungen.ics').set('Accept-Encoding', 'identity').expect(200);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.headers.etag).toBe(plain.headers.etag);
    const small = await request(app).get('/personen/1').set('Accept-Encoding', 'gzip');
    expect((await request(app).get('/personen/1').set('Accept-Encoding', 'gzip')).headers['content-encoding']).toBeUndefined();
    expect(small.status).toBe(200);
    expect(renders()).toBe(2);
  });

  it('adds a Brotli copy off the main thread once an answer is reused, as a variant with its own ETag; reloads never pay for it', async () => {
    const { app, cache, renders } = appWithCache();
    const url = '/gremien/1/sitzungen.ics';
    // reloads render and store afresh each time: no Brotli work for them
    for (let i = 0; i < 3; i++) await request(app).get(url).set('Accept-Encoding', 'gzip, br').set('Cache-Control', 'no-cache').expect(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(cache.get(url, `1|${todayInBerlin()}`)?.brotli).toBeUndefined();
    const plain = await request(app).get(url).set('Accept-Encoding', 'identity').expect(200);
    const first = await request(app).get(url).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(first.headers['content-encoding']).toBe('gzip'); // the Brotli copy is being made meanwhile
    let br = await request(app).get(url).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    for (let i = 0; i < 50 && br.headers['content-encoding'] !== 'br'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      br = await request(app).get(url).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    }
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers.etag).toBe(String(plain.headers.etag).replace(/"$/, '-br"'));
    // superagent decodes Brotli itself (zlib's decoder): the identity bytes
    expect(br.text).toBe(plain.text);
    expect(Number(br.headers['content-length'])).toBeLessThanOrEqual(Number(first.headers['content-length']));
    // a client holding any variant's validator has it current
    for (const etag of [plain.headers.etag, first.headers.etag, br.headers.etag]) {
      await request(app).get(url).set('Accept-Encoding', 'gzip, br').set('If-None-Match', String(etag)).expect(304);
    }
    // who does not take br gets gzip or identity as before
    expect((await request(app).get(url).set('Accept-Encoding', 'gzip').expect(200)).headers['content-encoding']).toBe('gzip');
    expect((await request(app).get(url).set('Accept-Encoding', 'br;q=0, gzip').expect(200)).headers['content-encoding']).toBe('gzip');
    expect(renders()).toBe(3); // the three reloads; everything after from the cache
  });

  it('refills an expired or outdated entry from a conditional request (calendar clients always ask with their ETag) and answers it 304', async () => {
    const { app, bump, renders } = appWithCache();
    const url = '/gremien/2/sitzungen.ics';
    const first = await request(app).get(url).set('Accept-Encoding', 'gzip').expect(200);
    bump(); // the stored answer is outdated now
    const polled = await request(app).get(url).set('Accept-Encoding', 'gzip').set('If-None-Match', String(first.headers.etag)).expect(304);
    expect(polled.headers['x-cache']).toBe('miss');
    expect(polled.headers.etag).toBe(first.headers.etag);
    expect(renders()).toBe(2);
    // the app rendered in full and the answer was kept: the next polls come from the cache
    for (let i = 0; i < 3; i++) {
      const again = await request(app).get(url).set('Accept-Encoding', 'gzip').set('If-None-Match', String(first.headers.etag)).expect(304);
      expect(again.headers['x-cache']).toBe('hit');
    }
    expect(renders()).toBe(2);
    // a validator that no longer matches gets the full answer
    const stale = await request(app).get(url).set('Accept-Encoding', 'identity').set('If-None-Match', '"veraltet"').expect(200);
    expect(stale.text).toContain('X-FILL:immer gleich');
    // conditions the app alone can judge still count where the answer is not kept (404 here)
    await request(app).get('/gremien/9').set('If-None-Match', '"x"').expect(404);
  });

  it('takes a validator of the gzip copy as one of the same content when the app renders again', async () => {
    const { app, bump, renders } = appWithCache();
    await request(app).get('/gremien/2/sitzungen.ics').set('Accept-Encoding', 'identity').expect(200);
    const zipped = await request(app).get('/gremien/2/sitzungen.ics').set('Accept-Encoding', 'gzip').expect(200);
    expect(String(zipped.headers.etag)).toMatch(/-gzip"$/);
    bump(); // an unrelated change: the app renders again, with the same bytes and ETag
    const again = await request(app).get('/gremien/2/sitzungen.ics').set('Accept-Encoding', 'gzip').set('If-None-Match', String(zipped.headers.etag)).expect(304);
    expect(again.headers['x-cache']).toBe('miss');
    expect(again.headers.etag).toBe(zipped.headers.etag); // the validator the client holds
    const fresh = await request(app).get('/gremien/2/sitzungen.ics').set('Accept-Encoding', 'gzip').set('Cache-Control', 'no-cache').expect(200);
    expect(fresh.headers['x-cache']).toBe('miss');
    expect(fresh.headers['content-encoding']).toBe('gzip'); // rendered answers go out as cached ones would
    expect(fresh.headers.etag).toBe(zipped.headers.etag);
    expect(renders()).toBe(3);
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('x-gzip-ish')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('renders afresh for a reload (no-cache) and keeps nothing for no-store', async () => {
    const { app, renders } = appWithCache();
    await request(app).get('/personen/1').expect(200);
    const reload = await request(app).get('/personen/1').set('Cache-Control', 'no-cache').expect(200);
    expect(reload.headers['x-cache']).toBe('miss');
    expect(reload.text).toContain('(2)');
    expect((await request(app).get('/personen/1').expect(200)).text).toContain('(2)'); // the reload replaced it
    await request(app).get('/personen/2').set('Cache-Control', 'no-store').expect(200);
    expect((await request(app).get('/personen/2').expect(200)).headers['x-cache']).toBe('miss');
    expect(renders()).toBe(4);
  });

  it('never serves or keeps answers for members, with cookies set, no-store, streamed, errors or other sections', async () => {
    const { app, cache, renders } = appWithCache();
    const member = await request(app).get('/personen/3').set('Cookie', 'nm.sid=s%3Aabc').expect(200);
    expect(member.headers['x-cache']).toBeUndefined();
    await request(app).get('/personen/3').set('Cookie', 'other=1; __Host-nm.sid=s%3Aabc').expect(200);
    for (const path of ['/suche', '/sitzungen', '/organisationen', '/konto', '/health']) {
      await request(app).get(path).expect(200);
      expect((await request(app).get(path).expect(200)).headers['x-cache']).not.toBe('hit');
    }
    await request(app).get('/gremien/5').expect(404);
    expect((await request(app).get('/gremien/5').expect(404)).headers['x-cache']).toBe('miss');
    expect(cache.size).toBe(0);
    expect(renders()).toBe(14);
  });

  it('decides by method, cookies and first path segment', () => {
    const req = (method: string, path: string, headers: Record<string, string> = {}) => ({ method, path, headers });
    expect(isShareableRequest(req('GET', '/'))).toBe(true);
    expect(isShareableRequest(req('GET', '/suche'))).toBe(true);
    expect(isShareableRequest(req('HEAD', '/gremien/3/vcard'))).toBe(true);
    expect(isShareableRequest(req('POST', '/personen/1'))).toBe(false);
    expect(isShareableRequest(req('GET', '/personen/1', { cookie: 'nm.sid=x' }))).toBe(false);
    expect(isShareableRequest(req('GET', '/personen/1', { cookie: 'nm.minutes-draft=abc' }))).toBe(false);
    expect(isShareableRequest(req('GET', '/barrierefreiheit'))).toBe(false);
    expect(isShareableRequest(req('GET', '/personen/1', { authorization: 'Basic eA==' }))).toBe(false);
    expect(isShareableRequest(req('GET', '/antwort/abc'))).toBe(false);
    expect(isShareableRequest(req('GET', '/passwort-setzen/abc'))).toBe(false);
    expect(isShareableRequest(req('GET', '/admin/konten'))).toBe(false);
    expect(isShareableRequest(req('GET', '/personenliste'))).toBe(false);
  });
});

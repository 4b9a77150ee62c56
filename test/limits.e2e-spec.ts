import request from 'supertest';
import type { Response } from 'supertest';
import { MAX_UPLOAD_BYTES } from '../src/transfer/upload.middleware.js';
import { type Agent, csrfTokenFrom, loggedInAgent } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Oversized and over-complicated requests are refused before they reach a controller (or, for the CSV
 * upload, at the file field) with a German page — never a 500, never a hanging request.
 */
describe('request limits', () => {
  let t: TestApp;
  let admin: Agent;
  let token: string;

  const MB = 1024 * 1024;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'grenzen.admin@example.org', password: 'Grenzen am Pfaffenteich 2026', isAdmin: true });
    token = csrfTokenFrom((await admin.get('/admin/daten')).text);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  /** A German error page with the status's title (no stack, no English framework text). */
  function expectGermanRefusal(res: Response, statuses: number[], title: RegExp): void {
    expect(statuses).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="de"');
    expect(res.text).toMatch(title);
    expect(res.text).not.toMatch(/PayloadTooLargeError|request entity too large|too many parameters|exceeded the depth|at \w+ \(/i);
  }

  it('refuses a 10 MB urlencoded form with 413 "Anfrage zu groß"', async () => {
    const body = `_csrf=${encodeURIComponent(token)}&name=${'a'.repeat(10 * MB)}`;
    const res = await admin.post('/organisationen/neu').type('form').send(body);
    expectGermanRefusal(res, [413], /Anfrage zu groß/);
  });

  it('refuses a 10 MB JSON body with 413 "Anfrage zu groß"', async () => {
    const res = await admin
      .post('/organisationen/neu')
      .set('Content-Type', 'application/json')
      .set('X-CSRF-Token', token)
      .send(JSON.stringify({ name: 'ä'.repeat(5 * MB) }));
    expectGermanRefusal(res, [413], /Anfrage zu groß/);
  });

  it('refuses a form with 10,000 fields with 413 (anonymous and logged in)', async () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => `f${i}=x`).join('&');
    const asAdmin = await admin.post('/organisationen/neu').type('form').send(`_csrf=${encodeURIComponent(token)}&${fields}`);
    expectGermanRefusal(asAdmin, [413], /Anfrage zu groß/);
    const anonymous = await request(t.http).post('/anmelden').type('form').send(`email=a%40example.org&password=x&${fields}`);
    expectGermanRefusal(anonymous, [413], /Anfrage zu groß/);
  });

  it('refuses 10,000 values of one field (a=1&a=2&…) with 413', async () => {
    const res = await admin.post('/organisationen/neu').type('form').send(`_csrf=${encodeURIComponent(token)}&${'name=x&'.repeat(10_000)}`);
    expectGermanRefusal(res, [413], /Anfrage zu groß/);
  });

  it('refuses a field name nested 100 levels deep (a[b][c]…) with 400, also as JSON', async () => {
    const name = `a${'[b]'.repeat(100)}`;
    const form = await admin.post('/organisationen/neu').type('form').send(`_csrf=${encodeURIComponent(token)}&${encodeURIComponent(name)}=x`);
    expectGermanRefusal(form, [400], /Ungültige Anfrage/);
    // JSON nesting has no parser limit: it must simply not break a form handler
    let nested: unknown = 'x';
    for (let i = 0; i < 100; i++) nested = { b: nested };
    const json = await admin
      .post('/organisationen/neu')
      .set('Content-Type', 'application/json')
      .set('X-CSRF-Token', token)
      .send(JSON.stringify({ name: nested, a: nested }));
    expect(json.status).toBe(422);
    expect(json.text).toContain('<html lang="de"');
  });

  it('refuses malformed urlencoded and JSON bodies with a German 400', async () => {
    const json = await admin.post('/organisationen/neu').set('Content-Type', 'application/json').set('X-CSRF-Token', token).send('{"name": ');
    expectGermanRefusal(json, [400], /Ungültige Anfrage/);
    const charset = await admin.post('/organisationen/neu').set('Content-Type', 'application/x-www-form-urlencoded; charset=klingon').send('name=x');
    expectGermanRefusal(charset, [415], /Ungültige Anfrage/);
  });

  it('answers a CSV upload over the import limit at the file field (German, not 500), and keeps nothing', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 'Nachname;Vorname\n');
    const res = await admin.post('/admin/daten/import').field('_csrf', token).field('kind', 'people').attach('datei', big, 'gross.csv');
    // the import form comes back with the message at its file field (see transfer/upload.middleware.ts)
    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="de"');
    expect(res.text).toContain('Die Datei ist zu groß (höchstens 5 MB).');
    expect(res.headers.location).toBeUndefined();
  });

  it('answers a multipart body of 10 MB to a route without uploads without 500 and without hanging', async () => {
    const res = await admin
      .post('/organisationen/neu')
      .field('_csrf', token)
      .attach('datei', Buffer.alloc(10 * MB, 'x'), 'gross.bin');
    expect(res.status).toBeLessThan(500);
    expect(res.text).toContain('<html lang="de"');
  });

  it('still works normally afterwards', async () => {
    const res = await admin.post('/organisationen/neu').type('form').send({ _csrf: token, name: 'Verein nach großen Anfragen', kind: 'association' });
    expect(res.status).toBe(303);
  });
});

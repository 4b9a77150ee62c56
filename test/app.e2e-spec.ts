import request from 'supertest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('app shell', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the start page in German with landmarks and a skip link', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain('href="#inhalt"');
    expect(res.text).toMatch(/<main id="inhalt"/);
    expect(res.text).toContain('Begleitbeirat für die Umsetzung des Integrationskonzeptes');
  });

  it('answers unknown paths with a German 404 page', async () => {
    const res = await request(t.http).get('/gibt-es-nicht').expect(404);
    expect(res.text).toContain('Seite nicht gefunden');
  });

  it.each(['/organisationen/abc', '/organisationen/0', '/organisationen/-1', '/organisationen/99999999', '/organisationen/1.5', '/organisationen/99999999999999999999999'])(
    '%s is a 404 page, not an error',
    async (path) => {
      const res = await request(t.http).get(path).expect(404);
      expect(res.text).toContain('Fehlercode 404');
      expect(res.text).not.toMatch(/at \w+ \(|Error:/);
    },
  );

  it('serves the stylesheet', async () => {
    await request(t.http).get('/static/css/app.css').expect(200).expect('content-type', /text\/css/);
  });

  it('answers a malformed JSON body with a German 400 page, not 500', async () => {
    const res = await request(t.http).post('/suche').set('content-type', 'application/json').send('{"x":');
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toContain('SyntaxError');
  });
});

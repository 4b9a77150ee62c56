import request from 'supertest';
import { csrfTokenFrom, loggedInAgent, type Agent } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Schlosspark im Herbstnebel';

function expectSecurityHeaders(res: request.Response): void {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("script-src-attr 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security: CSRF, headers, roles', () => {
  let t: TestApp;
  let member: Agent;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    member = await loggedInAgent(t, { email: 'mitglied-test@example.org', password: PASSWORD });
    admin = await loggedInAgent(t, { email: 'admin-test@example.org', password: PASSWORD, isAdmin: true });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('CSRF', () => {
    it('rejects a POST without a token with a German 403 page, and the session stays', async () => {
      const res = await member.post('/abmelden').type('form').send({}).expect(403);
      expect(res.text).toContain('Das Formular ist abgelaufen oder stammt nicht von dieser Seite.');
      expectSecurityHeaders(res);
      await member.get('/konto').expect(200);
    });

    it('rejects a POST with a wrong or another session’s token', async () => {
      await member.post('/abmelden').type('form').send({ _csrf: 'x'.repeat(43) }).expect(403);
      const adminToken = csrfTokenFrom((await admin.get('/')).text);
      await member.post('/abmelden').type('form').send({ _csrf: adminToken }).expect(403);
      await member.post('/abmelden').type('form').send({ '_csrf[]': adminToken }).expect(403);
      await member.get('/konto').expect(200);
    });

    it('rejects the login form of a visitor without a session token', async () => {
      await request(t.http).post('/anmelden').type('form').send({ email: 'mitglied-test@example.org', password: PASSWORD }).expect(403);
    });

    it('rejects a cross-site POST by its Fetch Metadata even with a valid token', async () => {
      const token = csrfTokenFrom((await member.get('/')).text);
      const bySecFetch = await member.post('/abmelden').set('Sec-Fetch-Site', 'cross-site').type('form').send({ _csrf: token }).expect(403);
      expectSecurityHeaders(bySecFetch);
      await member.post('/abmelden').set('Origin', 'https://evil.example').type('form').send({ _csrf: token }).expect(403);
      await member.get('/konto').expect(200);
    });

    it('gives two pages loaded at once right after login the same token, and both forms work', async () => {
      const agent = await loggedInAgent(t, { email: 'zwei-tabs@example.org', password: PASSWORD });
      // the first pages of the new session, in parallel (two tabs, or a page and its prefetch)
      const [a, b] = await Promise.all([agent.get('/konto'), agent.get('/')]);
      const tokenA = csrfTokenFrom(a.text);
      expect(csrfTokenFrom(b.text)).toBe(tokenA);
      await agent.post('/abmelden').type('form').send({ _csrf: tokenA }).expect(303);
      // after logout the old session's token is worthless
      const fresh = await loggedInAgent(t, { email: 'zwei-tabs-2@example.org', password: PASSWORD });
      await fresh.get('/konto').expect(200);
      await fresh.post('/abmelden').type('form').send({ _csrf: tokenA }).expect(403);
    });

    it('accepts the token as X-CSRF-Token header and from the own origin', async () => {
      const agent = await loggedInAgent(t, { email: 'header@example.org', password: PASSWORD });
      const token = csrfTokenFrom((await agent.get('/')).text);
      await agent.post('/abmelden').set('X-CSRF-Token', token).set('Sec-Fetch-Site', 'same-origin').expect(303);
      await agent.get('/konto').expect(302);
    });
  });

  describe('security headers', () => {
    it('are on normal pages, 404 pages and static files; the stylesheet still loads', async () => {
      expectSecurityHeaders(await request(t.http).get('/').expect(200));
      const missing = await request(t.http).get('/gibt-es-nicht').expect(404);
      expectSecurityHeaders(missing);
      expect(missing.text).toContain('Seite nicht gefunden');
      const css = await request(t.http).get('/static/css/app.css').expect(200).expect('content-type', /text\/css/);
      expectSecurityHeaders(css);
      expect(css.headers['set-cookie']).toBeUndefined();
      // no Strict-Transport-Security over plain http (see the https test in auth-sessions)
      expect(missing.headers['strict-transport-security']).toBeUndefined();
    });

    it('pages have no inline script or style the CSP would block', async () => {
      for (const path of ['/', '/anmelden', '/organisationen']) {
        const res = await request(t.http).get(path).expect(200);
        expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
        expect(res.text).not.toMatch(/\sstyle="/);
        expect(res.text).not.toMatch(/\son[a-z]+="/);
      }
    });
  });

  describe('roles', () => {
    it('sends anonymous visitors of member and admin pages to the login, returning afterwards', async () => {
      for (const path of ['/konto', '/konto/passwort', '/admin/konten', '/admin/konten/neu']) {
        const res = await request(t.http).get(path).expect(302);
        expect(res.headers.location).toBe(`/anmelden?next=${encodeURIComponent(path)}`);
      }
    });

    it('answers members on admin pages with a German 403 page', async () => {
      for (const path of ['/admin/konten', '/admin/konten/neu']) {
        const res = await member.get(path).expect(403);
        expect(res.text).toContain('nur für Administratorinnen und Administratoren');
      }
      const token = csrfTokenFrom((await member.get('/')).text);
      await member.post('/admin/konten').type('form').send({ _csrf: token, email: 'x@example.org' }).expect(403);
      await member.post('/admin/konten/1/passwort-link').type('form').send({ _csrf: token }).expect(403);
    });

    it('lets administrators in, with a header link to the accounts', async () => {
      const res = await admin.get('/admin/konten').expect(200);
      expect(res.text).toContain('<th scope="col">E-Mail-Adresse</th>');
      expect(res.text).toContain('mitglied-test@example.org');
      expect(res.text).toContain('href="/admin/konten">Konten</a>');
      const home = await member.get('/');
      expect(home.text).not.toContain('href="/admin/konten"');
    });
  });
});

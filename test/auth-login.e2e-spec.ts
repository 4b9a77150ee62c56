import request from 'supertest';
import { DataSource } from 'typeorm';
import { LoginFailure } from '../src/auth/login-failure.entity.js';
import { LOGIN_THROTTLE } from '../src/auth/login-throttle.service.js';
import { SeedContext } from '../seeds/seed-context.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createAccount, csrfTokenFrom, login } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Kaffeetasse am Pfaffenteich';

/** The session cookie ("nm.sid=…") of a response, or null. */
function sessionCookie(res: { headers: Record<string, unknown> }): string | null {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? (raw as string[]) : [];
  const found = cookies.find((c) => c.startsWith('nm.sid='));
  return found ? found.split(';')[0] : null;
}

describe('login and logout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const person = await t.app.get(DatabaseService).write((m) =>
      new SeedContext(m).ensurePerson({ givenName: 'Ольга', familyName: 'Петренко', academicTitle: 'Dr.' }),
    );
    await createAccount(t, { email: 'olga@example.org', password: PASSWORD, personId: person.id });
    await createAccount(t, { email: 'ahmad@example.org', password: PASSWORD });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.app.get(DatabaseService).write((m) => m.getRepository(LoginFailure).clear());
  });

  it('shows an accessible German login form with a CSRF token, never cached', async () => {
    const res = await request(t.http).get('/anmelden').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<h1 id="anmelden-titel">Anmelden</h1>');
    expect(res.text).toMatch(/<label for="anmelden-email">E-Mail-Adresse/);
    expect(res.text).toMatch(/<input id="anmelden-password" name="password" type="password" value="" autocomplete="current-password"/);
    expect(csrfTokenFrom(res.text).length).toBeGreaterThanOrEqual(43);
    expect(res.text).toContain('href="/anmelden"'); // header link for anonymous visitors
  });

  it('logs in, shows the name (Cyrillic intact) and logout button in the header, and the account page', async () => {
    const agent = request.agent(t.http);
    const res = await login(agent, 'OLGA@Example.org ', PASSWORD);
    expect(res.headers.location).toBe('/meine-seite'); // no page asked for: Meine Seite
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Dr. Ольга Петренко');
    expect(home.text).toContain('action="/abmelden"');
    expect(home.text).not.toContain('>Anmelden</a>');
    expect(home.headers['cache-control']).toBe('no-store');
    const account = await agent.get('/konto').expect(200);
    expect(account.text).toContain('olga@example.org');
  });

  it('gives the same answer for an unknown email and a wrong password, keeps the email, never the password', async () => {
    const token = async (agent: ReturnType<typeof request.agent>) => csrfTokenFrom((await agent.get('/anmelden')).text);
    const a = request.agent(t.http);
    const tokenA = await token(a);
    const unknown = await a.post('/anmelden').type('form').send({ email: 'niemand@example.org', password: 'irgendwas-langes', _csrf: tokenA });
    const b = request.agent(t.http);
    const tokenB = await token(b);
    const wrong = await b.post('/anmelden').type('form').send({ email: 'ahmad@example.org', password: 'falsches-passwort', _csrf: tokenB });
    expect(unknown.status).toBe(422);
    expect(wrong.status).toBe(422);
    const message = 'E-Mail-Adresse oder Passwort ist nicht richtig.';
    expect(unknown.text).toContain(message);
    expect(wrong.text).toContain(message);
    expect(wrong.text).toContain('value="ahmad@example.org"');
    expect(wrong.text).not.toContain('falsches-passwort');
    expect(wrong.text).toContain('<title>Fehler: Anmelden');
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(unknown.text)).toBe(strip(wrong.text));
  });

  it('answers empty fields with 422, German messages tied to the fields and an error summary', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/anmelden');
    const res = await agent.post('/anmelden').type('form').send({ email: '  ', password: '', _csrf: csrfTokenFrom(page.text) }).expect(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('<a href="#anmelden-email">Bitte geben Sie Ihre E-Mail-Adresse ein.</a>');
    expect(res.text).toContain('<a href="#anmelden-password">Bitte geben Sie Ihr Passwort ein.</a>');
    expect(res.text).toMatch(/id="anmelden-email"[^>]*aria-describedby="anmelden-email-fehler"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('<p class="field__error" id="anmelden-email-fehler">');
  });

  it('rotates the session id at login and ends the session at logout', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/anmelden');
    const before = sessionCookie(page);
    expect(before).not.toBeNull();
    const res = await agent.post('/anmelden').type('form').send({ email: 'ahmad@example.org', password: PASSWORD, _csrf: csrfTokenFrom(page.text) }).expect(303);
    const after = sessionCookie(res);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    // the pre-login session is gone: its cookie is anonymous
    await request(t.http).get('/konto').set('Cookie', before ?? '').expect(302);
    await request(t.http).get('/konto').set('Cookie', after ?? '').expect(200);

    const home = await agent.get('/');
    const logout = await agent.post('/abmelden').type('form').send({ _csrf: csrfTokenFrom(home.text) }).expect(303);
    expect(logout.headers.location).toBe('/anmelden?hinweis=abgemeldet');
    expect(String(logout.headers['set-cookie'])).toMatch(/nm\.sid=;.*Expires=Thu, 01 Jan 1970/);
    // the old cookie no longer works, even when replayed
    const replay = await request(t.http).get('/konto').set('Cookie', after ?? '').expect(302);
    expect(replay.headers.location).toBe('/anmelden?next=%2Fkonto');
    const notice = await agent.get('/anmelden?hinweis=abgemeldet').expect(200);
    expect(notice.text).toContain('Sie sind abgemeldet.');
  });

  it('returns to the page that asked for the login, and only to a path of this site', async () => {
    const redirect = await request(t.http).get('/admin/konten').expect(302);
    expect(redirect.headers.location).toBe('/anmelden?next=%2Fadmin%2Fkonten');
    const page = await request(t.http).get('/anmelden?next=%2Fgremien%3Fseite%3D2');
    expect(page.text).toContain('name="next" value="/gremien?seite&#x3D;2"');

    for (const [next, expected] of [
      ['/gremien?seite=2', '/gremien?seite=2'],
      // never another host: an unsafe next falls back to the landing page, Meine Seite
      ['https://evil.example/', '/meine-seite'],
      ['//evil.example', '/meine-seite'],
      ['/\\evil.example', '/meine-seite'],
    ]) {
      const agent = request.agent(t.http);
      const form = await agent.get('/anmelden');
      const res = await agent.post('/anmelden').type('form').send({ email: 'ahmad@example.org', password: PASSWORD, next, _csrf: csrfTokenFrom(form.text) }).expect(303);
      expect(res.headers.location).toBe(expected);
    }
  });

  it('sends a logged-in visitor of /anmelden on to the requested page', async () => {
    const agent = request.agent(t.http);
    await login(agent, 'ahmad@example.org', PASSWORD);
    const res = await agent.get('/anmelden?next=/organisationen').expect(302);
    expect(res.headers.location).toBe('/organisationen');
  });

  it(`throttles an account after ${LOGIN_THROTTLE.perAccount} failures with 429, even for the right password`, async () => {
    const agent = request.agent(t.http);
    const token = csrfTokenFrom((await agent.get('/anmelden')).text);
    const attempt = (password: string) => agent.post('/anmelden').type('form').send({ email: 'ahmad@example.org', password, _csrf: token });
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++) await attempt(`falsch-${i}-xxxxxx`).expect(422);
    const blocked = await attempt(PASSWORD).expect(429);
    expect(blocked.text).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    expect(blocked.headers['retry-after']).toBe(String(LOGIN_THROTTLE.windowMinutes * 60));
    // another account from the same address still gets in
    await login(request.agent(t.http), 'olga@example.org', PASSWORD);
    // the window passes: failures older than 15 minutes no longer count
    await t.app.get(DatabaseService).write((m) => m.getRepository(LoginFailure).update({ accountKey: 'ahmad@example.org' }, { attemptedAt: new Date(Date.now() - 16 * 60_000) }));
    await attempt(PASSWORD).expect(303);
  });

  it(`throttles an IP address after ${LOGIN_THROTTLE.perIp} failures, whatever the email`, async () => {
    const agent = request.agent(t.http);
    const token = csrfTokenFrom((await agent.get('/anmelden')).text);
    for (let i = 0; i < LOGIN_THROTTLE.perIp; i++) {
      await agent.post('/anmelden').type('form').send({ email: `probe-${i}@example.org`, password: 'falsch-falsch', _csrf: token }).expect(422);
    }
    const blocked = await agent.post('/anmelden').type('form').send({ email: 'olga@example.org', password: PASSWORD, _csrf: token }).expect(429);
    expect(blocked.text).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
  });

  it('clears the failures of an account after a successful login', async () => {
    const agent = request.agent(t.http);
    const token = csrfTokenFrom((await agent.get('/anmelden')).text);
    for (let i = 0; i < LOGIN_THROTTLE.perAccount - 1; i++) {
      await agent.post('/anmelden').type('form').send({ email: 'olga@example.org', password: 'falsch-falsch', _csrf: token }).expect(422);
    }
    await agent.post('/anmelden').type('form').send({ email: 'olga@example.org', password: PASSWORD, _csrf: token }).expect(303);
    expect(await t.app.get(DataSource).getRepository(LoginFailure).count({ where: { accountKey: 'olga@example.org' } })).toBe(0);
  });
});

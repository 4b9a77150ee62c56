import request from 'supertest';
import { Account } from '../src/auth/account.entity.js';
import { DevicePassword } from '../src/auth/device-password.entity.js';
import { PasswordResetRequest } from '../src/auth/password-reset-request.entity.js';
import { PasswordSetToken } from '../src/auth/password-set-token.entity.js';
import { type AuditChange, AuditEntry } from '../src/audit/audit-entry.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { createAccount, csrfTokenFrom, login, type Agent } from './helpers/auth.js';
import { mailSuite, type RunningApp, type TestSmtpServer } from './helpers/mail.js';

const OLD_PASSWORD = 'Alte Wege am Pfaffenteich 2026';
const NEW_PASSWORD = 'Neue Wege über den Schlossgarten';

/** Submits the "Passwort vergessen" form as an anonymous browser would (fresh agent: its own CSRF token). */
async function askForLink(t: RunningApp, email: string, agent: Agent = request.agent(t.http)): Promise<request.Response> {
  const page = await agent.get('/passwort-vergessen').expect(200);
  return agent.post('/passwort-vergessen').type('form').send({ _csrf: csrfTokenFrom(page.text), email });
}

/** The set-password path in a received mail. */
function linkPathIn(text: string): string {
  const match = /https?:\/\/[^/\s]+(\/konto\/passwort-setzen\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no set-password link in mail: ${text.slice(0, 300)}`);
  return match[1];
}

describe('Passwort vergessen: a reset link by mail, same answer for every address, throttled, single-use', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;

  beforeAll(() => {
    ({ t, smtp } = suite);
  });

  beforeEach(async () => {
    // each test starts with no requests counted (the throttle counts per client; all tests come from 127.0.0.1)
    await t.db.write((m) => m.getRepository(PasswordResetRequest).clear());
  });

  it('the login page links to it; a known and an unknown address get the very same answer, only the known one a mail', async () => {
    const login = await request(t.http).get('/anmelden').expect(200);
    expect(login.text).toContain('<a href="/passwort-vergessen">Passwort vergessen?</a>');

    await createAccount(t, { email: 'vergesslich@example.org', password: OLD_PASSWORD });
    const known = await askForLink(t, 'Vergesslich@Example.org ');
    const unknown = await askForLink(t, 'niemand-hier@example.org');
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    const after = await request(t.http).get(known.headers.location).expect(200);
    expect(after.text).toContain('Wenn es zu dieser Adresse einen Zugang gibt, haben wir soeben einen Link');
    expect(after.headers['cache-control']).toBe('no-store');

    const queued = await t.db.dataSource.getRepository(OutboxMail).find({ where: { kind: 'set_password' } });
    expect(queued.map((m) => m.toAddress)).toEqual(['vergesslich@example.org']);
  });

  it('a disabled account gets no mail, and the answer is the same', async () => {
    const account = await createAccount(t, { email: 'gesperrt-reset@example.org', password: OLD_PASSWORD });
    await t.db.write((m) => m.getRepository(Account).update({ id: account.id }, { disabledAt: new Date() }));
    const res = await askForLink(t, 'gesperrt-reset@example.org');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/passwort-vergessen?hinweis=gesendet');
    expect(await t.db.dataSource.getRepository(PasswordSetToken).count({ where: { accountId: account.id } })).toBe(0);
  });

  it('rejects a malformed address with a German message and keeps what was typed', async () => {
    const res = await askForLink(t, 'keine-adresse');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.');
    expect(res.text).toContain('value="keine-adresse"');
    expect((await askForLink(t, '')).text).toContain('Bitte geben Sie Ihre E-Mail-Adresse ein.');
  });

  it('the link caught at the SMTP server resets the password once: weak passwords refused, all sessions end, audited', async () => {
    const account = await createAccount(t, { email: 'reset-reise@example.org', password: OLD_PASSWORD });
    // logged in elsewhere (say, on a shared computer) with the old password
    const elsewhere = request.agent(t.http);
    await login(elsewhere, 'reset-reise@example.org', OLD_PASSWORD);
    await elsewhere.get('/konto').expect(200);
    // … and a phone syncing over CardDAV with a device password
    await t.db.write((m) => m.getRepository(DevicePassword).save({ accountId: account.id, name: 'iPhone', selector: 'abcdefgh', passwordHash: 'x', lastUsedAt: null }));

    const before = Date.now();
    expect((await askForLink(t, 'reset-reise@example.org')).status).toBe(303);
    const token = await t.db.dataSource.getRepository(PasswordSetToken).findOneOrFail({ where: { accountId: account.id } });
    // short-lived: one hour, not the 72 hours of a link the administration hands over
    expect(token.expiresAt.getTime() - before).toBeGreaterThan(59 * 60_000);
    expect(token.expiresAt.getTime() - before).toBeLessThan(61 * 60_000);
    expect(token.createdById).toBeNull();

    const sentBefore = smtp.received.length;
    await t.worker.drain();
    const mails = await smtp.waitFor(sentBefore + 1);
    const mail = mails.find((m) => m.envelopeTo.includes('reset-reise@example.org'));
    expect(mail).toBeDefined();
    const text = mail?.parsed.text ?? '';
    expect(mail?.parsed.subject).toBe('Neues Passwort für Netzwerk Migration festlegen');
    expect(text).toContain('nur für eine einzige Verwendung');
    const path = linkPathIn(text);

    const browser = request.agent(t.http);
    const page = await browser.get(path).expect(200);
    expect(page.text).toContain('reset-reise@example.org');
    const csrf = csrfTokenFrom(page.text);

    // weak and mismatching passwords: 422 with the password rules' messages, the link stays usable
    const weak = await browser.post(path).type('form').send({ _csrf: csrf, newPassword: 'passwort123', repeatPassword: 'passwort123' });
    expect(weak.status).toBe(422);
    expect(weak.text).toMatch(/Fehler: Passwort setzen/);
    expect(weak.text).toContain('passwort-setzen-newPassword-fehler');
    const short = await browser.post(path).type('form').send({ _csrf: csrf, newPassword: 'kurz', repeatPassword: 'kurz' });
    expect(short.status).toBe(422);
    const mismatch = await browser.post(path).type('form').send({ _csrf: csrf, newPassword: NEW_PASSWORD, repeatPassword: `${NEW_PASSWORD}!` });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('Die Wiederholung stimmt nicht mit dem neuen Passwort überein.');

    const done = await browser.post(path).type('form').send({ _csrf: csrf, newPassword: NEW_PASSWORD, repeatPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/anmelden?hinweis=gesetzt');

    // every session of the account has ended
    const kicked = await elsewhere.get('/konto');
    expect(kicked.status).toBe(302);
    expect(kicked.headers.location).toMatch(/^\/anmelden/);
    // … and so has every device password
    expect(await t.db.dataSource.getRepository(DevicePassword).countBy({ accountId: account.id })).toBe(0);

    // used up: the same link answers 404 revealing nothing, for GET and POST
    const again = await request(t.http).get(path);
    expect(again.status).toBe(404);
    expect(again.text).toContain('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.');
    expect(again.text).not.toContain('reset-reise@example.org');
    expect((await browser.post(path).type('form').send({ _csrf: csrf, newPassword: NEW_PASSWORD, repeatPassword: NEW_PASSWORD })).status).toBe(404);

    // the old password is gone, the new one works
    const oldLogin = request.agent(t.http);
    const oldPage = await oldLogin.get('/anmelden');
    expect((await oldLogin.post('/anmelden').type('form').send({ _csrf: csrfTokenFrom(oldPage.text), email: 'reset-reise@example.org', password: OLD_PASSWORD })).status).toBe(422);
    await login(request.agent(t.http), 'reset-reise@example.org', NEW_PASSWORD);

    // the audit log has the request and the reset, never a password
    const entries = await t.db.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'account', entityId: account.id }, order: { id: 'ASC' } });
    const changes = entries.flatMap((e) => (JSON.parse(e.changes) as AuditChange[]).map((c) => `${e.actorName}: ${c.label} → ${c.new ?? ''}`));
    expect(changes).toEqual([
      'Anfrage „Passwort vergessen“: Link zum Passwortsetzen → über „Passwort vergessen“ angefordert',
      'reset-reise@example.org: Passwort → über Link neu gesetzt',
    ]);
    expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);
  });

  it('a forged, malformed or expired link answers 404 and reveals nothing', async () => {
    const forged = await request(t.http).get(`/konto/passwort-setzen/${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.text).toContain('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.');
    expect((await request(t.http).get('/konto/passwort-setzen/kurz')).status).toBe(404);

    const account = await createAccount(t, { email: 'abgelaufen-reset@example.org', password: OLD_PASSWORD });
    expect((await askForLink(t, 'abgelaufen-reset@example.org')).status).toBe(303);
    await t.worker.drain();
    const mail = (await smtp.waitFor(1)).find((m) => m.envelopeTo.includes('abgelaufen-reset@example.org'));
    const path = linkPathIn(mail?.parsed.text ?? '');
    await t.db.write((m) => m.getRepository(PasswordSetToken).update({ accountId: account.id }, { expiresAt: new Date(Date.now() - 1000) }));
    const expired = await request(t.http).get(path);
    expect(expired.status).toBe(404);
    expect(expired.text).not.toContain('abgelaufen-reset@example.org');
  });

  it('a flood for one address answers 429 after three requests, the same for an unknown address, and sends no more mail', async () => {
    await createAccount(t, { email: 'flut@example.org', password: OLD_PASSWORD });
    const outbox = t.db.dataSource.getRepository(OutboxMail);
    const mailsBefore = await outbox.count({ where: { toAddress: 'flut@example.org' } });
    for (let i = 0; i < 3; i++) expect((await askForLink(t, 'flut@example.org')).status).toBe(303);
    const known = await askForLink(t, 'flut@example.org');
    expect(known.status).toBe(429);
    expect(known.headers['retry-after']).toBe('900');
    expect(known.text).toContain('Zu viele Anfragen in kurzer Zeit. Bitte warten Sie 15 Minuten');
    expect(known.text).toContain('value="flut@example.org"');
    expect(await outbox.count({ where: { toAddress: 'flut@example.org' } })).toBe(mailsBefore + 3);

    for (let i = 0; i < 3; i++) expect((await askForLink(t, 'flut-unbekannt@example.org')).status).toBe(303);
    const unknown = await askForLink(t, 'flut-unbekannt@example.org');
    expect(unknown.status).toBe(429);
    // the refusal reads the same for both: nothing tells whether the address has an account
    const strip = (html: string): string => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/flut(-unbekannt)?@example\.org/g, 'ADRESSE');
    expect(strip(unknown.text)).toBe(strip(known.text));
  });

  it('a flood from one client over many addresses answers 429 after ten requests', async () => {
    for (let i = 0; i < 10; i++) expect((await askForLink(t, `streu-${i}@example.org`)).status).toBe(303);
    const res = await askForLink(t, 'streu-neu@example.org');
    expect(res.status).toBe(429);
    expect(res.text).toContain('Zu viele Anfragen in kurzer Zeit.');
  });
});

import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { PasswordSetToken } from '../src/auth/password-set-token.entity.js';
import { SeedContext } from '../seeds/seed-context.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createAccount, csrfTokenFrom, login, loggedInAgent, postForm, startupError, type Agent } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Wiesen hinter dem Zippendorfer Strand';

/** The set-password URL shown on an admin page, as a path. */
function linkPathFrom(html: string): string {
  const match = /value="https?:\/\/[^/"]+(\/konto\/passwort-setzen\/[A-Za-z0-9_-]{43})"/.exec(html);
  if (!match) throw new Error(`no set-password link in page: ${html.slice(0, 200)}`);
  return match[1];
}

describe('accounts and passwords', () => {
  describe('first administrator', () => {
    it('is created from ADMIN_EMAIL and ADMIN_PASSWORD, without forced change', async () => {
      const t = await createTestApp({ adminEmail: 'leitung@example.org', adminPassword: 'Ein eigenes Passwort fürs Netzwerk' });
      try {
        const agent = request.agent(t.http);
        const res = await login(agent, 'Leitung@Example.org', 'Ein eigenes Passwort fürs Netzwerk');
        expect(res.headers.location).toBe('/meine-seite');
        await agent.get('/admin/konten').expect(200);
        expect(await t.app.get(DataSource).getRepository(Account).count()).toBe(1);
      } finally {
        await t.close();
      }
    });

    it('gets a generated password, logged once, that must be changed at first login', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      let t: TestApp | null = null;
      try {
        t = await createTestApp({ adminEmail: 'admin@localhost', adminPassword: null });
        const lines = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('Erstes Administratorkonto'));
        expect(lines).toHaveLength(1);
        const password = /Passwort (\S+) —/.exec(lines[0])?.[1] ?? '';
        expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

        const agent = request.agent(t.http);
        const res = await login(agent, 'admin@localhost', password);
        expect(res.headers.location).toBe('/konto/passwort');
        // every other page leads to the password change until it is done
        for (const path of ['/', '/admin/konten', '/konto']) {
          const blocked = await agent.get(path).expect(303);
          expect(blocked.headers.location).toBe('/konto/passwort');
        }
        const page = await agent.get('/konto/passwort').expect(200);
        expect(page.text).toContain('vorläufigen Passwort');
        const token = csrfTokenFrom(page.text);
        const changed = await agent
          .post('/konto/passwort')
          .type('form')
          .send({ _csrf: token, currentPassword: password, newPassword: 'Mein eigenes Admin-Passwort', repeatPassword: 'Mein eigenes Admin-Passwort' })
          .expect(303);
        expect(changed.headers.location).toBe('/konto?hinweis=passwort-geaendert');
        await agent.get('/admin/konten').expect(200);

        // a restart creates no second administrator and logs no password
        warn.mockClear();
        const second = await createTestApp({ databasePath: t.config.databasePath, databaseUrl: t.config.databaseUrl });
        await second.app.close();
        expect(warn.mock.calls.filter((c) => String(c[0]).includes('Erstes Administratorkonto'))).toHaveLength(0);
      } finally {
        warn.mockRestore();
        await t?.close();
      }
    });

    it('refuses to start with a weak ADMIN_PASSWORD', async () => {
      const error = await startupError({ adminPassword: 'passwort123' });
      expect(error.message).toMatch(/^ADMIN_PASSWORD ist nicht zulässig: Dieses Passwort ist sehr verbreitet/);
    });
  });

  describe('own password and administration', () => {
    let t: TestApp;
    let admin: Agent;
    let personId: number;

    beforeAll(async () => {
      t = await createTestApp();
      admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
      const person = await t.app.get(DatabaseService).write((m) => new SeedContext(m).ensurePerson({ givenName: 'Fatima', familyName: 'الحسن' }));
      personId = person.id;
    });
    afterAll(async () => {
      await t.close();
    });

    it.each([
      ['kurz', 'mindestens 10 Zeichen'],
      ['qwertyuiop', 'sehr verbreitet'],
      ['Password123', 'sehr verbreitet'],
      ['Demo-Mitglied-2026', 'sehr verbreitet'],
    ])('rejects the new password %j with 422 and a German message at the field', async (newPassword, message) => {
      const agent = await loggedInAgent(t, { email: `regeln-${newPassword.toLowerCase()}@example.org`, password: PASSWORD });
      const res = await postForm(agent, '/konto/passwort', { currentPassword: PASSWORD, newPassword, repeatPassword: newPassword });
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toMatch(/id="passwort-newPassword"[^>]*aria-describedby="passwort-newPassword-hinweis passwort-newPassword-fehler"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('<a href="#passwort-newPassword">');
      expect(res.text).not.toContain(`value="${newPassword}"`);
      expect(res.text).not.toContain(`value="${PASSWORD}"`);
    });

    it('rejects a password equal to the account email, in any case', async () => {
      const agent = await loggedInAgent(t, { email: 'gleich.email@example.org', password: PASSWORD });
      const res = await postForm(agent, '/konto/passwort', {
        currentPassword: PASSWORD,
        newPassword: 'Gleich.Email@Example.org',
        repeatPassword: 'Gleich.Email@Example.org',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Das Passwort darf nicht die E-Mail-Adresse sein.');
    });

    it('rejects a wrong current password and a differing repetition', async () => {
      const agent = await loggedInAgent(t, { email: 'wiederholung@example.org', password: PASSWORD });
      const wrong = await postForm(agent, '/konto/passwort', { currentPassword: 'nicht-das-richtige', newPassword: 'Neues langes Passwort', repeatPassword: 'Neues langes Passwort' });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('Das aktuelle Passwort ist nicht richtig.');
      const differ = await postForm(agent, '/konto/passwort', { currentPassword: PASSWORD, newPassword: 'Neues langes Passwort', repeatPassword: 'Neues langes Passwörtchen' });
      expect(differ.status).toBe(422);
      expect(differ.text).toContain('Die Wiederholung stimmt nicht mit dem neuen Passwort überein.');
      await login(request.agent(t.http), 'wiederholung@example.org', PASSWORD); // unchanged
    });

    it('lets an administrator create an account linked to a person and hand over a one-time link', async () => {
      const form = await admin.get('/admin/konten/neu').expect(200);
      expect(form.text).toContain(`<option value="${personId}">الحسن, Fatima</option>`);
      const created = await postForm(admin, '/admin/konten', { email: ' Fatima.Alhassan@Example.org ', personId: String(personId), isAdmin: '' });
      expect(created.status).toBe(201);
      expect(created.text).toContain('fatima.alhassan@example.org');
      const linkPath = linkPathFrom(created.text);
      const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: 'fatima.alhassan@example.org' });
      expect(account).toMatchObject({ personId, isAdmin: false });
      // only the hash of the token is stored
      const tokens = await t.app.get(DataSource).getRepository(PasswordSetToken).find({ where: { accountId: account.id } });
      expect(tokens).toHaveLength(1);
      expect(linkPath).not.toContain(tokens[0].tokenHash);

      const visitor = request.agent(t.http);
      const page = await visitor.get(linkPath).expect(200);
      expect(page.text).toContain('fatima.alhassan@example.org');
      const token = csrfTokenFrom(page.text);
      const weak = await visitor.post(linkPath).type('form').send({ _csrf: token, newPassword: '1234567890', repeatPassword: '1234567890' }).expect(422);
      expect(weak.text).toContain('sehr verbreitet');
      const done = await visitor.post(linkPath).type('form').send({ _csrf: token, newPassword: 'Mein Garten in Lankow', repeatPassword: 'Mein Garten in Lankow' }).expect(303);
      expect(done.headers.location).toBe('/anmelden?hinweis=gesetzt');
      expect((await visitor.get('/anmelden?hinweis=gesetzt')).text).toContain('Ihr Passwort ist gesetzt.');

      const agent = request.agent(t.http);
      await login(agent, 'fatima.alhassan@example.org', 'Mein Garten in Lankow');
      expect((await agent.get('/')).text).toContain('Fatima الحسن');

      // single use
      const again = await request(t.http).get(linkPath).expect(404);
      expect(again.text).toContain('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.');
      await visitor.post(linkPath).type('form').send({ _csrf: token, newPassword: 'Noch ein neues Passwort', repeatPassword: 'Noch ein neues Passwort' }).expect(404);
    });

    it('keeps typed values and explains a taken email or person (case-insensitive)', async () => {
      await createAccount(t, { email: 'vergeben@example.org', password: PASSWORD });
      const res = await postForm(admin, '/admin/konten', { email: 'Vergeben@EXAMPLE.org', personId: '', isAdmin: 'on' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Für diese E-Mail-Adresse gibt es schon ein Konto.');
      expect(res.text).toContain('value="Vergeben@EXAMPLE.org"');
      expect(res.text).toMatch(/type="checkbox" value="on" checked/);
      const invalid = await postForm(admin, '/admin/konten', { email: 'kein-at-zeichen', personId: '999999', isAdmin: '' });
      expect(invalid.status).toBe(422);
      expect(invalid.text).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
      const gone = await postForm(admin, '/admin/konten', { email: 'person-fehlt@example.org', personId: '999999', isAdmin: '' });
      expect(gone.status).toBe(422);
      expect(gone.text).toContain('Diese Person gibt es nicht (mehr).');
    });

    it('set-password links expire after 72 hours, and malformed tokens are 404', async () => {
      const account = await createAccount(t, { email: 'ablauf@example.org', password: PASSWORD });
      const res = await postForm(admin, `/admin/konten/${account.id}/passwort-link`);
      expect(res.status).toBe(201);
      const linkPath = linkPathFrom(res.text);
      const row = await t.app.get(DataSource).getRepository(PasswordSetToken).findOneByOrFail({ accountId: account.id });
      const hours = (row.expiresAt.getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThanOrEqual(72);
      await request(t.http).get(linkPath).expect(200);
      await t.app.get(DatabaseService).write((m) => m.getRepository(PasswordSetToken).update({ id: row.id }, { expiresAt: new Date(Date.now() - 1000) }));
      await request(t.http).get(linkPath).expect(404);
      for (const bad of ['abc', 'x'.repeat(44), '%2e%2e']) await request(t.http).get(`/konto/passwort-setzen/${bad}`).expect(404);
      await postForm(admin, '/admin/konten/99999999/passwort-link').then((r) => expect(r.status).toBe(404));
    });

    it('disabling an account ends its sessions and its logins fail like a wrong password', async () => {
      const account = await createAccount(t, { email: 'gesperrt@example.org', password: PASSWORD });
      const user = request.agent(t.http);
      await login(user, 'gesperrt@example.org', PASSWORD);
      expect((await postForm(admin, `/admin/konten/${account.id}/sperren`)).status).toBe(303);
      await user.get('/konto').expect(302);
      const page = await user.get('/anmelden');
      const res = await user.post('/anmelden').type('form').send({ _csrf: csrfTokenFrom(page.text), email: 'gesperrt@example.org', password: PASSWORD }).expect(422);
      expect(res.text).toContain('E-Mail-Adresse oder Passwort ist nicht richtig.');
      expect((await admin.get('/admin/konten')).text).toContain('gesperrt seit');
      expect((await postForm(admin, `/admin/konten/${account.id}/entsperren`)).status).toBe(303);
      await login(request.agent(t.http), 'gesperrt@example.org', PASSWORD);
    });
  });
});

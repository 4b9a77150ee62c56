import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, MoreThan } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { Session } from '../src/auth/session.entity.js';
import { SessionMaintenanceService } from '../src/auth/session-maintenance.service.js';
import { createAccount, csrfTokenFrom, login, postForm, type Agent } from './helpers/auth.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const EMAIL = 'sitzung@example.org';
const PASSWORD = 'Lange Sitzung am Schweriner See';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? (raw as string[]) : []).find((c) => c.startsWith('nm.sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

describe('sessions in the database', () => {
  describe('one app', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
      await createAccount(t, { email: EMAIL, password: PASSWORD });
    });
    afterAll(async () => {
      await t.close();
    });

    async function loggedIn(): Promise<{ agent: Agent; cookie: string }> {
      const agent = request.agent(t.http);
      const res = await login(agent, EMAIL, PASSWORD);
      return { agent, cookie: cookieOf(res) };
    }

    it('sets an HttpOnly, SameSite=Lax session cookie with a ≥128-bit id, stored only as a hash', async () => {
      const agent = request.agent(t.http);
      const res = await login(agent, EMAIL, PASSWORD);
      const header = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('nm.sid='));
      expect(header).toMatch(/; Path=\//);
      expect(header).toMatch(/; HttpOnly/);
      expect(header).toMatch(/; SameSite=Lax/);
      expect(header).not.toMatch(/; Secure/); // plain http in tests
      const sid = decodeURIComponent(cookieOf(res).slice('nm.sid='.length)).replace(/^s:/, '').split('.')[0];
      expect(Buffer.from(sid, 'base64url').length).toBeGreaterThanOrEqual(16);
      const rows = await t.app.get(DataSource).getRepository(Session).find();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.id === sid || r.data.includes(sid))).toBe(false);
    });

    it('moves the idle expiry forward by SESSION_IDLE_MINUTES and ends an idle session', async () => {
      const { agent } = await loggedIn();
      const ds = t.app.get(DataSource);
      const account = await ds.getRepository(Account).findOneByOrFail({ email: EMAIL });
      const rows = await ds.getRepository(Session).find({ where: { accountId: account.id } });
      const newest = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      const minutesLeft = (newest.expiresAt.getTime() - Date.now()) / 60_000;
      expect(minutesLeft).toBeGreaterThan(t.config.sessionIdleMinutes - 2);
      expect(minutesLeft).toBeLessThanOrEqual(t.config.sessionIdleMinutes + 1);

      // a request shortly before the end moves the expiry forward again
      await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ id: newest.id }, { expiresAt: new Date(Date.now() + 5 * 60_000) }));
      await agent.get('/konto').expect(200);
      const touched = await ds.getRepository(Session).findOneByOrFail({ id: newest.id });
      expect((touched.expiresAt.getTime() - Date.now()) / 60_000).toBeGreaterThan(t.config.sessionIdleMinutes - 2);
      // two hours without a request: the stored expiry has passed
      await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ id: newest.id }, { expiresAt: new Date(Date.now() - 1000) }));
      const res = await agent.get('/konto').expect(302);
      expect(res.headers.location).toBe('/anmelden?next=%2Fkonto');
      expect(await ds.getRepository(Session).count({ where: { id: newest.id } })).toBe(0);
    });

    it(`ends a session ${12} hours after login however active it is (absolute timeout)`, async () => {
      const { agent, cookie } = await loggedIn();
      await agent.get('/konto').expect(200);
      const maxHours = t.config.sessionMaxHours;
      expect(maxHours).toBe(12);
      // the login was 12 hours and a minute ago; the idle expiry alone would still allow it
      await t.app.get(DatabaseService).write((m) =>
        m
          .createQueryBuilder()
          .update(Session)
          .set({ createdAt: new Date(Date.now() - (maxHours * 60 + 1) * 60_000) })
          .where({ expiresAt: MoreThan(new Date()) })
          .execute(),
      );
      await request(t.http).get('/konto').set('Cookie', cookie).expect(302);
    });

    it('cleans up expired sessions', async () => {
      await loggedIn();
      const ds = t.app.get(DataSource);
      await t.app.get(DatabaseService).write((m) => m.createQueryBuilder().update(Session).set({ expiresAt: new Date('2000-01-01T00:00:00Z') }).execute());
      const live = await loggedIn();
      const removed = await t.app.get(SessionMaintenanceService).cleanUp();
      expect(removed.sessions).toBeGreaterThan(0);
      const remaining = await ds.getRepository(Session).find();
      expect(remaining.every((r) => r.expiresAt.getTime() > Date.now())).toBe(true);
      await live.agent.get('/konto').expect(200);
    });

    it('ends the other sessions of an account when its password changes, and keeps the current one', async () => {
      await createAccount(t, { email: 'wechsel@example.org', password: PASSWORD });
      const phone = request.agent(t.http);
      await login(phone, 'wechsel@example.org', PASSWORD);
      const laptop = request.agent(t.http);
      await login(laptop, 'wechsel@example.org', PASSWORD);
      const res = await postForm(laptop, '/konto/passwort', {
        currentPassword: PASSWORD,
        newPassword: 'Ein ganz neues Passwort 2026',
        repeatPassword: 'Ein ganz neues Passwort 2026',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/konto?hinweis=passwort-geaendert');
      const page = await laptop.get('/konto?hinweis=passwort-geaendert').expect(200);
      expect(page.text).toContain('Ihr Passwort wurde geändert.');
      await phone.get('/konto').expect(302);
      await login(request.agent(t.http), 'wechsel@example.org', 'Ein ganz neues Passwort 2026');
    });

    it('does not start a session for visitors of pages without a form', async () => {
      const res = await request(t.http).get('/organisationen').expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('across restarts and instances', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'netzwerk-auth-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps a login through a restart and shares it between two app instances on one database', async () => {
      const databasePath = join(dir, 'shared.sqlite');
      const first = await createTestApp({ databasePath });
      let cookie: string;
      try {
        await createAccount(first, { email: EMAIL, password: PASSWORD });
        const agent = request.agent(first.http);
        cookie = cookieOf(await login(agent, EMAIL, PASSWORD));
        await request(first.http).get('/konto').set('Cookie', cookie).expect(200);
      } finally {
        await first.app.close();
      }

      const second = await createTestApp({ databasePath });
      const third = await createTestApp({ databasePath });
      try {
        await request(second.http).get('/konto').set('Cookie', cookie).expect(200);
        await request(third.http).get('/konto').set('Cookie', cookie).expect(200);
        // logout on one instance ends the session on the other
        const page = await request(second.http).get('/').set('Cookie', cookie);
        await request(second.http).post('/abmelden').set('Cookie', cookie).type('form').send({ _csrf: csrfTokenFrom(page.text) }).expect(303);
        await request(third.http).get('/konto').set('Cookie', cookie).expect(302);
      } finally {
        await second.app.close();
        await third.app.close();
      }
    });
  });

  describe('over https', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ baseUrl: 'https://netzwerk.example.org' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('uses a Secure __Host- cookie behind a TLS-terminating proxy', async () => {
      const res = await request(t.http).get('/anmelden').set('X-Forwarded-Proto', 'https').expect(200);
      const header = (res.headers['set-cookie'] as unknown as string[]).join('\n');
      expect(header).toMatch(/^__Host-nm\.sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/m);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });
  });
});

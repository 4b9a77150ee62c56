import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { Session } from '../src/auth/session.entity.js';
import { TOUCH_RESOLUTION_MS } from '../src/auth/session-store.js';
import { loadConfig } from '../src/config/app-config.js';
import { DatabaseService } from '../src/database/database.service.js';
import { personDisplayName } from '../src/people/person-name.js';
import { Person } from '../src/people/person.entity.js';
import { createAccount, csrfTokenFrom, login, type Agent } from './helpers/auth.js';
import { countSql } from './helpers/sql-count.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * What a request costs for the session (issue 22): one indexed read that brings the account and its
 * person's name along, no write unless the idle expiry lags by a minute, a CSRF token without a query.
 * Counted at the drivers (test/helpers/sql-count.ts).
 */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const SESSIONS = /\bsessions\b/i;
const PASSWORD = 'Eine Sitzung, ein Lesezugriff 2026';

/** Transaction control around a write (BEGIN/COMMIT) is not a statement of its own here. */
function withoutTransactionControl(statements: string[]): string[] {
  return statements.filter((s) => !/^\s*(BEGIN|COMMIT|START TRANSACTION|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(s));
}

function isSessionWrite(sql: string): boolean {
  return WRITE.test(sql) && SESSIONS.test(sql);
}

describe('per-request session cost', () => {
  let t: TestApp;
  let member: Agent;

  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' });
    t = await createTestApp({ seedDemo: true, mail: { ...defaults.mail, worker: false }, documents: { ...defaults.documents, textWorker: false } });
    member = request.agent(t.http);
    await login(member, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await member.get('/personen').expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The stored sessions of an account. */
  async function sessionsOf(email: string): Promise<Session[]> {
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email });
    return t.app.get(DataSource).getRepository(Session).find({ where: { accountId: account.id } });
  }

  it("reads the session, the account and the person's name in one statement and writes nothing", async () => {
    const { result, statements } = await countSql(() => member.get('/personen').set('cache-control', 'no-cache'));
    expect(result.status).toBe(200);
    const sessionStatements = statements.filter((s) => SESSIONS.test(s));
    expect(sessionStatements).toHaveLength(1);
    expect(sessionStatements[0]).toMatch(/^SELECT\b/);
    expect(sessionStatements[0]).toMatch(/\baccounts\b/);
    expect(statements.filter((s) => WRITE.test(s))).toEqual([]);
    // the header shows the member's name, which came with that read
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: DEMO_MEMBER.email });
    const person = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: account.personId ?? -1 });
    expect(result.text).toContain(personDisplayName(person));
  });

  it('writes nothing on the first page after the login either (its forms carry the token stored at login)', async () => {
    const fresh = request.agent(t.http);
    await login(fresh, DEMO_MEMBER.email, DEMO_MEMBER.password);
    const first = await countSql(() => fresh.get('/personen').set('cache-control', 'no-cache'));
    expect(first.result.status).toBe(200);
    expect(first.result.text).toContain('name="_csrf"');
    expect(first.statements.filter((s) => WRITE.test(s))).toEqual([]);
  });

  it('writes nothing to sessions until a minute has passed, then refreshes the idle expiry once', async () => {
    const [row] = await sessionsOf(DEMO_MEMBER.email);
    const idleMs = t.config.sessionIdleMinutes * 60_000;
    // as if the last refresh was half a minute ago: still nothing to write
    await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ id: row.id }, { expiresAt: new Date(Date.now() + idleMs - TOUCH_RESOLUTION_MS / 2) }));
    for (let i = 0; i < 3; i++) {
      const { result, statements } = await countSql(() => member.get('/personen/1').set('cache-control', 'no-cache'));
      expect(result.status).toBe(200);
      expect(statements.filter(isSessionWrite)).toEqual([]);
    }

    // as if the last refresh was a minute and a second ago: the next request writes once
    const stale = new Date(Date.now() + idleMs - TOUCH_RESOLUTION_MS - 1000);
    await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ id: row.id }, { expiresAt: stale }));
    const refreshed = await countSql(() => member.get('/personen/1').set('cache-control', 'no-cache'));
    expect(refreshed.result.status).toBe(200);
    const writes = refreshed.statements.filter(isSessionWrite);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^UPDATE\b/);
    const after = await t.app.get(DataSource).getRepository(Session).findOneByOrFail({ id: row.id });
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + idleMs - 60_000);
    // the cookie still rolls: every response sets it again with the full idle period
    const cookie = (refreshed.result.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('nm.sid='));
    expect(cookie).toMatch(/Expires=/);

    // and the requests right after write nothing again
    const next = await countSql(() => member.get('/personen/1').set('cache-control', 'no-cache'));
    expect(next.statements.filter(isSessionWrite)).toEqual([]);
  });

  /** A new account, logged in, its account page answered. */
  async function freshLoggedIn(email: string): Promise<ReturnType<typeof request.agent>> {
    await createAccount(t, { email, password: PASSWORD });
    const agent = request.agent(t.http);
    await login(agent, email, PASSWORD);
    await agent.get('/konto').expect(200);
    return agent;
  }

  it('logs out a disabled account at once, though the read of its session costs no extra query', async () => {
    const email = 'gesperrt-pro-anfrage@example.org';
    const agent = await freshLoggedIn(email);
    // disabled behind the app's back (another instance, or the database directly): no destroyAllOf ran
    await t.app.get(DatabaseService).write((m) => m.getRepository(Account).update({ email }, { disabledAt: new Date() }));
    const res = await agent.get('/konto').expect(302);
    expect(res.headers.location).toBe('/anmelden?next=%2Fkonto');
    expect(await sessionsOf(email)).toEqual([]);
  });

  it('logs out a deleted account at once', async () => {
    const email = 'geloescht-pro-anfrage@example.org';
    const agent = await freshLoggedIn(email);
    await t.app.get(DatabaseService).write((m) => m.getRepository(Account).delete({ email }));
    await agent.get('/konto').expect(302);
  });

  it("shows the person's name in the header, and the email once the person is deleted", async () => {
    const email = 'mit-person@example.org';
    const person = await t.app
      .get(DatabaseService)
      .write((m) => m.getRepository(Person).save({ givenName: 'Henrike', familyName: 'Pro-Anfrage', academicTitle: 'Dr.', sortKey: 'pro-anfrage henrike' }));
    await createAccount(t, { email, password: PASSWORD, personId: person.id });
    const agent = request.agent(t.http);
    await login(agent, email, PASSWORD);
    expect((await agent.get('/konto').expect(200)).text).toContain('Dr. Henrike Pro-Anfrage');
    await t.app.get(DatabaseService).write((m) => m.getRepository(Person).softDelete({ id: person.id }));
    const page = await agent.get('/konto').expect(200);
    expect(page.text).not.toContain('Dr. Henrike Pro-Anfrage');
    expect(page.text).toContain(email);
  });

  it('gives an anonymous visitor a CSRF token without a query beyond starting the session, and the same token again for one read', async () => {
    const visitor = request.agent(t.http);
    const first = await countSql(() => visitor.get('/anmelden').expect(200));
    // the only statement: the new session is stored (so the token can be checked at the POST)
    const stored = withoutTransactionControl(first.statements);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^INSERT\b.*\bsessions\b/is);
    const token = csrfTokenFrom(first.result.text);

    const again = await countSql(() => visitor.get('/anmelden').expect(200));
    expect(again.statements).toHaveLength(1);
    expect(again.statements[0]).toMatch(/^SELECT\b/);
    expect(csrfTokenFrom(again.result.text)).toBe(token);

    // pages without a form start no session and send no statement for it
    const plain = await countSql(() => request(t.http).get('/organisationen').expect(200));
    expect(plain.result.text).not.toContain('name="_csrf"');
    expect(plain.result.headers['set-cookie']).toBeUndefined();
    expect(plain.statements.filter((s) => SESSIONS.test(s))).toEqual([]);
  });
});

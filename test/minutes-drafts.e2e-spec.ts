import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { LOGIN_THROTTLE } from '../src/auth/login-throttle.service.js';
import { Session } from '../src/auth/session.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { PENDING_DRAFT_MAX_CHARS } from '../src/minutes/pending-drafts.service.js';
import { PendingMinutesDraft } from '../src/minutes/pending-minutes-draft.entity.js';
import type { Agent } from './helpers/auth.js';
import { agentFor, createMinutesFixture, editorFields, type MinutesFixture, submit } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Text sent to the minutes editor without a valid session is kept only for a browser whose (expired)
 * session belonged to an editor of those minutes: one draft per account and minutes, size-capped and
 * throttled like logins. Anonymous or forged requests store nothing.
 */
describe('minutes editor: keeping text of an expired session, and only that', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let path: string;
  let itemField: string;

  const drafts = (): Promise<PendingMinutesDraft[]> => t.app.get(DataSource).getRepository(PendingMinutesDraft).find({ order: { id: 'ASC' } });
  const accountId = async (email: string): Promise<number> => (await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email })).id;

  /** Opens the editor (the browser gets its cookies), then lets the session run out (idle timeout). */
  async function expiredEditor(email: string): Promise<{ agent: Agent; form: Record<string, string>; cookies: string[] }> {
    const agent = await agentFor(t, email);
    const page = await agent.get(`${path}/bearbeiten`).expect(200);
    const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
    const id = await accountId(email);
    await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ accountId: id }, { expiresAt: new Date(Date.now() - 1000) }));
    return { agent, form: editorFields(page.text), cookies };
  }

  const cookieValue = (cookies: string[], name: string): string | undefined =>
    cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    path = `/sitzungen/${f.meetingId}/protokoll`;
    itemField = `text_item-${f.publicItemId}`;
    const chair = await agentFor(t, f.emails.chair);
    expect((await submit(chair, path, path, {})).status).toBe(303);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores nothing for anonymous POSTs without cookie and token, however many and however big', async () => {
    const big = 'Protokolltext.'.repeat(6_400); // about 90 kB
    for (let i = 0; i < 25; i++) {
      const res = await request(t.http)
        .post(`${path}/bearbeiten`)
        .type('form')
        .send({ version: '1', [itemField]: `${big}${i}` });
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('/anmelden');
    }
    expect(await drafts()).toEqual([]);
  });

  it('stores nothing for a forged or unknown session cookie, nor for a real token with another session', async () => {
    const forgedToken = `${await accountId(f.emails.chair)}.${Date.now() + 3_600_000}.${'A'.repeat(43)}`;
    const forged = await request(t.http)
      .post(`${path}/bearbeiten`)
      .set('Cookie', `nm.sid=s%3Aausgedacht.c2lnbmF0dXI; nm.minutes-editor=${forgedToken}`)
      .type('form')
      .send({ version: '1', [itemField]: 'Gefälscht' });
    expect(forged.status).toBe(303);

    // the chair's real token, but sent with a session cookie it was not issued for
    const { cookies } = await expiredEditor(f.emails.chair);
    const token = cookieValue(cookies, 'nm.minutes-editor');
    expect(token).toBeDefined();
    const member = await agentFor(t, f.emails.member);
    const stolen = await member.post(`${path}/bearbeiten`).set('Cookie', `nm.minutes-editor=${token ?? ''}`).type('form').send({ version: '1', [itemField]: 'Untergeschoben' });
    expect(stolen.status).toBe(403);
    const unknown = await request(t.http)
      .post(`${path}/bearbeiten`)
      .set('Cookie', `nm.sid=s%3Aunbekannt.c2lnbmF0dXI; nm.minutes-editor=${token ?? ''}`)
      .type('form')
      .send({ version: '1', [itemField]: 'Unbekannte Sitzung' });
    expect(unknown.status).toBe(303);
    expect(await drafts()).toEqual([]);
  });

  it('keeps one draft for a real expired session of an editor; a second POST replaces it', async () => {
    const { agent, form } = await expiredEditor(f.emails.chair);
    const first = await agent.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: 'Erste Fassung nach Ablauf' });
    expect(first.status).toBe(401);
    expect(first.text).toContain('Ihr Text ist gesichert');
    const afterFirst = await drafts();
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({ accountId: await accountId(f.emails.chair) });
    expect(afterFirst[0].payload).toContain('Erste Fassung nach Ablauf');

    const second = await agent.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: 'Zweite Fassung gewinnt' });
    expect(second.status).toBe(401);
    const afterSecond = await drafts();
    expect(afterSecond).toHaveLength(1);
    expect(afterSecond[0].payload).toContain('Zweite Fassung gewinnt');
    expect(afterSecond[0].payload).not.toContain('Erste Fassung');
  });

  it('refuses over-size text with a German message and keeps the previous draft', async () => {
    const { agent, form } = await expiredEditor(f.emails.chair);
    const res = await agent
      .post(`${path}/bearbeiten`)
      .type('form')
      .send({ ...form, [itemField]: 'x'.repeat(PENDING_DRAFT_MAX_CHARS + 1) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('Ihr Text ist zu lang, um ihn ohne gültige Anmeldung zu sichern (höchstens 60.000 Zeichen).');
    const kept = await drafts();
    expect(kept).toHaveLength(1);
    expect(kept[0].payload).toContain('Zweite Fassung gewinnt');
  });

  it(`is throttled after ${LOGIN_THROTTLE.perAccount} attempts per account within ${LOGIN_THROTTLE.windowMinutes} minutes`, async () => {
    const { agent, form } = await expiredEditor(f.emails.secretary);
    for (let i = 1; i <= LOGIN_THROTTLE.perAccount; i++) {
      expect((await agent.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: `Versuch ${i}` })).status).toBe(401);
    }
    const blocked = await agent.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: 'Einer zu viel' });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Zu viele Versuche, Text ohne gültige Anmeldung zu sichern.');
    const secretaryDrafts = (await drafts()).filter((d) => d.payload.includes('Versuch') || d.payload.includes('Einer zu viel'));
    expect(secretaryDrafts).toHaveLength(1);
    expect(secretaryDrafts[0].payload).toContain(`Versuch ${LOGIN_THROTTLE.perAccount}`);
  });
});

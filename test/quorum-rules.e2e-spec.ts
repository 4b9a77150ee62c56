import request from 'supertest';
import { DataSource } from 'typeorm';
import { BodyQuorumRule } from '../src/bodies/quorum-rule.entity.js';
import { createMinutesFixture, agentFor, type MinutesFixture, submit } from './helpers/minutes.js';
import { type Agent } from './helpers/auth.js';
import { auditEntriesOf } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** The fixture's body has three voting members (chair, member, voter); secretary and deputy have no vote. */
describe('quorum rules of a body (Beschlussfähigkeit)', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let secretary: Agent;
  let member: Agent;
  let path: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    secretary = await agentFor(t, f.emails.secretary);
    member = await agentFor(t, f.emails.member);
    path = `/gremien/${f.bodyId}/beschlussfaehigkeit`;
    // minutes of the held meeting, to see the rule in their quorum
    expect((await submit(chair, `/sitzungen/${f.meetingId}/protokoll`, `/sitzungen/${f.meetingId}/protokoll`, {})).status).toBe(303);
  });
  afterAll(async () => {
    await t.close();
  });

  const stored = (): Promise<BodyQuorumRule | null> => t.app.get(DataSource).getRepository(BodyQuorumRule).findOneBy({ bodyId: f.bodyId });
  const forecast = async (): Promise<string> => (await chair.get(`/sitzungen/${f.laterMeetingId}`).expect(200)).text;
  const minutes = async (): Promise<string> => (await chair.get(`/sitzungen/${f.meetingId}/protokoll`).expect(200)).text;

  it('uses "more than half" while the body has no rule of its own', async () => {
    expect(await stored()).toBeNull();
    const page = await chair.get(path).expect(200);
    expect(page.text).toContain('Derzeit ist das Gremium beschlussfähig, wenn anwesend sind: mehr als die Hälfte der stimmberechtigten Mitglieder');
    // Officers find the page from the body page; plain members do not see the link.
    expect((await chair.get(`/gremien/${f.bodyId}`).expect(200)).text).toContain(`href="${path}"`);
    expect((await member.get(`/gremien/${f.bodyId}`).expect(200)).text).not.toContain(`href="${path}"`);
    expect(page.text).toContain('Stimmberechtigte Mitglieder heute: 3');
    expect(await forecast()).toContain('von 3 stimmberechtigten Mitgliedern erwartet, nötig sind 2 (mehr als die Hälfte der stimmberechtigten Mitglieder)');
    expect(await minutes()).toContain('erforderlich: 2 (mehr als die Hälfte der stimmberechtigten Mitglieder).');
  });

  it('sets a percentage, then a fixed number, then more than half; forecast and minutes use the stored rule', async () => {
    const percent = await submit(chair, path, path, { kind: 'percent', value: '100' });
    expect(percent.status).toBe(303);
    expect(percent.headers.location).toBe(`/gremien/${f.bodyId}`);
    expect(await stored()).toMatchObject({ kind: 'percent', value: 100 });
    expect(await forecast()).toContain('nötig sind 3 (mindestens 100 % der stimmberechtigten Mitglieder)');
    expect(await minutes()).toContain('erforderlich: 3 (mindestens 100 % der stimmberechtigten Mitglieder).');

    // the secretary is an officer of the body too
    expect((await submit(secretary, path, path, { kind: 'count', value: '1' })).status).toBe(303);
    expect(await stored()).toMatchObject({ kind: 'count', value: 1 });
    expect(await forecast()).toContain('nötig sind 1 (mindestens 1 stimmberechtigtes Mitglied)');
    expect(await minutes()).toContain('erforderlich: 1 (mindestens 1 stimmberechtigtes Mitglied).');

    expect((await submit(chair, path, path, { kind: 'count', value: '3' })).status).toBe(303);
    expect(await stored()).toMatchObject({ kind: 'count', value: 3 });
    expect(await forecast()).toContain('nötig sind 3 (mindestens 3 stimmberechtigte Mitglieder)');
    expect(await minutes()).toContain('erforderlich: 3 (mindestens 3 stimmberechtigte Mitglieder).');

    expect((await submit(chair, path, path, { kind: 'more_than_half', value: '' })).status).toBe(303);
    expect(await stored()).toMatchObject({ kind: 'more_than_half', value: null });
    expect(await forecast()).toContain('nötig sind 2 (mehr als die Hälfte der stimmberechtigten Mitglieder)');

    const entries = await auditEntriesOf(t, 'body', f.bodyId);
    expect(entries.map((e) => e.action)).toEqual(['update', 'update', 'update', 'update']);
    expect(JSON.stringify(entries[0].parsed)).toContain('Beschlussfähigkeit');
    expect(JSON.stringify(entries[0].parsed)).toContain('mindestens 100 % der stimmberechtigten Mitglieder');
  });

  it.each([
    [{ kind: 'percent', value: '0' }, 'Der Prozentsatz muss zwischen 1 und 100 liegen.'],
    [{ kind: 'percent', value: '120' }, 'Der Prozentsatz muss zwischen 1 und 100 liegen.'],
    [{ kind: 'percent', value: '' }, 'Bitte den Prozentsatz angeben (1 bis 100).'],
    [{ kind: 'count', value: '0' }, 'Die Anzahl muss mindestens 1 sein.'],
    [{ kind: 'count', value: '4' }, 'Die Anzahl darf nicht größer sein als die Zahl der stimmberechtigten Mitglieder (derzeit 3).'],
    [{ kind: 'count', value: 'zwei' }, 'Bitte eine ganze Zahl ohne Komma und Einheit angeben, z. B. 60.'],
    [{ kind: 'percent', value: '66,5' }, 'Bitte eine ganze Zahl ohne Komma und Einheit angeben, z. B. 60.'],
    [{ kind: 'zwei_drittel', value: '2' }, 'Bitte eine der angebotenen Regeln wählen.'],
  ])('re-renders %j with 422, a German error and the typed values; nothing stored', async (fields, message) => {
    const before = await stored();
    const res = await submit(chair, path, path, fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('<title>Fehler: ');
    if (fields.value !== '') expect(res.text).toContain(`value="${fields.value}"`);
    expect(await stored()).toEqual(before);
  });

  it('refuses anonymous visitors (login), members without the right (403); unknown bodies are 404', async () => {
    const anonymous = await request(t.http).get(path).expect(302);
    expect(anonymous.headers.location).toBe(`/anmelden?next=${encodeURIComponent(path)}`);
    await member.get(path).expect(403);
    expect((await submit(member, '/', path, { kind: 'count', value: '1' })).status).toBe(403);
    const anonymousAgent = request.agent(t.http);
    const anonymousPost = await submit(anonymousAgent, '/anmelden', path, { kind: 'count', value: '1' });
    expect(anonymousPost.status).toBe(303);
    expect(anonymousPost.headers.location).toMatch(/^\/anmelden/);
    await chair.get('/gremien/999999/beschlussfaehigkeit').expect(404);
    expect((await submit(chair, path, '/gremien/999999/beschlussfaehigkeit', { kind: 'count', value: '1' })).status).toBe(404);
    expect(await stored()).toMatchObject({ kind: 'more_than_half' });
  });
});

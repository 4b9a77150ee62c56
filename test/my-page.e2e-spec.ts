import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { memberViewer } from '../src/auth/viewer.js';
import { DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { Body } from '../src/bodies/body.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MeetingsService } from '../src/meetings/meetings.service.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { ActionItemsService } from '../src/minutes/action-items.service.js';
import { DatePoll } from '../src/polls/date-poll.entity.js';
import { DEMO_POLL_TITLE } from '../seeds/demo-polls.seed.js';
import { createAccount, csrfToken, login, type Agent } from './helpers/auth.js';
import { html } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** The meeting ids in the "Meine nächsten Sitzungen" section, in page order. */
function listedMeetingIds(page: string): number[] {
  const section = page.slice(page.indexOf('id="meine-sitzungen"'), page.indexOf('id="meine-aufgaben"'));
  return [...section.matchAll(/id="sitzung-(\d+)"/g)].map((m) => Number(m[1]));
}

describe('Meine Seite: the landing page after login, with what concerns the member now', () => {
  let t: TestApp;
  let db: DatabaseService;
  let member: Agent;
  let personId: number;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    db = t.app.get(DatabaseService);
    member = request.agent(t.http);
    const res = await login(member, DEMO_MEMBER.email, DEMO_MEMBER.password);
    // lands on Meine Seite when no other page was asked for
    expect(res.headers.location).toBe('/meine-seite');
    personId = (await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: DEMO_MEMBER.email })).personId ?? 0;
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps the return to the page asked for, and /anmelden while logged in leads to Meine Seite', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/anmelden?next=%2Fgremien');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const res = await agent.post('/anmelden').type('form').send({ _csrf: token, email: DEMO_MEMBER.email, password: DEMO_MEMBER.password, next: '/gremien' });
    expect(res.headers.location).toBe('/gremien');
    const again = await agent.get('/anmelden');
    expect(again.status).toBe(302);
    expect(again.headers.location).toBe('/meine-seite');
  });

  it('shows the sections in order: meetings with my answer, action items, bodies and roles, calendar, my entry and data', async () => {
    const page = await member.get('/meine-seite').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const order = ['meine-sitzungen', 'meine-aufgaben', 'meine-umfragen', 'meine-rundschreiben', 'meine-gremien', 'mein-kalender', 'meine-geraete', 'mein-eintrag'].map((id) => page.text.indexOf(`<section id="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // bodies and roles: the demo member sits on the Begleitbeirat as a member
    const board = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ code: 'BB' });
    expect(page.text).toContain(`<a href="/gremien/${board.id}">${html(board.name)}</a> – Mitglied`);
    // upcoming meetings of my bodies only, soonest first, each with my answer and the three buttons
    const ids = listedMeetingIds(page.text);
    expect(ids.length).toBeGreaterThan(0);
    const meetings = await t.app.get(DataSource).getRepository(Meeting).find({ where: ids.map((id) => ({ id })) });
    const starts = ids.map((id) => meetings.find((m) => m.id === id)?.startsAt.getTime() ?? 0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(meetings.every((m) => m.endsAt.getTime() > Date.now())).toBe(true);
    expect(page.text).toContain('Meine Antwort: <strong>');
    expect(page.text).toContain('name="response" value="accepted"');
    // calendar and my entry
    expect(page.text).toContain('href="/kalender#persoenlich"');
    expect(page.text).toContain(`href="/personen/${personId}">Mein Eintrag im Verzeichnis</a>`);
    expect(page.text).toContain('href="/meine-seite/meine-daten.json"');
    // the header menu links here
    expect(page.text).toContain('<a href="/meine-seite">Meine Seite</a>');
  });

  it('lists the open date poll and the circulars of my bodies, and my device passwords', async () => {
    const ds = t.app.get(DataSource);
    const section = (page: string, id: string, next: string) => page.slice(page.indexOf(`id="${id}"`), page.indexOf(`id="${next}"`));
    const page = await member.get('/meine-seite').expect(200);
    // the demo poll of the Begleitbeirat waits for the member's answer
    const poll = await ds.getRepository(DatePoll).findOneByOrFail({ title: DEMO_POLL_TITLE });
    const polls = section(page.text, 'meine-umfragen', 'meine-rundschreiben');
    expect(polls).toContain(`href="/terminumfragen/${poll.id}"`);
    expect(polls).toContain('noch nicht beantwortet');
    // circulars to the Begleitbeirat, newest first
    const circulars = section(page.text, 'meine-rundschreiben', 'meine-gremien');
    expect(circulars).toContain('Unterlagen zur Fortschreibung des Integrationskonzeptes');
    // no device yet; after creating one the section counts it
    expect(section(page.text, 'meine-geraete', 'mein-eintrag')).toContain('Sie haben noch kein Gerät eingerichtet.');
    await member.post('/konto/geraete').type('form').send({ _csrf: await csrfToken(member, '/konto/geraete'), name: 'Telefon' }).expect(201);
    const after = await member.get('/meine-seite').expect(200);
    expect(section(after.text, 'meine-geraete', 'mein-eintrag')).toContain('1 Gerätepasswort eingerichtet, noch nicht benutzt.');
    // a poll of a body the member does not sit on is not listed
    const other = await ds.getRepository(DatePoll).find({ where: { state: 'open' } });
    for (const p of other.filter((x) => x.bodyId !== poll.bodyId)) expect(after.text).not.toContain(`href="/terminumfragen/${p.id}"`);
  });

  it('answers an invitation right there, changes the answer, keeps a named deputy on a decline', async () => {
    const page = await member.get('/meine-seite').expect(200);
    const meetingId = listedMeetingIds(page.text).find((id) => page.text.includes(`action="/meine-seite/sitzungen/${id}/antwort"`));
    expect(meetingId).toBeDefined();
    const path = `/meine-seite/sitzungen/${meetingId}/antwort`;
    const token = await csrfToken(member, '/meine-seite');

    const declined = await member.post(path).type('form').send({ _csrf: token, response: 'declined' });
    expect(declined.status).toBe(303);
    expect(declined.headers.location).toBe(`/meine-seite#sitzung-${meetingId}`);
    const repo = t.app.get(DataSource).getRepository(Attendance);
    expect((await repo.findOneByOrFail({ meetingId, personId })).response).toBe('declined');
    const after = await member.get('/meine-seite').expect(200);
    const item = after.text.slice(after.text.indexOf(`id="sitzung-${meetingId}"`));
    expect(item).toMatch(/^[^]*?Meine Antwort: <strong>Abgesagt<\/strong>/);
    expect(item).toMatch(/^[^]*?value="declined" aria-pressed="true">Absagen/);

    // the same answer on the meeting page
    const meetingPage = await member.get(`/sitzungen/${meetingId}`).expect(200);
    expect(meetingPage.text).toContain('Bisher: Abgesagt');

    // a deputy named on the meeting page stays on a "maybe" from Meine Seite, goes on an acceptance
    const [deputy] = (await t.app.get(MeetingsService).detail(Number(meetingId), memberViewer(0, personId))).deputyCandidates;
    expect(deputy).toBeDefined();
    await db.write((m) => m.getRepository(Attendance).update({ meetingId, personId }, { deputyPersonId: deputy.id }));
    expect((await member.post(path).type('form').send({ _csrf: token, response: 'tentative' })).status).toBe(303);
    expect(await repo.findOneByOrFail({ meetingId, personId })).toMatchObject({ response: 'tentative', deputyPersonId: deputy.id });
    expect((await member.post(path).type('form').send({ _csrf: token, response: 'accepted' })).status).toBe(303);
    expect(await repo.findOneByOrFail({ meetingId, personId })).toMatchObject({ response: 'accepted', deputyPersonId: null });

    // a made-up answer: 422 on Meine Seite with a German message at that meeting, nothing saved
    const bad = await member.post(path).type('form').send({ _csrf: token, response: 'vielleicht-doch' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<title>Fehler: Meine Seite');
    expect(bad.text).toContain('Bitte wählen Sie Zusage, Vielleicht oder Absage.');
    expect((await repo.findOneByOrFail({ meetingId, personId })).response).toBe('accepted');
  });

  it('refuses answers for meetings of bodies the member does not sit on (403), unknown meetings (404) and anonymous visitors (login)', async () => {
    const dataSource = t.app.get(DataSource);
    const board = await dataSource.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const mine = new Set(listedMeetingIds((await member.get('/meine-seite')).text));
    const other = await dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.bodyId <> :board', { board: board.id })
      .andWhere('m.endsAt > :now', { now: new Date() })
      .andWhere("m.state <> 'cancelled'")
      .orderBy('m.startsAt', 'ASC')
      .getMany();
    const foreign = other.find((m) => !mine.has(m.id));
    expect(foreign).toBeDefined();
    const token = await csrfToken(member, '/meine-seite');
    const refused = await member.post(`/meine-seite/sitzungen/${foreign?.id}/antwort`).type('form').send({ _csrf: token, response: 'accepted' });
    expect(refused.status).toBe(403);
    expect(await dataSource.getRepository(Attendance).existsBy({ meetingId: foreign?.id, personId, response: 'accepted' })).toBe(false);
    expect((await member.post('/meine-seite/sitzungen/999999/antwort').type('form').send({ _csrf: token, response: 'accepted' })).status).toBe(404);

    const anonymous = await request(t.http).get('/meine-seite');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/anmelden?next=%2Fmeine-seite');
  });

  it('lists my open action items with the overdue ones marked', async () => {
    const dataSource = t.app.get(DataSource);
    // an action item of circulated minutes the member can see, given to the member and overdue
    const account = await dataSource.getRepository(Account).findOneByOrFail({ email: DEMO_MEMBER.email });
    const [visible] = await t.app.get(ActionItemsService).list({ kind: 'member', accountId: account.id, personId, isAdmin: false }, { state: 'all', offset: 0, limit: 1 });
    expect(visible).toHaveLength(1);
    const itemId = visible[0].id;
    await db.write((m) => m.getRepository(ActionItem).update({ id: itemId }, { responsiblePersonId: personId, responsibleOrganisationId: null, status: 'open', doneAt: null, dueDate: '2020-01-15' }));
    const item = await dataSource.getRepository(ActionItem).findOneByOrFail({ id: itemId });
    const page = await member.get('/meine-seite').expect(200);
    const section = page.text.slice(page.text.indexOf('id="meine-aufgaben"'), page.text.indexOf('id="meine-gremien"'));
    expect(section).toContain('überfällig – fällig: 15.01.2020');
    expect(section).toMatch(/\d+ offen, davon <strong>\d+ überfällig<\/strong>/);
    expect(section).toContain(html(item.what.split('\n')[0]).slice(0, 20));
    expect(section).toContain('href="/aufgaben?meine&#x3D;1"'); // Handlebars escapes the "="
  });

  it('downloads my own data, never anybody else’s; an account without an entry gets 404 for it and an explanation', async () => {
    const own = await member.get('/meine-seite/meine-daten.json').expect(200);
    expect(own.headers['content-disposition']).toBe('attachment; filename="meine-daten.json"');
    expect(own.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(own.text) as { person: { id: number; vorname: string } };
    expect(data.person.id).toBe(personId);
    // the administration's export route stays closed to members
    expect((await member.get(`/personen/${personId}/datenschutz/export.json`)).status).toBe(403);

    await createAccount(t, { email: 'ohne-eintrag@example.org', password: 'Ein Konto ohne Eintrag im Verzeichnis' });
    const lonely = request.agent(t.http);
    await login(lonely, 'ohne-eintrag@example.org', 'Ein Konto ohne Eintrag im Verzeichnis');
    const page = await lonely.get('/meine-seite').expect(200);
    expect(page.text).toContain('Ihr Konto ist mit keinem Eintrag im Verzeichnis verbunden');
    expect((await lonely.get('/meine-seite/meine-daten.json')).status).toBe(404);
  });
});

import { jest } from '@jest/globals';
import request from 'supertest';
import { DatabaseService } from '../src/database/database.service.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import type { Agent } from './helpers/auth.js';
import { createMeeting, createMeetingsFixture, meetingAgent, meetingFields, type MeetingsFixture, submitForm } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';


// Logins hash passwords (argon2) and the demo seed is large: generous limits for a busy CI machine.
jest.setTimeout(60_000);

describe('meetings', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;

  const meeting = (id: number): Promise<Meeting> => t.app.get(DatabaseService).dataSource.getRepository(Meeting).findOneByOrFail({ id });

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('scheduling', () => {
    it('pre-fills the form with the body defaults', async () => {
      const res = await chair.get(`/sitzungen/neu?gremium=${f.bodyId}`).expect(200);
      expect(res.text).toContain('value="18:00"');
      expect(res.text).toContain('value="20:00"');
      expect(res.text).toContain(`value="Sitzung BB ${f.code}"`);
    });

    it('stores Berlin times as UTC on both sides of the DST switch and shows them in Berlin time', async () => {
      const before = await createMeeting(chair, f, { title: 'Vor der Umstellung', date: '26.03.2026' });
      const after = await createMeeting(chair, f, { title: 'Nach der Umstellung', date: '2026-03-30' });
      expect((await meeting(before)).startsAt.toISOString()).toBe('2026-03-26T17:00:00.000Z');
      expect((await meeting(after)).startsAt.toISOString()).toBe('2026-03-30T16:00:00.000Z');
      const page = await request(t.http).get(`/sitzungen/${after}`).expect(200);
      expect(page.text).toContain('Montag, 30. März 2026');
      expect(page.text).toContain('18:00–20:00 Uhr');
      expect(page.text).toContain('Stufenloser Zugang über den Hof, Aufzug C');
    });

    it.each<[string, Record<string, string>, string]>([
      ['end before start', { startTime: '20:00', endTime: '18:00' }, 'Das Ende muss nach dem Beginn liegen.'],
      ['31 February', { date: '31.02.2026' }, 'Den 31.02.2026 gibt es nicht.'],
      ['a time that does not exist in Berlin', { date: '29.03.2026', startTime: '02:30', endTime: '04:00' }, 'gibt es die Uhrzeit 02:30 in Deutschland nicht'],
      ['an empty title', { title: '   ' }, 'Bitte einen Titel eingeben.'],
      ['a bad online link', { onlineLink: 'meet.example.org' }, 'beginnend mit https://'],
      ['an unknown location', { locationId: '999999' }, 'Diesen Ort gibt es nicht'],
    ])('rejects %s with 422, a German message and everything typed kept', async (_label, over, message) => {
      const fields = meetingFields(f, { title: 'Тест اختبار', description: 'Bitte Unterlagen mitbringen', ...over });
      const res = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).toContain('Bitte Unterlagen mitbringen');
      if (over.title === undefined) expect(res.text).toContain('Тест اختبار');
      if (over.date) expect(res.text).toContain(`value="${over.date}"`);
    });

    it('warns about conflicts and holidays before saving, and saves anyway on request', async () => {
      await createMeeting(chair, f, { title: 'Erste', date: '2026-06-09', startTime: '17:00', endTime: '19:00' });
      const fields = meetingFields(f, { title: 'Zweite zur selben Zeit', date: '2026-06-09', startTime: '18:00', endTime: '20:00' });
      const warned = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', fields);
      expect(warned.status).toBe(200);
      expect(warned.text).toContain('Bitte prüfen Sie, bevor Sie speichern');
      expect(warned.text).toContain('ist zur selben Zeit schon belegt');
      expect(warned.text).toContain('Das Gremium hat zur selben Zeit schon eine Sitzung');
      expect(warned.text).toContain('Trotzdem speichern');
      expect(warned.text).toContain('Zweite zur selben Zeit');
      const count = await t.app.get(DatabaseService).dataSource.getRepository(Meeting).countBy({ title: 'Zweite zur selben Zeit' });
      expect(count).toBe(0);

      const holiday = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f, { date: '01.05.2026', locationId: String(f.otherLocationId) }));
      expect(holiday.text).toContain('Der 01.05.2026 ist in Mecklenburg-Vorpommern ein gesetzlicher Feiertag (Tag der Arbeit).');

      const saved = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', { ...fields, trotzdem: 'on' });
      expect(saved.status).toBe(303);
    });

    it('warns about members shared with another body meeting at the same time', async () => {
      const otherChair = await meetingAgent(t, f.emails.otherChair);
      await submitForm(otherChair, '/sitzungen/neu', '/sitzungen/neu', {
        ...meetingFields(f, { bodyId: String(f.otherBodyId), title: 'Runde', date: '2026-07-07', locationId: String(f.otherLocationId) }),
        trotzdem: 'on',
      });
      const warned = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f, { date: '2026-07-07' }));
      expect(warned.text).toContain(`Ольга Петренко ${f.code} ist auch Mitglied in „${f.otherBodyName}“`);
    });

    it('forbids scheduling for non-managers and for another body (403), and asks anonymous visitors to log in', async () => {
      const member = await meetingAgent(t, f.emails.member);
      await member.get('/sitzungen/neu').expect(403);
      const otherChair = await meetingAgent(t, f.emails.otherChair);
      const res = await submitForm(otherChair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f));
      expect(res.status).toBe(403);
      const id = await createMeeting(chair, f, { title: 'Nur für den Beirat', date: '2026-09-15' });
      await otherChair.get(`/sitzungen/${id}/bearbeiten`).expect(403);
      const edit = await submitForm(otherChair, `/sitzungen/${id}`, `/sitzungen/${id}/bearbeiten`, meetingFields(f, { title: 'Gekapert' }));
      expect(edit.status).toBe(403);
      expect((await meeting(id)).title).toBe('Nur für den Beirat');
      const anonymous = await request(t.http).get('/sitzungen/neu');
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.location).toContain('/anmelden');
    });

    it('edits keep the UID and raise SEQUENCE only for what calendars see', async () => {
      const id = await createMeeting(chair, f, { title: 'Bearbeiten', date: '2026-10-13' });
      const first = await meeting(id);
      await submitForm(chair, `/sitzungen/${id}/bearbeiten`, `/sitzungen/${id}/bearbeiten`, { ...meetingFields(f, { title: 'Bearbeiten', date: '2026-10-13', description: 'Nur ein Hinweis' }), trotzdem: 'on' }).then((r) => expect(r.status).toBe(303));
      expect((await meeting(id)).sequence).toBe(first.sequence);
      await submitForm(chair, `/sitzungen/${id}/bearbeiten`, `/sitzungen/${id}/bearbeiten`, { ...meetingFields(f, { title: 'Umbenannt', date: '2026-10-13' }), trotzdem: 'on' }).then((r) => expect(r.status).toBe(303));
      const renamed = await meeting(id);
      expect(renamed.sequence).toBe(first.sequence + 1);
      expect(renamed.uid).toBe(first.uid);
    });

    it('postpones (same UID, new time, SEQUENCE + 1) and cancels with a required reason', async () => {
      const id = await createMeeting(chair, f, { title: 'Verschieben', date: '2026-11-10' });
      const before = await meeting(id);
      const same = await submitForm(chair, `/sitzungen/${id}/verschieben`, `/sitzungen/${id}/verschieben`, { date: '10.11.2026', startTime: '18:00', endTime: '20:00' });
      expect(same.status).toBe(422);
      const bad = await submitForm(chair, `/sitzungen/${id}/verschieben`, `/sitzungen/${id}/verschieben`, { date: '31.11.2026', startTime: '18:00', endTime: '20:00' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('Den 31.11.2026 gibt es nicht');
      const moved = await submitForm(chair, `/sitzungen/${id}/verschieben`, `/sitzungen/${id}/verschieben`, { date: '17.11.2026', startTime: '17:30', endTime: '19:00', trotzdem: 'on', bestaetigt: 'on' });
      expect(moved.status).toBe(303);
      const after = await meeting(id);
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBe(before.sequence + 1);
      expect(after.startsAt.toISOString()).toBe('2026-11-17T16:30:00.000Z');

      const empty = await submitForm(chair, `/sitzungen/${id}/absagen`, `/sitzungen/${id}/absagen`, { reason: '  ' });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('Bitte einen Grund für die Absage angeben.');
      const cancelled = await submitForm(chair, `/sitzungen/${id}/absagen`, `/sitzungen/${id}/absagen`, { reason: 'Krankheit der Vorsitzenden' });
      expect(cancelled.status).toBe(303);
      const gone = await meeting(id);
      expect(gone.state).toBe('cancelled');
      expect(gone.sequence).toBe(after.sequence + 1);
      const page = await request(t.http).get(`/sitzungen/${id}`).expect(200);
      expect(page.text).toContain('Diese Sitzung ist abgesagt.');
      expect(page.text).toContain('Krankheit der Vorsitzenden');
      const again = await submitForm(chair, `/sitzungen/${id}`, `/sitzungen/${id}/verschieben`, { date: '24.11.2026', startTime: '18:00', endTime: '20:00' });
      expect(again.status).toBe(403);
    });
  });

  describe('series', () => {
    const seriesFields = (over: Record<string, string> = {}): Record<string, string> => ({
      bodyId: String(f.bodyId),
      title: 'Beiratssitzung',
      startDate: '2027-01-01',
      startTime: '18:00',
      endTime: '20:00',
      rhythm: 'monthly',
      ordinal: '2',
      weekday: '2',
      endKind: 'count',
      count: '4',
      until: '',
      locationId: String(f.otherLocationId),
      onlineLink: '',
      isPublic: 'on',
      ...over,
    });

    it('creates every second Tuesday of the month as ordinary meetings sharing a series id', async () => {
      const res = await submitForm(chair, '/sitzungen/serie/neu', '/sitzungen/serie/neu', { ...seriesFields(), trotzdem: 'on' });
      expect(res.status).toBe(303);
      const created = await t.app.get(DatabaseService).dataSource.getRepository(Meeting).find({ where: { bodyId: f.bodyId, title: 'Beiratssitzung' }, order: { startsAt: 'ASC' } });
      expect(created.map((m) => m.startsAt.toISOString())).toEqual(['2027-01-12T17:00:00.000Z', '2027-02-09T17:00:00.000Z', '2027-03-09T17:00:00.000Z', '2027-04-13T16:00:00.000Z']);
      expect(new Set(created.map((m) => m.seriesId)).size).toBe(1);
      expect(created[0].seriesId).not.toBeNull();
      expect(new Set(created.map((m) => m.uid)).size).toBe(4);
    });

    it.each([
      ['0', 'Eine Serie umfasst mindestens 1 und höchstens 100 Termine.'],
      ['1000', 'Eine Serie umfasst mindestens 1 und höchstens 100 Termine.'],
      ['', 'Bitte die Anzahl der Termine angeben (1 bis 100).'],
      ['zwölf', 'Bitte die Anzahl als ganze Zahl zwischen 1 und 100 angeben.'],
    ])('rejects %p occurrences with 422', async (count, message) => {
      const res = await submitForm(chair, '/sitzungen/serie/neu', '/sitzungen/serie/neu', seriesFields({ count, title: 'Серия' }));
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('value="Серия"');
    });

    it('rejects an end date that gives more than 100 meetings, and impossible dates', async () => {
      const many = await submitForm(chair, '/sitzungen/serie/neu', '/sitzungen/serie/neu', seriesFields({ rhythm: 'weekly', endKind: 'until', until: '31.12.2030' }));
      expect(many.status).toBe(422);
      expect(many.text).toContain('mehr als 100 Termine');
      const impossible = await submitForm(chair, '/sitzungen/serie/neu', '/sitzungen/serie/neu', seriesFields({ startDate: '30.02.2027' }));
      expect(impossible.status).toBe(422);
      expect(impossible.text).toContain('Den 30.02.2027 gibt es nicht');
    });
  });

  describe('agenda', () => {
    let id: number;
    beforeAll(async () => {
      id = await createMeeting(chair, f, { title: 'Mit Tagesordnung', date: '2026-12-08' });
    });
    const add = (fields: Record<string, string>) =>
      submitForm(chair, `/sitzungen/${id}/tagesordnung`, `/sitzungen/${id}/tagesordnung`, { level: '0', presenter: '', plannedMinutes: '', isPublic: 'on', description: '', ...fields });

    it('numbers main and sub-items, reorders with buttons and warns when the plan is too long', async () => {
      expect((await add({ title: 'Begrüßung', plannedMinutes: '10' })).status).toBe(303);
      expect((await add({ title: 'Bericht der Servicestelle', plannedMinutes: '60', presenter: 'Ольга Петренко' })).status).toBe(303);
      expect((await add({ title: 'Ehrenamt', level: '1' })).status).toBe(303);
      expect((await add({ title: 'Personalangelegenheiten', isPublic: '', plannedMinutes: '70' })).status).toBe(303);
      let page = await chair.get(`/sitzungen/${id}/tagesordnung`).expect(200);
      expect(page.text).toMatch(/<th scope="row">1<\/th>\s*<td data-label="Thema">Begrüßung/);
      expect(page.text).toMatch(/<th scope="row">2\.1<\/th>\s*<td data-label="Thema">Ehrenamt/);
      expect(page.text).toContain('Die Tagesordnung ist mit 140 Minuten geplant, die Sitzung dauert aber nur 120 Minuten.');
      const itemId = /tagesordnung\/(\d+)\/bearbeiten">Bearbeiten<span class="visually-hidden">: TOP 3 Personalangelegenheiten/.exec(page.text)?.[1];
      expect(itemId).toBeDefined();
      expect((await submitForm(chair, `/sitzungen/${id}/tagesordnung`, `/sitzungen/${id}/tagesordnung/${itemId}/hoch`, {})).status).toBe(303);
      page = await chair.get(`/sitzungen/${id}/tagesordnung`).expect(200);
      expect(page.text).toMatch(/<th scope="row">2<\/th>\s*<td data-label="Thema">Personalangelegenheiten/);
      expect(page.text).toMatch(/<th scope="row">3\.1<\/th>\s*<td data-label="Thema">Ehrenamt/);
      const anonymous = await request(t.http).get(`/sitzungen/${id}`).expect(200);
      expect(anonymous.text).toContain('Bericht der Servicestelle');
      expect(anonymous.text).not.toContain('Personalangelegenheiten');
      const member = await meetingAgent(t, f.emails.member);
      expect((await member.get(`/sitzungen/${id}`)).text).toContain('Personalangelegenheiten');
    });

    it('rejects an empty title and bad minutes with 422 and keeps the input', async () => {
      const res = await add({ title: '', presenter: 'Mehmet Çelik', plannedMinutes: 'zehn' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Bitte das Thema des Tagesordnungspunkts eingeben.');
      expect(res.text).toContain('Bitte eine ganze Zahl von 1 bis 999 eingeben');
      expect(res.text).toContain('value="Mehmet Çelik"');
    });

    it('forbids the agenda of another body (403) and unknown items (404)', async () => {
      const otherChair = await meetingAgent(t, f.emails.otherChair);
      await otherChair.get(`/sitzungen/${id}/tagesordnung`).expect(403);
      await chair.get(`/sitzungen/${id}/tagesordnung/999999/bearbeiten`).expect(404);
      await chair.get(`/sitzungen/${id}/tagesordnung/abc/bearbeiten`).expect(404);
    });
  });

  describe('invitation and answers', () => {
    it('issues the invitation, warns when the notice period is missed, and prints a letter', async () => {
      const soon = new Date(Date.now() + 3 * 86_400_000);
      const date = soon.toISOString().slice(0, 10);
      const id = await createMeeting(chair, f, { title: 'Kurzfristig', date });
      const warned = await submitForm(chair, `/sitzungen/${id}`, `/sitzungen/${id}/einladen`, {});
      expect(warned.status).toBe(200);
      expect(warned.text).toContain('Die Einladungsfrist von 14 Tagen ist nicht eingehalten');
      expect((await meeting(id)).state).toBe('scheduled');
      const done = await submitForm(chair, `/sitzungen/${id}`, `/sitzungen/${id}/einladen`, { trotzdem: 'on' });
      expect(done.status).toBe(303);
      const invited = await meeting(id);
      expect(invited.state).toBe('invited');
      expect(invited.sequence).toBe(1);
      const letter = await chair.get(`/sitzungen/${id}/einladung`).expect(200);
      expect(letter.text).toContain('Einladung: Kurzfristig');
      expect(letter.text).toContain('Ihre Vertretung');
      expect(letter.text).toContain('Am Packhof 2-6');
    });

    it('lets members answer with a deputy and forecasts the quorum', async () => {
      const id = await createMeeting(chair, f, { title: 'Mit Antworten', date: '2027-06-08' });
      const member = await meetingAgent(t, f.emails.member);
      const page = await member.get(`/sitzungen/${id}`).expect(200);
      expect(page.text).toContain('Ihre Antwort');
      const forged = await submitForm(member, `/sitzungen/${id}`, `/sitzungen/${id}/antwort`, { response: 'declined', deputyPersonId: String(f.people.outsider) });
      expect(forged.status).toBe(422);
      expect(forged.text).toContain('Bitte eine Vertretung aus der Liste wählen.');
      const declined = await submitForm(member, `/sitzungen/${id}`, `/sitzungen/${id}/antwort`, { response: 'declined', deputyPersonId: String(f.people.deputy) });
      expect(declined.status).toBe(303);
      const voter = await meetingAgent(t, f.emails.voter);
      expect((await submitForm(voter, `/sitzungen/${id}`, `/sitzungen/${id}/antwort`, { response: 'accepted', deputyPersonId: '' })).status).toBe(303);
      const overview = await chair.get(`/sitzungen/${id}`).expect(200);
      expect(overview.text).toContain(`مريم الحسيني ${f.code}`);
      expect(overview.text).toContain('2 von 3 stimmberechtigten Mitgliedern erwartet, nötig sind 2');
      expect(overview.text).toContain('voraussichtlich beschlussfähig');
      const bad = await submitForm(voter, `/sitzungen/${id}`, `/sitzungen/${id}/antwort`, { response: 'vielleicht-ja', deputyPersonId: '' });
      expect(bad.status).toBe(422);
      const outsider = await meetingAgent(t, f.emails.outsider);
      expect((await submitForm(outsider, `/sitzungen/${id}`, `/sitzungen/${id}/antwort`, { response: 'accepted', deputyPersonId: '' })).status).toBe(403);
      const anonymous = await request(t.http).get(`/sitzungen/${id}`).expect(200);
      expect(anonymous.text).not.toContain('Wer kommt?');
    });
  });

  describe('pages and visibility', () => {
    it('lists upcoming and past meetings, filters by body and shows a month view', async () => {
      const id = await createMeeting(chair, f, { title: 'Im Monat', date: '2027-02-23' });
      const list = await request(t.http).get(`/sitzungen?gremium=${f.bodyId}`).expect(200);
      expect(list.text).toContain(`/sitzungen/${id}`);
      expect(list.text).toContain('webcal://');
      const month = await request(t.http).get('/sitzungen/monat/2027-02').expect(200);
      expect(month.text).toContain('Februar 2027');
      expect(month.text).toContain('Im Monat');
      const query = await request(t.http).get('/sitzungen?monat=2027-02').expect(200);
      expect(query.text).toContain('Im Monat');
      const past = await request(t.http).get('/sitzungen?zeit=vergangen').expect(200);
      expect(past.text).toContain('Vergangene Sitzungen');
    });

    it.each(['/sitzungen/monat/2026-13', '/sitzungen/monat/abc', '/sitzungen/999999', '/sitzungen/abc', '/sitzungen/0', '/sitzungen/999999/ical'])('answers %s with 404', async (path) => {
      await request(t.http).get(path).expect(404);
    });

    it.each(['?gremium=abc', '?gremium=999999', '?zeit=x&page=-3', '?monat=2026-99', '?gremium[]=1&page[]=2'])('survives %s', async (qs) => {
      await request(t.http).get(`/sitzungen${qs}`).expect(200);
    });

    it('hides internal meetings from anonymous visitors (404) but shows them to members', async () => {
      const internal = await createMeeting(chair, f, { title: 'Interne Klausur', date: '2027-03-16', isPublic: '' });
      const ofInternalBody = await createMeeting(chair, f, { bodyId: String(f.internalBodyId), title: 'Kreis intern', date: '2027-03-17', isPublic: 'on' });
      for (const id of [internal, ofInternalBody]) {
        await request(t.http).get(`/sitzungen/${id}`).expect(404);
        await request(t.http).get(`/sitzungen/${id}/ical`).expect(404);
      }
      const list = await request(t.http).get('/sitzungen/monat/2027-03').expect(200);
      expect(list.text).not.toContain('Interne Klausur');
      expect(list.text).not.toContain('Kreis intern');
      const member = await meetingAgent(t, f.emails.member);
      expect((await member.get(`/sitzungen/${internal}`).expect(200)).text).toContain('interne Sitzung');
    });
  });

  describe('locations', () => {
    it('creates and edits locations with validation; a changed address raises SEQUENCE of upcoming meetings there', async () => {
      const bad = await submitForm(chair, '/orte/neu', '/orte/neu', { name: '', room: '', street: 'Puschkinstraße 1', postalCode: '190', locality: 'Schwerin', accessibilityNotes: '', onlineLink: '' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('Bitte eine Bezeichnung eingeben.');
      expect(bad.text).toContain('Bitte eine fünfstellige Postleitzahl eingeben.');
      expect(bad.text).toContain('value="Puschkinstraße 1"');
      const id = await createMeeting(chair, f, { title: 'Am Ort', date: '2027-05-11' });
      const before = await meeting(id);
      const edit = await submitForm(chair, `/orte/${f.locationId}/bearbeiten`, `/orte/${f.locationId}/bearbeiten`, {
        name: `Stadthaus ${f.code}, Demmlersaal`,
        room: '1.002',
        street: 'Am Packhof 2-6',
        postalCode: '19053',
        locality: 'Schwerin',
        accessibilityNotes: 'Stufenloser Zugang über den Hof, Aufzug C',
        onlineLink: '',
      });
      expect(edit.status).toBe(303);
      expect((await meeting(id)).sequence).toBe(before.sequence + 1);
      const member = await meetingAgent(t, f.emails.member);
      await member.get('/orte').expect(403);
    });
  });
});

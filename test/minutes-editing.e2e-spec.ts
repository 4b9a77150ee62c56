import request from 'supertest';
import { DataSource } from 'typeorm';
import { Session } from '../src/auth/session.entity.js';
import { MinutesItem } from '../src/minutes/minutes-item.entity.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { PendingMinutesDraft } from '../src/minutes/pending-minutes-draft.entity.js';
import { csrfTokenFrom } from './helpers/auth.js';
import type { Agent } from './helpers/auth.js';
import { agentFor, createMinutesFixture, editorFields, type MinutesFixture, PASSWORD, submit } from './helpers/minutes.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('minutes editor: never lose text', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let secretary: Agent;
  let path: string;
  let itemField: string;
  let internalField: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    secretary = await agentFor(t, f.emails.secretary);
    path = `/sitzungen/${f.meetingId}/protokoll`;
    itemField = `text_item-${f.publicItemId}`;
    internalField = `text_item-${f.internalItemId}`;
    await submit(chair, path, path, {});
  });
  afterAll(async () => {
    await t.close();
  });

  const storedText = async (agendaItemId: number): Promise<string | undefined> =>
    (await t.app.get(DataSource).getRepository(MinutesItem).findOne({ where: { agendaItemId } }))?.text;

  it('answers the second of two editors with a German 409 conflict page that keeps both texts', async () => {
    const formA = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    const formB = editorFields((await secretary.get(`${path}/bearbeiten`)).text);
    const a = await chair.post(`${path}/bearbeiten`).type('form').send({ ...formA, [itemField]: 'Fassung A: Olga berichtet über 120 Beratungen.' });
    expect(a.status).toBe(303);
    const b = await secretary.post(`${path}/bearbeiten`).type('form').send({ ...formB, [itemField]: 'Fassung B: Jana ergänzt – Ümlaute & <Sonderzeichen> bleiben.' });
    expect(b.status).toBe(409);
    expect(b.text).toContain('Jemand anderes hat dieses Protokoll inzwischen gespeichert');
    // my text stays in the form, the other version is shown beside it
    expect(b.text).toMatch(/<textarea[^>]*name="text_item-\d+"[^>]*>Fassung B: Jana ergänzt – Ümlaute &amp; &lt;Sonderzeichen&gt; bleiben\.<\/textarea>/);
    expect(b.text).toContain('Inzwischen gespeicherte Fassung');
    expect(b.text).toContain('Fassung A: Olga berichtet über 120 Beratungen.');
    expect(await storedText(f.publicItemId)).toBe('Fassung A: Olga berichtet über 120 Beratungen.');
    // merging and saving the conflict form succeeds
    const merged = editorFields(b.text);
    merged[itemField] = 'Fassung A und B zusammengeführt.';
    const again = await secretary.post(`${path}/bearbeiten`).type('form').send(merged);
    expect(again.status).toBe(303);
    expect(await storedText(f.publicItemId)).toBe('Fassung A und B zusammengeführt.');
  });

  it('merges silently when two editors changed different sections', async () => {
    const formA = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    const formB = editorFields((await secretary.get(`${path}/bearbeiten`)).text);
    expect((await chair.post(`${path}/bearbeiten`).type('form').send({ ...formA, [itemField]: 'Nur A ändert TOP 1.' })).status).toBe(303);
    const b = await secretary.post(`${path}/bearbeiten`).type('form').send({ ...formB, [internalField]: 'Nur B ändert TOP 2.' });
    expect(b.status).toBe(303);
    expect(b.headers.location).toContain('zusammengefuehrt');
    expect(await storedText(f.publicItemId)).toBe('Nur A ändert TOP 1.');
    expect(await storedText(f.internalItemId)).toBe('Nur B ändert TOP 2.');
  });

  it('keeps the text of a session that expired while writing and saves it after logging in again', async () => {
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    // the session ends (idle timeout) while the chair is still typing
    await t.app.get(DatabaseService).write((m) => m.getRepository(Session).clear());
    const text = 'Nach der Pause: Олена Шевченко stellt das Projekt „Ankommen“ vor.\r\nZweite Zeile.';
    const late = await chair.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: text });
    expect(late.status).toBe(401);
    expect(late.text).toContain('Ihr Text ist gesichert');
    expect(late.text).toContain('Олена Шевченко');
    expect(String(late.headers['set-cookie'])).toContain('nm.minutes-draft=');
    expect(await storedText(f.publicItemId)).toBe('Nur A ändert TOP 1.');
    expect(await t.app.get(DataSource).getRepository(PendingMinutesDraft).count()).toBe(1);

    // another browser, even logged in as an editor, cannot claim it
    const other = await agentFor(t, f.emails.secretary);
    const foreign = await other.get(`${path}/wiederherstellen`).expect(200);
    expect(foreign.text).toContain('kein gesicherter Text');
    expect(await storedText(f.publicItemId)).toBe('Nur A ändert TOP 1.');

    const loginLink = (/href="(\/anmelden[^"]+)"/.exec(late.text)?.[1] ?? '').replace(/&#x3D;/g, '=');
    expect(decodeURIComponent(loginLink)).toBe(`/anmelden?next=${path}/wiederherstellen`);
    // log in again through the link on that page: the login page returns to the restore address
    const loginPage = await chair.get(loginLink).expect(200);
    const loggedIn = await chair
      .post('/anmelden')
      .type('form')
      .send({ email: f.emails.chair, password: PASSWORD, next: `${path}/wiederherstellen`, _csrf: csrfTokenFrom(loginPage.text) });
    expect(loggedIn.status).toBe(303);
    expect(loggedIn.headers.location).toBe(`${path}/wiederherstellen`);
    const restored = await chair.get(`${path}/wiederherstellen`);
    expect(restored.status).toBe(303);
    expect(restored.headers.location).toContain('wiederhergestellt');
    expect(await storedText(f.publicItemId)).toBe('Nach der Pause: Олена Шевченко stellt das Projekt „Ankommen“ vor.\nZweite Zeile.');
    // claimed once, then gone
    expect(await t.app.get(DataSource).getRepository(PendingMinutesDraft).count()).toBe(0);
    const page = await chair.get(restored.headers.location).expect(200);
    expect(page.text).toContain('nach der Anmeldung gespeichert');
  });

  it('keeps every typed character on a validation error (422)', async () => {
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    const long = `Anfang ${'x'.repeat(100_001)} Ende`;
    const res = await chair.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: long, [internalField]: 'Ich bleibe auch erhalten: مرحبا' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('höchstens 100.000 Zeichen');
    expect(res.text).toContain(long);
    expect(res.text).toContain('Ich bleibe auch erhalten: مرحبا');
  });

  it('renders hostile Markdown harmlessly on the minutes page', async () => {
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    const hostile = [
      '<script>alert("xss")</script>',
      '<img src=x onerror=alert(1)>',
      '[klick](javascript:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)" onclick="alert(2)">link</a>',
      '[ok](https://www.schwerin.de)',
    ].join('\n\n');
    expect((await chair.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: hostile })).status).toBe(303);
    const page = await chair.get(path).expect(200);
    expect(page.text).not.toMatch(/<script>alert/);
    expect(page.text).not.toMatch(/<img[^>]*onerror/i);
    expect(page.text).not.toMatch(/<a\s[^>]*href="(javascript|data):/i);
    expect(page.text).not.toMatch(/<a [^>]*onclick/i);
    expect(page.text).toContain('&lt;script&gt;');
    expect(page.text).toContain('<a href="https://www.schwerin.de" rel="nofollow noopener noreferrer">ok</a>');
    // and the editor gives the source back unchanged, escaped
    const editor = await chair.get(`${path}/bearbeiten`).expect(200);
    expect(editor.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  it('refuses a forged save from a logged-in member without the right to edit', async () => {
    const member = await agentFor(t, f.emails.member);
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    const token = /name="_csrf" value="([^"]+)"/.exec((await member.get('/')).text)?.[1] ?? '';
    const res = await member.post(`${path}/bearbeiten`).type('form').send({ ...form, _csrf: token, [itemField]: 'Übernahme' });
    expect(res.status).toBe(403);
  });

  it('records attendance, guests and quorum and shows them in the print view', async () => {
    const apath = `${path}/anwesenheit`;
    const page = await chair.get(apath).expect(200);
    expect(page.text).toContain(`choice-${f.people.member}`);
    const missingDeputy = await submit(chair, apath, apath, {
      version: /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '',
      [`choice-${f.people.voter}`]: 'represented',
      [`deputy-${f.people.voter}`]: '',
      guests: 'Gast Eins',
    });
    expect(missingDeputy.status).toBe(422);
    expect(missingDeputy.text).toContain('Bitte die Vertretung auswählen.');
    expect(missingDeputy.text).toContain('Gast Eins');
    const fresh = await chair.get(apath);
    const ok = await submit(chair, apath, apath, {
      version: /name="version" value="(\d+)"/.exec(fresh.text)?.[1] ?? '',
      [`choice-${f.people.chair}`]: 'present',
      [`choice-${f.people.member}`]: 'excused',
      [`choice-${f.people.voter}`]: 'represented',
      [`deputy-${f.people.voter}`]: String(f.people.deputy),
      [`choice-${f.people.secretary}`]: 'present',
      guests: 'Dr. Svetlana Ivanova (Jobcenter)\r\nTrần Quốc Bảo',
      chairPersonId: String(f.people.chair),
      recorderPersonId: String(f.people.secretary),
      openedAt: '18:05',
      closedAt: '19:55',
      quorumCheckedAt: '18:07',
      quorumReached: 'yes',
    });
    expect(ok.status).toBe(303);
    const print = await chair.get(`${path}/druck`).expect(200);
    expect(print.text).toContain('/static/css/minutes-print.css');
    expect(print.text).not.toContain('class="site-header"');
    expect(print.text).toContain('Niederschrift über die Sitzung „1. Sitzung 2026“');
    expect(print.text).toMatch(/Testbeirat T\w+/);
    expect(print.text).toMatch(/Protokoll-Nr\.<\/dt><dd>T\w+ 1\/2026/);
    expect(print.text).toContain('Dienstag, 10. März 2026');
    expect(print.text).toContain('18:05 bis 19:55 Uhr');
    expect(print.text).toContain('Stadthaus, Demmlersaal, 1.001');
    expect(print.text).toContain('Am Packhof 2-6, 19053 Schwerin');
    expect(print.text).toMatch(/Sitzungsleitung<\/dt><dd>Ольга Петренко/);
    expect(print.text).toMatch(/Protokoll<\/dt><dd>Jana Köhler/);
    expect(print.text).toMatch(/Mehmet Çelik[\s\S]*?vertreten durch مريم الحسيني/);
    expect(print.text).toMatch(/Thị Lan Nguyễn[\s\S]*?entschuldigt/);
    expect(print.text).toContain('Trần Quốc Bảo');
    expect(print.text).toContain('Die Beschlussfähigkeit wurde festgestellt um 18:07 Uhr.');
    expect(print.text).toContain('2 von 3 Stimmberechtigten anwesend oder vertreten (davon 1 durch Vertretung); erforderlich: 2');
    expect(print.text).toContain('TOP 1: Bericht der Servicestelle Integration');
  });

  it('refuses a stale attendance form with 409 and keeps the input', async () => {
    const apath = `${path}/anwesenheit`;
    const page = await chair.get(apath);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '';
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    await chair.post(`${path}/bearbeiten`).type('form').send({ ...form, text_opening: 'Jemand speichert dazwischen.' });
    const stale = await submit(chair, apath, apath, { version, guests: 'Neuer Gast Ayşe Yılmaz' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Neuer Gast Ayşe Yılmaz');
    const m = await t.app.get(DataSource).getRepository(Minutes).findOneByOrFail({ meetingId: f.meetingId });
    expect(m.guests).not.toContain('Ayşe');
  });

  it('does not let anonymous visitors store anything for a meeting without minutes, or an empty form', async () => {
    const before = await t.app.get(DataSource).getRepository(PendingMinutesDraft).count();
    for (const [meeting, fields] of [
      [f.laterMeetingId, { text_opening: 'x' }],
      [99999999, { text_opening: 'x' }],
      [f.meetingId, { text_opening: '  ' }],
    ] as const) {
      const res = await request(t.http).post(`/sitzungen/${meeting}/protokoll/bearbeiten`).type('form').send(fields);
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('/anmelden');
    }
    expect(await t.app.get(DataSource).getRepository(PendingMinutesDraft).count()).toBe(before);
  });

  it('refuses a form without its version with 422 and keeps the text', async () => {
    const form = editorFields((await chair.get(`${path}/bearbeiten`)).text);
    delete form.version;
    const res = await chair.post(`${path}/bearbeiten`).type('form').send({ ...form, [itemField]: 'Ohne Version getippt' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ohne Version getippt');
    expect(await storedText(f.publicItemId)).not.toBe('Ohne Version getippt');
  });
});

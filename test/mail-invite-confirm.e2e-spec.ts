import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { createMeetingFixture, mailConfig, type MeetingFixture, startApp, type RunningApp, TestSmtpServer } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

/** Text of an HTML page with tags removed and whitespace folded (what a reader sees). */
function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('"Einladung verschicken": confirm first (recipients, members without address), then the result page', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  let t: RunningApp;
  let f: MeetingFixture;
  let chair: Agent;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false }, smtp) });
    f = await createMeetingFixture(t.db, { code: 'IC' });
    chair = await loggedInAgent(t, { email: 'vorsitz-ic@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await database.drop();
  });

  const invitations = () => t.db.dataSource.getRepository(OutboxMail).find({ where: { meetingId: f.meetingId, kind: 'invitation' } });

  it('the meeting page links to the confirmation, which counts recipients, lists members without address and links the letter — and sends nothing', async () => {
    const meetingPage = await chair.get(`/sitzungen/${f.meetingId}`).expect(200);
    expect(meetingPage.text).toContain(`href="/sitzungen/${f.meetingId}/einladen"`);
    expect(meetingPage.text).not.toContain(`action="/sitzungen/${f.meetingId}/einladen"`);

    const confirm = await chair.get(`/sitzungen/${f.meetingId}/einladen`).expect(200);
    const text = visibleText(confirm.text);
    // chair, Müßig, Nguyễn, Haddad have an address; Yılmaz has none; Früher's membership has ended
    expect(text).toContain('Die Einladung geht per E-Mail an 4 Mitglieder');
    expect(text).toContain('Ohne E-Mail-Adresse');
    expect(confirm.text).toContain(`href="/personen/${f.withoutEmailId}"`);
    expect(text).toContain('Ömer');
    expect(text).not.toContain('Gisela');
    expect(confirm.text).toContain(`href="/sitzungen/${f.meetingId}/einladung"`);
    expect(confirm.text).toContain(`action="/sitzungen/${f.meetingId}/einladen"`);
    expect(confirm.text).toContain('name="_csrf"');
    expect(await invitations()).toHaveLength(0);
    expect((await t.db.dataSource.getRepository(Meeting).findOneByOrFail({ id: f.meetingId })).state).toBe('scheduled');
  });

  it('confirming queues the invitation and lands on the result page: queued, sent so far, failed with reason', async () => {
    const confirm = await chair.get(`/sitzungen/${f.meetingId}/einladen`).expect(200);
    expect(confirm.text).toContain('name="trotzdem" value="on"');
    const posted = await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/sitzungen/${f.meetingId}/versand?einladung=1`);
    expect(await invitations()).toHaveLength(4);

    const queued = visibleText((await chair.get(posted.headers.location).expect(200)).text);
    expect(queued).toContain('Einladung vorgemerkt');
    expect(queued).toContain('Einladung an 4 Mitglieder vorgemerkt: 0 versendet, 4 warten noch, keine fehlgeschlagen.');

    await t.worker.drain();
    await smtp.waitFor(4);
    // one delivery is given up by the worker (e.g. the mail server refused the address)
    const [first] = await invitations();
    await t.db.write((m) => m.getRepository(OutboxMail).update({ id: first.id }, { status: 'failed', attempts: 8, lastError: 'Postfach existiert nicht (550).' }));

    const result = visibleText((await chair.get(posted.headers.location).expect(200)).text);
    expect(result).toContain('Einladung an 4 Mitglieder vorgemerkt: 3 versendet, 0 warten noch, 1 fehlgeschlagen.');
    expect(result).toContain('Postfach existiert nicht (550).');
  });

  it('a re-issued invitation counts only its own mails', async () => {
    const again = await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' });
    expect(again.status).toBe(303);
    const result = visibleText((await chair.get(again.headers.location).expect(200)).text);
    expect(result).toContain('Einladung an 4 Mitglieder vorgemerkt: 0 versendet, 4 warten noch, keine fehlgeschlagen.');
  });

  it('the printable letter carries the same notes to participants as the invitation mail', async () => {
    const [mail] = await invitations();
    const pageUrl = `${t.config.baseUrl}/sitzungen/${f.meetingId}`;
    const notes = ['Barrierefreiheit: Stufenloser Zugang über den Hof', 'Hinweise: Bitte die Unterlagen vorher lesen.', `Alle Angaben und Unterlagen zur Sitzung: ${pageUrl}`];
    for (const line of notes) expect(mail.textBody).toContain(line);
    const letter = visibleText((await chair.get(`/sitzungen/${f.meetingId}/einladung`).expect(200)).text);
    expect(letter).toContain('Hinweise für die Teilnehmenden');
    for (const line of notes) expect(letter).toContain(line.replace(': ', ' '));
  });

  it('refuses the confirmation of a cancelled meeting with the German reason, and other bodies\' chairs', async () => {
    const other = await createMeetingFixture(t.db, { code: 'IX' });
    await t.db.write((m) => m.getRepository(Meeting).update({ id: other.meetingId }, { state: 'cancelled', cancelReason: 'Raum nicht verfügbar.' }));
    const refused = await chair.get(`/sitzungen/${other.meetingId}/einladen`);
    expect(refused.status).toBe(403);
    const otherChair = await loggedInAgent(t, { email: 'vorsitz-ix@example.org', password: 'Vorsitz-Passwort-2026', personId: other.chairId });
    const cancelled = await otherChair.get(`/sitzungen/${other.meetingId}/einladen`);
    expect(cancelled.status).toBe(403);
    expect(cancelled.text).toContain('Zu einer abgesagten Sitzung kann nicht eingeladen werden.');
    await otherChair.get('/sitzungen/999999/einladen').expect(404);
  });
});

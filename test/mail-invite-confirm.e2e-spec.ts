import { DateTime } from 'luxon';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { createMeetingFixture, mailSuite, type MeetingFixture, type RunningApp, type TestSmtpServer } from './helpers/mail.js';

/** Text of an HTML page with tags removed and whitespace folded (what a reader sees). */
function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('"Einladung verschicken": confirm first (recipients, members without address), then the result page', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;
  let f: MeetingFixture;
  let chair: Agent;

  beforeAll(async () => {
    ({ t, smtp } = suite);
    f = await createMeetingFixture(t.db, { code: 'IC' });
    chair = await loggedInAgent(t, { email: 'vorsitz-ic@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
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

describe('postponing: the chair chooses whether answers are kept or reset and sees the mail before confirming', () => {
  const suite = mailSuite();
  let t: RunningApp;

  beforeAll(() => {
    ({ t } = suite);
  });

  /** An invited meeting in which Müßig accepted (naming no deputy) and Nguyễn declined. */
  async function invitedWithAnswers(code: string): Promise<{ f: MeetingFixture; chair: Agent }> {
    const f = await createMeetingFixture(t.db, { code });
    const chair = await loggedInAgent(t, { email: `vorsitz-${code.toLowerCase()}@example.org`, password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    expect((await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' })).status).toBe(303);
    await t.db.write(async (m) => {
      await m.getRepository(Attendance).update({ meetingId: f.meetingId, personId: f.members.muessig }, { response: 'accepted', respondedAt: new Date() });
      await m.getRepository(Attendance).update({ meetingId: f.meetingId, personId: f.members.nguyen }, { response: 'declined', respondedAt: new Date() });
    });
    return { f, chair };
  }

  const answers = async (meetingId: number): Promise<string[]> =>
    (await t.db.dataSource.getRepository(Attendance).find({ where: { meetingId }, order: { personId: 'ASC' } })).map((a) => a.response).filter((r) => r !== 'none');
  const startOf = async (meetingId: number): Promise<DateTime> => DateTime.fromJSDate((await t.db.dataSource.getRepository(Meeting).findOneByOrFail({ id: meetingId })).startsAt).setZone('Europe/Berlin');
  const updateMails = (meetingId: number) => t.db.dataSource.getRepository(OutboxMail).find({ where: { meetingId, kind: 'update' } });

  it('another day: the form leads to a preview (nothing changed yet) that resets the answers by default; confirming clears them and tells the members', async () => {
    const { f, chair } = await invitedWithAnswers('PR');
    const form = await chair.get(`/sitzungen/${f.meetingId}/verschieben`).expect(200);
    expect(form.text).toContain('name="answers" value="auto" checked');
    const before = await startOf(f.meetingId);
    const newDay = before.plus({ days: 7 }).toFormat('dd.MM.yyyy');
    const step = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newDay, startTime: '17:00', endTime: '19:00', answers: 'auto', trotzdem: 'on' });
    expect(step.status).toBe(303);
    expect(step.headers.location).toMatch(new RegExp(`^/sitzungen/${f.meetingId}/verschieben/vorschau\\?`));
    expect((await startOf(f.meetingId)).toMillis()).toBe(before.toMillis());

    const preview = await chair.get(step.headers.location).expect(200);
    const text = visibleText(preview.text);
    expect(text).toContain('Der Tag ändert sich.');
    expect(text).toContain('Die bisherigen Antworten (Zusagen, Absagen, Vertretungen) werden gelöscht');
    expect(text).toContain('wurde verschoben.');
    expect(text).toContain('Ihre bisherige Antwort ist damit hinfällig');
    expect(preview.text).toContain('name="answers" value="reset"');
    expect(await updateMails(f.meetingId)).toHaveLength(0);
    expect(await answers(f.meetingId)).toEqual(['accepted', 'declined']);

    const done = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newDay, startTime: '17:00', endTime: '19:00', answers: 'reset', trotzdem: 'on', bestaetigt: 'on' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/sitzungen/${f.meetingId}`);
    expect((await startOf(f.meetingId)).toFormat('dd.MM.yyyy HH:mm')).toBe(`${newDay} 17:00`);
    expect(await answers(f.meetingId)).toEqual([]);
    const mails = await updateMails(f.meetingId);
    expect(mails).toHaveLength(4);
    for (const m of mails) expect(m.textBody).toContain('Ihre bisherige Antwort ist damit hinfällig: Bitte sagen Sie für den neuen Termin erneut zu oder ab.');
  });

  it('the same day, only a later hour: the answers are kept by default, and the mail says they still count', async () => {
    const { f, chair } = await invitedWithAnswers('PK');
    const day = (await startOf(f.meetingId)).toFormat('dd.MM.yyyy');
    const step = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: day, startTime: '07:00', endTime: '08:00', trotzdem: 'on' });
    expect(step.status).toBe(303);
    const text = visibleText((await chair.get(step.headers.location).expect(200)).text);
    expect(text).toContain('Der Tag bleibt, nur die Uhrzeit ändert sich.');
    expect(text).toContain('Die bisherigen Antworten gelten weiter.');
    expect(text).toContain('Ihre bisherige Antwort gilt weiter');
    const done = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: day, startTime: '07:00', endTime: '08:00', answers: 'keep', trotzdem: 'on', bestaetigt: 'on' });
    expect(done.status).toBe(303);
    expect(await answers(f.meetingId)).toEqual(['accepted', 'declined']);
    for (const m of await updateMails(f.meetingId)) expect(m.textBody).toContain('Ihre bisherige Antwort gilt weiter');
  });

  it('the chair may keep the answers although the day changes; the preview follows the choice', async () => {
    const { f, chair } = await invitedWithAnswers('PX');
    const newDay = (await startOf(f.meetingId)).plus({ days: 1 }).toFormat('dd.MM.yyyy');
    const step = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newDay, startTime: '18:00', endTime: '20:00', answers: 'keep', trotzdem: 'on' });
    const preview = await chair.get(step.headers.location).expect(200);
    expect(visibleText(preview.text)).toContain('Die bisherigen Antworten gelten weiter.');
    expect(preview.text).toContain('name="answers" value="keep" checked');
    const done = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newDay, startTime: '18:00', endTime: '20:00', answers: 'keep', trotzdem: 'on', bestaetigt: 'on' });
    expect(done.status).toBe(303);
    expect(await answers(f.meetingId)).toEqual(['accepted', 'declined']);
    // a preview of nonsense goes back to the form
    const back = await chair.get(`/sitzungen/${f.meetingId}/verschieben/vorschau?date=31.02.2027&startTime=18:00&endTime=20:00`);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(`/sitzungen/${f.meetingId}/verschieben`);
  });
});

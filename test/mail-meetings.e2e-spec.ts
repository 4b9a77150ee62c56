import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { loggedInAgent, postForm } from './helpers/auth.js';
import { calendarPart, createMeetingFixture, mailConfig, type MeetingFixture, startApp, type RunningApp, TestSmtpServer } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

function itip(ics: string): [string, string, number, string] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as never);
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return [String(calendar.getFirstPropertyValue('method')), String(event.getFirstPropertyValue('uid')), Number(event.getFirstPropertyValue('sequence')), String(event.getFirstPropertyValue('status'))];
}

describe('mail from the meeting pages: inviting, postponing and cancelling send mail in the same transaction', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  let t: RunningApp;
  let f: MeetingFixture;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false }, smtp) });
    f = await createMeetingFixture(t.db, { code: 'UI' });
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await database.drop();
  });

  it('sends REQUEST, then an update with a higher SEQUENCE, then CANCEL — one UID — when the chair uses the pages', async () => {
    const chair = await loggedInAgent(t, { email: 'vorsitz-ui@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });

    const meetingPage = await chair.get(`/sitzungen/${f.meetingId}`).expect(200);
    expect(meetingPage.text).toContain(`href="/sitzungen/${f.meetingId}/versand"`);
    const invited = await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' });
    expect(invited.status).toBe(303);
    expect(await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: f.meetingId, kind: 'invitation' } })).toBe(4);
    await t.worker.drain();
    await smtp.waitFor(4);

    // "Einladung erneut verschicken" sends it again (same SEQUENCE: nothing a calendar must move)
    const reissued = await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' });
    expect(reissued.status).toBe(303);
    await t.worker.drain();
    await smtp.waitFor(8);

    const newStart = DateTime.now().setZone('Europe/Berlin').plus({ days: 30 }).set({ hour: 17, minute: 30 });
    const postponed = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newStart.toISODate() ?? '', startTime: '17:30', endTime: '19:00', trotzdem: 'on' });
    expect(postponed.status).toBe(303);
    await t.worker.drain();
    await smtp.waitFor(12);

    const cancelled = await postForm(chair, `/sitzungen/${f.meetingId}/absagen`, { reason: 'Krankheitsbedingt – wir laden neu ein.' });
    expect(cancelled.status).toBe(303);
    await t.worker.drain();
    await smtp.waitFor(16);

    const meeting = await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } });
    expect(meeting.state).toBe('cancelled');
    const forNguyen = smtp.received.filter((m) => m.envelopeTo.includes('nguyen-UI@example.org'));
    expect(forNguyen.map((m) => itip(calendarPart(m)))).toEqual([
      ['REQUEST', f.uid, meeting.sequence - 2, 'CONFIRMED'],
      ['REQUEST', f.uid, meeting.sequence - 2, 'CONFIRMED'],
      ['REQUEST', f.uid, meeting.sequence - 1, 'CONFIRMED'],
      ['CANCEL', f.uid, meeting.sequence, 'CANCELLED'],
    ]);
    expect(forNguyen[2].parsed.subject).toContain('Verschoben:');
    expect(forNguyen[2].parsed.text).toContain('17:30 bis 19:00 Uhr');
    expect(forNguyen[3].parsed.text).toContain('Grund: Krankheitsbedingt – wir laden neu ein.');

    const page = await chair.get(`/sitzungen/${f.meetingId}/versand`).expect(200);
    expect(page.text).toContain('Thị Hương Nguyễn');
    expect(page.text).toContain('Absage');
    expect(page.text).not.toContain('Fehlgeschlagen</strong>');
    expect(page.text).toContain('Ohne E-Mail-Adresse');
    expect(page.text).toContain(`<a href="/personen/${f.withoutEmailId}">Ömer Yılmaz</a>`);
  });
});

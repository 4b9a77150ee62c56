import ICAL from 'ical.js';
import request from 'supertest';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MailService } from '../src/mail/mail.service.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { RsvpSecretService } from '../src/mail/rsvp-secret.service.js';
import { signRsvpToken } from '../src/mail/rsvp-token.js';
import { csrfTokenFrom } from './helpers/auth.js';
import { calendarPart, createMeetingFixture, mailConfig, type MeetingFixture, type ReceivedMail, startApp, type RunningApp, TestSmtpServer } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

function vevent(ics: string): { method: string; event: ICAL.Component; calendar: ICAL.Component } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as never);
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { method: String(calendar.getFirstPropertyValue('method')), event, calendar };
}

function prop(event: ICAL.Component, name: string): string {
  return String(event.getFirstPropertyValue(name));
}

function rsvpLink(mail: ReceivedMail): string {
  const match = /https?:\/\/[^\s]+\/antwort\/([^\s]+)/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error('no RSVP link in the mail');
  return `/antwort/${match[1]}`;
}

function byRecipient(mails: ReceivedMail[]): Map<string, ReceivedMail> {
  return new Map(mails.map((m) => [m.envelopeTo.join(','), m]));
}

describe('mail over a real SMTP server: invitation, update, cancellation, RSVP', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  let t: RunningApp;
  let f: MeetingFixture;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start({ auth: { user: 'netzwerk', pass: 'geheim-Passwort-123' } });
    database = await createTestDatabase();
    const mail = mailConfig({}, smtp);
    t = await startApp(database, { baseUrl: 'http://netzwerk.example.org', mail: { ...mail, smtp: mail.smtp && { ...mail.smtp, user: 'netzwerk', password: 'geheim-Passwort-123' } } });
    f = await createMeetingFixture(t.db);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await database.drop();
  });

  const invitedAt = new Date();
  const invite = (): Promise<unknown> =>
    t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { state: 'invited', invitedAt, sequence: 1 });
      return t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'invitation');
    });

  it('sends one invitation per current member with an address, with German text and an iTIP REQUEST', async () => {
    const result = await invite();
    expect(result).toMatchObject({ queued: 4, alreadyQueued: 0, withoutEmail: [{ personId: f.withoutEmailId, name: 'Ömer Yılmaz' }] });
    expect(await t.worker.drain()).toBe(4);
    const mails = await smtp.waitFor(4);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-MT@example.org', 'muessig-MT@example.org', 'nguyen-MT@example.org', 'petrova-MT@example.org']);
    expect(mails.some((m) => m.envelopeTo.includes('frueher-MT@example.org'))).toBe(false);

    const mail = byRecipient(mails).get('muessig-MT@example.org');
    if (!mail) throw new Error('no mail for Müßig');
    const p = mail.parsed;
    // UTF-8 subject with umlauts and Cyrillic survives the MIME encoding
    expect(p.subject).toMatch(/^Einladung: Beirat MT: Sitzung über Änderungen – Совет am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(p.from?.value[0]).toEqual({ address: 'netzwerk@example.org', name: 'Netzwerk Migration' });
    expect(p.to && !Array.isArray(p.to) ? p.to.value[0] : null).toEqual({ address: 'muessig-MT@example.org', name: 'Jürgen Müßig' });
    expect(p.replyTo?.value[0].address).toBe('petrova-MT@example.org');
    expect(p.headers.get('auto-submitted')).toBe('auto-generated');
    const stored = await t.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { toAddress: 'muessig-MT@example.org', kind: 'invitation' } });
    expect(p.messageId).toBe(stored.messageId);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, deliveredVia: 'smtp', lastError: null });
    expect(stored.deliveryNote).toContain('OK: angenommen');

    const text = p.text ?? '';
    expect(text).toContain('Guten Tag Herr Müßig,');
    expect(text).toContain('Ort: Stadthaus, Demmlersaal, Raum 1.02, Am Packhof 2-6, 19053 Schwerin');
    expect(text).toContain('Barrierefreiheit: Stufenloser Zugang über den Hof');
    expect(text).toContain('TOP 1 Begrüßung und Tagesordnung (Dr. Ольга Петрова)');
    expect(text).toContain('   TOP 2.1 Ehrenamtliche Sprachmittlung');
    expect(text).toContain(`http://netzwerk.example.org/sitzungen/${f.meetingId}`);
    expect(text).toContain('Dr. Ольга Петрова');
    expect(rsvpLink(mail)).toMatch(/^\/antwort\/r1\./);

    const ics = calendarPart(mail);
    expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const { method, event, calendar } = vevent(ics);
    expect(method).toBe('REQUEST');
    expect(prop(event, 'uid')).toBe(f.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(prop(event, 'summary')).toBe('Beirat MT: Sitzung über Änderungen – Совет');
    expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(prop(event, 'organizer')).toMatch(/^mailto:/i);
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:muessig-mt@example.org');
    expect(attendees[0].getParameter('rsvp')).toBe('TRUE');
    expect(attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendees[0].getParameter('cn')).toBe('Jürgen Müßig');
    expect(prop(event, 'description')).toContain('Tagesordnung:');

    // Cyrillic and Arabic recipient names round-trip in the To header
    const arabic = byRecipient(mails).get('haddad-MT@example.org');
    expect(arabic?.parsed.to && !Array.isArray(arabic.parsed.to) ? arabic.parsed.to.value[0].name : null).toBe('ليلى حداد');
    expect(arabic?.parsed.text).toContain('Guten Tag Frau حداد,');
  });

  it('queues an invitation for the same meeting version only once', async () => {
    const again = await invite();
    expect(again).toMatchObject({ queued: 0, alreadyQueued: 4 });
    expect(await t.worker.drain()).toBe(0);
  });

  it('queues nothing when the transaction that caused the mail rolls back', async () => {
    const before = await t.db.dataSource.getRepository(OutboxMail).count();
    await expect(
      t.db.write(async (m) => {
        await m.getRepository(Meeting).update({ id: f.meetingId }, { sequence: 99 });
        await t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'update');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.dataSource.getRepository(OutboxMail).count()).toBe(before);
  });

  it('answers through the RSVP link without logging in', async () => {
    const mail = byRecipient(smtp.received).get('nguyen-MT@example.org');
    if (!mail) throw new Error('no mail for Nguyễn');
    const link = rsvpLink(mail);
    const agent = request.agent(t.http);
    const page = await agent.get(link).expect(200);
    expect(page.text).toContain('Antwort auf die Einladung');
    expect(page.text).toContain('Thị Hương Nguyễn');
    expect(page.text).toContain('Keine Antwort');
    expect(page.headers['cache-control']).toBe('no-store');
    const saved = await agent.post(link).type('form').send({ antwort: 'accepted', _csrf: csrfTokenFrom(page.text) }).expect(303);
    expect(saved.headers.location).toBe(`${link}?gespeichert=1`);
    const after = await agent.get(saved.headers.location).expect(200);
    expect(after.text).toContain('Ihre Antwort „Zugesagt“ ist gespeichert.');
    const row = await t.db.dataSource.getRepository(Attendance).findOneOrFail({ where: { meetingId: f.meetingId, personId: f.members.nguyen } });
    expect(row.response).toBe('accepted');
    // change of mind
    await agent.post(link).type('form').send({ antwort: 'declined', _csrf: csrfTokenFrom(after.text) }).expect(303);
    expect((await t.db.dataSource.getRepository(Attendance).findOneOrFail({ where: { id: row.id } })).response).toBe('declined');
    // a made-up answer is refused with the page again, not a 500
    const bad = await agent.post(link).type('form').send({ antwort: 'maybe-later', _csrf: csrfTokenFrom(after.text) }).expect(422);
    expect(bad.text).toContain('Bitte wählen Sie eine der Antworten.');
    // without the session's CSRF token: refused
    await request(t.http).post(link).type('form').send({ antwort: 'accepted' }).expect(403);
  });

  it('refuses forged, foreign and expired RSVP links with a German page, never a 500', async () => {
    const mail = byRecipient(smtp.received).get('muessig-MT@example.org');
    if (!mail) throw new Error('no mail');
    const link = rsvpLink(mail);
    const otherPerson = link.replace(`.${f.members.muessig}.`, `.${f.members.petrova}.`);
    expect(otherPerson).not.toBe(link);
    for (const bad of [otherPerson, link.slice(0, -2), '/antwort/r1.1.1.1.x', '/antwort/%E2%80%AE', `/antwort/${'a'.repeat(300)}`, '/antwort/..%2F..%2Fetc']) {
      const res = await request(t.http).get(bad);
      expect([bad, res.status]).toEqual([bad, 404]);
      expect(res.text).toContain('Dieser Antwort-Link ist ungültig.');
    }
    const post = await request(t.http).post(otherPerson).type('form').send({ antwort: 'accepted' });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);

    const secret = t.app.get(RsvpSecretService).known();
    if (!secret) throw new Error('no secret');
    const expired = signRsvpToken(secret, { meetingId: f.meetingId, personId: f.members.muessig, expiresAt: new Date(Date.now() - 1000) });
    const res = await request(t.http).get(`/antwort/${expired}`).expect(403);
    expect(res.text).toContain('Dieser Antwort-Link ist abgelaufen.');
    const gone = signRsvpToken(secret, { meetingId: 999_999, personId: f.members.muessig, expiresAt: new Date(Date.now() + 86_400_000) });
    await request(t.http).get(`/antwort/${gone}`).expect(404);
  });

  it('sends a postponement with the same UID and a higher SEQUENCE, then a CANCEL', async () => {
    const before = smtp.received.length;
    const later = new Date(Date.now() + 27 * 86_400_000);
    const postponed = await t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { startsAt: later, endsAt: new Date(later.getTime() + 7_200_000), sequence: 2 });
      return t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'postponement');
    });
    expect(postponed.queued).toBe(4);
    await t.worker.drain();
    const updates = (await smtp.waitFor(before + 4)).slice(before);
    for (const mail of updates) {
      expect(mail.parsed.subject).toMatch(/^Verschoben: Beirat MT: Sitzung über Änderungen – Совет – neu am /);
      const { method, event } = vevent(calendarPart(mail));
      expect(method).toBe('REQUEST');
      expect(prop(event, 'uid')).toBe(f.uid);
      expect(event.getFirstPropertyValue('sequence')).toBe(2);
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(Math.abs(start.toJSDate().getTime() - later.getTime())).toBeLessThan(1000);
    }

    const cancelled = await t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { state: 'cancelled', cancelReason: 'Die Beschlussfähigkeit ist nicht gegeben.', sequence: 3 });
      return t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'cancellation');
    });
    expect(cancelled.queued).toBe(4);
    await t.worker.drain();
    const cancels = (await smtp.waitFor(before + 8)).slice(before + 4);
    expect(cancels.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-MT@example.org', 'muessig-MT@example.org', 'nguyen-MT@example.org', 'petrova-MT@example.org']);
    for (const mail of cancels) {
      expect(mail.parsed.subject).toMatch(/^Abgesagt: /);
      expect(mail.parsed.text).toContain('Grund: Die Beschlussfähigkeit ist nicht gegeben.');
      expect(mail.parsed.text).not.toContain('/antwort/');
      expect(mail.raw).toMatch(/method=CANCEL/i);
      const { method, event } = vevent(calendarPart(mail));
      expect(method).toBe('CANCEL');
      expect(prop(event, 'uid')).toBe(f.uid);
      expect(event.getFirstPropertyValue('sequence')).toBe(3);
      expect(prop(event, 'status')).toBe('CANCELLED');
    }
    // REQUEST → update → CANCEL: one UID, rising SEQUENCE, for every recipient
    const forMuessig = smtp.received.filter((m) => m.envelopeTo.includes('muessig-MT@example.org')).map((m) => vevent(calendarPart(m)));
    expect(forMuessig.map((c) => [c.method, prop(c.event, 'uid'), c.event.getFirstPropertyValue('sequence')])).toEqual([
      ['REQUEST', f.uid, 1],
      ['REQUEST', f.uid, 2],
      ['CANCEL', f.uid, 3],
    ]);

    // the RSVP page now says the meeting is cancelled and offers no answer
    const link = rsvpLink(updates[0]);
    const page = await request(t.http).get(link).expect(200);
    expect(page.text).toContain('Diese Sitzung ist abgesagt');
    expect(page.text).not.toContain('name="antwort"');
  });

  it('sends nothing for updates of a meeting nobody was invited to', async () => {
    const other = await createMeetingFixture(t.db, { code: 'NI' });
    const result = await t.db.write((m) => t.app.get(MailService).queueMeetingMails(m, other.meetingId, 'update'));
    expect(result.queued).toBe(0);
  });
});

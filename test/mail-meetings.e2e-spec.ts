import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Location } from '../src/meetings/location.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { loggedInAgent, postForm } from './helpers/auth.js';
import { calendarPart, createMeetingFixture, mailSuite, type MeetingFixture, type RunningApp, type TestSmtpServer } from './helpers/mail.js';

function itip(ics: string): [string, string, number, string] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as never);
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return [String(calendar.getFirstPropertyValue('method')), String(event.getFirstPropertyValue('uid')), Number(event.getFirstPropertyValue('sequence')), String(event.getFirstPropertyValue('status'))];
}

describe('mail from the meeting pages: inviting, postponing and cancelling send mail in the same transaction', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;
  let f: MeetingFixture;

  beforeAll(async () => {
    ({ t, smtp } = suite);
    f = await createMeetingFixture(t.db, { code: 'UI' });
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
    const postponed = await postForm(chair, `/sitzungen/${f.meetingId}/verschieben`, { date: newStart.toISODate() ?? '', startTime: '17:30', endTime: '19:00', trotzdem: 'on', bestaetigt: 'on' });
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
    // the cancellation names the meeting: title, body, and its date and time in Berlin
    const oldWhen = DateTime.fromJSDate(meeting.startsAt).setZone('Europe/Berlin').setLocale('de');
    expect(forNguyen[3].parsed.text).toContain('„Sitzung über Änderungen – Совет“');
    expect(forNguyen[3].parsed.text).toContain('Gremium: Beirat für Integration UI');
    expect(forNguyen[3].parsed.text).toContain(`Wann: ${oldWhen.toFormat('cccc, d. MMMM yyyy, HH:mm')} bis`);

    const page = await chair.get(`/sitzungen/${f.meetingId}/versand`).expect(200);
    expect(page.text).toContain('Thị Hương Nguyễn');
    expect(page.text).toContain('Absage');
    expect(page.text).not.toContain('Fehlgeschlagen</strong>');
    expect(page.text).toContain('Ohne E-Mail-Adresse');
    expect(page.text).toContain(`<a href="/personen/${f.withoutEmailId}">Ömer Yılmaz</a>`);
  });
});

describe('material changes after the invitation mail the invitees (iTIP REQUEST with the new SEQUENCE)', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;

  beforeAll(() => {
    ({ t, smtp } = suite);
  });

  /** Mails the worker delivered since `from`, for one address. */
  async function deliveredTo(address: string, from: number): Promise<typeof smtp.received> {
    await t.worker.drain();
    return smtp.received.slice(from).filter((m) => m.envelopeTo.includes(address));
  }

  type Agent = Awaited<ReturnType<typeof loggedInAgent>>;

  async function invite(f: MeetingFixture, chair: Agent): Promise<void> {
    expect((await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' })).status).toBe(303);
    const queued = await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: f.meetingId } });
    expect(queued).toBe(4);
    await t.worker.drain();
  }

  it('changing the place of an invited meeting sends every invitee one update', async () => {
    const f = await createMeetingFixture(t.db, { code: 'LOC' });
    const other = await createMeetingFixture(t.db, { code: 'LOC2' });
    const chair = await loggedInAgent(t, { email: 'vorsitz-loc@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    await invite(f, chair);
    const meeting = await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } });
    // the other body's meeting (never invited) is moved to the same place: it must stay silent
    await t.db.write((m) => m.getRepository(Meeting).update({ id: other.meetingId }, { locationId: meeting.locationId }));
    const before = smtp.received.length;
    const locationId = meeting.locationId ?? 0;
    const location = await t.db.dataSource.getRepository(Location).findOneOrFail({ where: { id: locationId } });
    const saved = await postForm(chair, `/orte/${locationId}/bearbeiten`, {
      name: location.name,
      room: '2.07',
      street: location.street ?? '',
      postalCode: location.postalCode ?? '',
      locality: location.locality ?? '',
      accessibilityNotes: location.accessibilityNotes ?? '',
      onlineLink: '',
    });
    expect(saved.status).toBe(303);
    const after = await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } });
    expect(after.sequence).toBe(meeting.sequence + 1);
    const updates = await t.db.dataSource.getRepository(OutboxMail).find({ where: { meetingId: f.meetingId, kind: 'update' } });
    expect(updates).toHaveLength(4);
    expect(await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: other.meetingId } })).toBe(0);
    const forNguyen = await deliveredTo('nguyen-LOC@example.org', before);
    expect(forNguyen).toHaveLength(1);
    expect(itip(calendarPart(forNguyen[0]))).toEqual(['REQUEST', f.uid, meeting.sequence + 1, 'CONFIRMED']);
    expect(forNguyen[0].parsed.subject).toMatch(/^Geänderte Einladung: /);
    expect(forNguyen[0].parsed.text).toContain('Raum 2.07');
  });

  it('an agenda change after the invitation mails the invitees when the chair leaves the box ticked, and not when unticked', async () => {
    const f = await createMeetingFixture(t.db, { code: 'TOP' });
    const agendaPath = `/sitzungen/${f.meetingId}/tagesordnung`;
    const chair = await loggedInAgent(t, { email: 'vorsitz-top@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    // before the invitation: no box, and reordering sends nothing
    expect((await chair.get(agendaPath).expect(200)).text).not.toContain('Eingeladene über die Änderung benachrichtigen');
    const items = await t.db.dataSource.getRepository(AgendaItem).find({ where: { meetingId: f.meetingId }, order: { position: 'ASC' } });
    expect((await postForm(chair, `${agendaPath}/${items[1].id}/hoch`, { notify: 'on' })).status).toBe(303);
    expect(await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: f.meetingId } })).toBe(0);
    expect((await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } })).sequence).toBe(0);

    await invite(f, chair);
    const invited = await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } });
    // once invited the box is there, ticked, on the add form, the edit form and the list
    const page = await chair.get(agendaPath).expect(200);
    expect(page.text.match(/Eingeladene über die Änderung benachrichtigen/g)).toHaveLength(2);
    expect(page.text).toMatch(/name="notify" type="checkbox" value="on" checked/);
    expect((await chair.get(`${agendaPath}/${items[0].id}/bearbeiten`).expect(200)).text).toMatch(/name="notify" type="checkbox" value="on" checked/);

    let before = smtp.received.length;
    const added = await postForm(chair, agendaPath, { title: 'Wahl der Vertretung – انتخاب', level: '0', presenter: '', plannedMinutes: '', isPublic: 'on', description: '', notify: 'on' });
    expect(added.status).toBe(303);
    const afterAdd = await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } });
    expect(afterAdd.sequence).toBe(invited.sequence + 1);
    let forNguyen = await deliveredTo('nguyen-TOP@example.org', before);
    expect(forNguyen).toHaveLength(1);
    expect(itip(calendarPart(forNguyen[0]))).toEqual(['REQUEST', f.uid, afterAdd.sequence, 'CONFIRMED']);
    expect(forNguyen[0].parsed.text).toContain('TOP 3 Wahl der Vertretung – انتخاب');
    expect(await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: f.meetingId, kind: 'update' } })).toBe(4);

    // unticked (the browser sends no field): saved, nobody is mailed
    before = smtp.received.length;
    const edited = await postForm(chair, `${agendaPath}/${items[0].id}`, { title: 'Begrüßung', level: '0', presenter: '', plannedMinutes: '', isPublic: 'on', description: '' });
    expect(edited.status).toBe(303);
    expect(await deliveredTo('nguyen-TOP@example.org', before)).toHaveLength(0);
    expect((await t.db.dataSource.getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId } })).sequence).toBe(afterAdd.sequence);

    // reordering with the box ticked mails the new order
    before = smtp.received.length;
    expect((await postForm(chair, `${agendaPath}/${items[0].id}/runter`, { notify: 'on' })).status).toBe(303);
    forNguyen = await deliveredTo('nguyen-TOP@example.org', before);
    expect(forNguyen).toHaveLength(1);
    expect(itip(calendarPart(forNguyen[0]))[2]).toBe(afterAdd.sequence + 1);
  });
});

import { Attendance } from '../src/meetings/attendance.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { RemindersService } from '../src/mail/reminders.service.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { createMeetingFixture, mailConfig, type MeetingFixture, startApp, type RunningApp } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('"Wer kommt?": counts per answer, voting members separately, and the reminder to everyone without an answer', () => {
  let database: TestDatabase;
  let t: RunningApp;
  let f: MeetingFixture;
  let chair: Agent;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false }) });
    f = await createMeetingFixture(t.db, { code: 'WK' });
    chair = await loggedInAgent(t, { email: 'vorsitz-wk@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    expect((await postForm(chair, `/sitzungen/${f.meetingId}/einladen`, { trotzdem: 'on' })).status).toBe(303);
    await t.db.write(async (m) => {
      // Haddad is a deputy member: no voting right
      await m.getRepository(Membership).update({ bodyId: f.bodyId, personId: f.members.haddad }, { votingRight: false });
      await m.getRepository(Attendance).update({ meetingId: f.meetingId, personId: f.members.muessig }, { response: 'accepted', respondedAt: new Date() });
      await m.getRepository(Attendance).update({ meetingId: f.meetingId, personId: f.members.haddad }, { response: 'tentative', respondedAt: new Date() });
    });
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const reminders = () => t.db.dataSource.getRepository(OutboxMail).find({ where: { meetingId: f.meetingId, kind: 'reminder' } });

  it('shows the counts per answer with the voting members and the quorum forecast beside them', async () => {
    const page = await chair.get(`/sitzungen/${f.meetingId}`).expect(200);
    const text = visibleText(page.text);
    // current members: Petrova (chair), Müßig (zugesagt), Nguyễn, Haddad (vielleicht, not voting), Yılmaz (no address)
    expect(text).toContain('Zugesagt 1 1');
    expect(text).toContain('Vielleicht 1 0');
    expect(text).toContain('Abgesagt 0 0');
    expect(text).toContain('Keine Antwort 3 3');
    expect(text).toContain('1 von 4 stimmberechtigten Mitgliedern erwartet, nötig sind 3');
    expect(page.text).toContain(`action="/sitzungen/${f.meetingId}/erinnern"`);
  });

  it('queues the existing reminder mail to every current member without an answer, once per Berlin day', async () => {
    const first = await postForm(chair, `/sitzungen/${f.meetingId}/erinnern`);
    expect(first.status).toBe(303);
    const result = visibleText((await chair.get(first.headers.location).expect(200)).text);
    // Petrova and Nguyễn by mail; Yılmaz has no address
    expect(result).toContain('Erinnerung an 2 Mitglieder vorgemerkt; 1 ohne E-Mail-Adresse (bitte anders erinnern).');
    const queued = await reminders();
    expect(queued.map((m) => m.personId).sort()).toEqual([f.chairId, f.members.nguyen].sort());
    expect(queued[0].subject).toMatch(/^Erinnerung: .* – bitte zu- oder absagen$/);
    expect(queued[0].textBody).toContain('/antwort/');

    // Nguyễn answers, and the chair clicks again the same day: Petrova had hers today
    await t.db.write((m) => m.getRepository(Attendance).update({ meetingId: f.meetingId, personId: f.members.nguyen }, { response: 'declined', respondedAt: new Date() }));
    const second = await postForm(chair, `/sitzungen/${f.meetingId}/erinnern`);
    const again = visibleText((await chair.get(second.headers.location).expect(200)).text);
    expect(again).toContain('Erinnerung an 0 Mitglieder vorgemerkt; 1 hatte heute schon eine; 1 ohne E-Mail-Adresse (bitte anders erinnern).');
    expect(await reminders()).toHaveLength(2);

    // the next Berlin day they may be reminded again
    const admin = { kind: 'member' as const, accountId: 0, personId: null, isAdmin: true };
    const tomorrow = await t.app.get(RemindersService).remindUnanswered(admin, f.meetingId, new Date(Date.now() + 86_400_000));
    expect(tomorrow).toEqual({ queued: 1, alreadyToday: 0, withoutEmail: 1 });
    expect(await reminders()).toHaveLength(3);
  });

  it('offers no reminder before the invitation went out, and refuses one (the mail speaks of the invitation)', async () => {
    const fresh = await createMeetingFixture(t.db, { code: 'WY' });
    const ownChair = await loggedInAgent(t, { email: 'vorsitz-wy@example.org', password: 'Vorsitz-Passwort-2026', personId: fresh.chairId });
    const page = (await ownChair.get(`/sitzungen/${fresh.meetingId}`).expect(200)).text;
    expect(page).not.toContain(`action="/sitzungen/${fresh.meetingId}/erinnern"`);
    const refused = await postForm(ownChair, `/sitzungen/${fresh.meetingId}/erinnern`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('erinnern lässt sich erst nach der Einladung');
    expect(await t.db.dataSource.getRepository(OutboxMail).countBy({ meetingId: fresh.meetingId, kind: 'reminder' })).toBe(0);
  });

  it('refuses other bodies\' chairs', async () => {
    const other = await createMeetingFixture(t.db, { code: 'WX' });
    expect((await postForm(chair, `/sitzungen/${other.meetingId}/erinnern`)).status).toBe(403);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MailService } from '../src/mail/mail.service.js';
import { SCRUBBED_BODY } from '../src/mail/mail-texts.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { RemindersService } from '../src/mail/reminders.service.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { memberViewer } from '../src/auth/viewer.js';
import { ERASED_ADDRESS } from '../src/mail/mail.service.js';
import { OutboxService } from '../src/mail/outbox.service.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { createAccount, csrfTokenFrom, loggedInAgent, postForm } from './helpers/auth.js';
import { createMeetingFixture, mailConfig, startApp, type RunningApp } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

const DAY = 86_400_000;

describe('mail without an SMTP server: the outbox folder and its page', () => {
  let database: TestDatabase;
  let t: RunningApp;
  let outboxDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false }) });
    outboxDir = join(dirname(database.databasePath), 'outbox');
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('mails the set-password link of a new account as an .eml file and lists it for administrators', async () => {
    const admin = await loggedInAgent(t, { email: 'admin-ob@example.org', password: 'Admin-Passwort-2026', isAdmin: true });
    const created = await postForm(admin, '/admin/konten', { email: 'Neue.Person@Example.org', personId: '', isAdmin: '' });
    expect(created.status).toBe(201);
    const shownLink = /value="(http[^"]+\/konto\/passwort-setzen\/[^"]+)"/.exec(created.text)?.[1];
    expect(shownLink).toBeDefined();

    const row = await t.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { kind: 'set_password' } });
    expect(row).toMatchObject({ toAddress: 'neue.person@example.org', status: 'queued', scrubAfterSend: true });
    expect(row.textBody).toContain(shownLink);

    expect(await t.worker.drain()).toBe(1);
    const sent = await t.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { id: row.id } });
    expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'file', textBody: SCRUBBED_BODY });
    const files = readdirSync(outboxDir);
    expect(files).toEqual([sent.deliveryNote]);
    expect(files[0]).toMatch(/^\d{8}T\d{6}Z-\d{6}-passwort-link\.eml$/);
    const parsed = await simpleParser(readFileSync(join(outboxDir, files[0])));
    expect(parsed.subject).toBe('Ihr Zugang zu Netzwerk Migration');
    expect(parsed.messageId).toBe(row.messageId);
    expect(parsed.text).toContain(shownLink);
    expect(parsed.text).toContain('nur für eine einzige Verwendung');

    // the mailed link works
    const path = new URL(shownLink ?? '').pathname;
    await request(t.http).get(path).expect(200);

    const page = await admin.get('/admin/postausgang').expect(200);
    expect(page.text).toContain('Es ist kein Mailserver eingerichtet');
    expect(page.text).toContain('neue.person@example.org');
    expect(page.text).toContain('Link zum Passwortsetzen');
    expect(page.text).toContain('Versendet');
    const eml = await admin.get(`/admin/postausgang/${row.id}/eml`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(eml.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(eml.headers['content-disposition']).toContain(files[0]);
    expect(Buffer.isBuffer(eml.body) ? eml.body.toString('utf8') : '').toContain('Subject: Ihr Zugang zu Netzwerk Migration');

    // sending again (e.g. after a crash before 'sent' was stored) rewrites the same file, never a second copy
    await t.db.write((m) => m.getRepository(OutboxMail).update({ id: row.id }, { status: 'queued', nextAttemptAt: new Date() }));
    await t.worker.drain();
    expect(readdirSync(outboxDir)).toEqual(files);
  });

  it('keeps the outbox pages to those allowed, and survives bad parameters', async () => {
    await request(t.http).get('/admin/postausgang').expect(302);
    const member = await loggedInAgent(t, { email: 'mitglied-ob@example.org', password: 'Mitglied-Passwort-2026' });
    await member.get('/admin/postausgang').expect(403);
    await member.get('/admin/postausgang/1/eml').expect(403);
    const admin = await loggedInAgent(t, { email: 'admin2-ob@example.org', password: 'Admin-Passwort-2026', isAdmin: true });
    for (const qs of ['?status=bogus', '?page=-1', '?page=abc&status[]=x', '?status=failed&page=99999']) {
      await admin.get(`/admin/postausgang${qs}`).expect(200);
    }
    await admin.get('/admin/postausgang/abc/eml').expect(404);
    await admin.get('/admin/postausgang/999999/eml').expect(404);
    const queued = await t.db.write(async (m) => {
      await t.app.get(MailService).queue(m, { kind: 'reminder', to: { address: 'x@example.org' }, subject: 'noch nicht versendet', text: 't' });
      return m.getRepository(OutboxMail).findOneOrFail({ where: { subject: 'noch nicht versendet' } });
    });
    await admin.get(`/admin/postausgang/${queued.id}/eml`).expect(404);
  });
});

describe('mail and GDPR erasure', () => {
  let database: TestDatabase;
  let t: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false }) });
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('removes the address, name and texts of an erased person from the outbox and never sends what is still queued', async () => {
    const f = await createMeetingFixture(t.db, { code: 'ER' });
    await t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { state: 'invited', invitedAt: new Date(), sequence: 1 });
      await t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'invitation');
    });
    await t.worker.drain();
    await t.db.write((m) =>
      t.app.get(MailService).queue(m, { kind: 'reminder', to: { address: 'muessig-ER@example.org', name: 'Jürgen Müßig' }, subject: 'Erinnerung an Herrn Müßig', text: 'Guten Tag Herr Müßig', personId: f.members.muessig }),
    );
    const admin = await createAccount(t, { email: 'admin-er@example.org', password: 'Admin-Passwort-2026', isAdmin: true });
    await t.app.get(PrivacyService).erase(memberViewer(admin.id, null, true), f.members.muessig);

    const rows = await t.db.dataSource.getRepository(OutboxMail).find({ where: { personId: f.members.muessig }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.kind, r.status, r.toAddress, r.toName, r.calendarContent])).toEqual([
      ['invitation', 'sent', ERASED_ADDRESS, null, null],
      ['reminder', 'failed', ERASED_ADDRESS, null, null],
    ]);
    expect(rows.every((r) => !r.textBody.includes('Müßig') && !r.subject.includes('Müßig'))).toBe(true);
    expect(rows[1].lastError).toContain('gelöscht');
    expect(await t.worker.drain()).toBe(0);
    await expect(t.app.get(OutboxService).retry(memberViewer(admin.id, null, true), rows[1].id)).rejects.toThrow();
    // the other members' mails are untouched
    const others = await t.db.dataSource.getRepository(OutboxMail).count({ where: { meetingId: f.meetingId, status: 'sent' } });
    expect(others).toBe(4);
  });
});

describe('reminders', () => {
  let database: TestDatabase;
  let t: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startApp(database, { mail: mailConfig({ worker: false, reminderDaysBefore: 3, actionItemReminderDays: 3 }) });
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const invite = (meetingId: number): Promise<unknown> =>
    t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: meetingId }, { state: 'invited', sequence: 1 });
      return t.app.get(MailService).queueMeetingMails(m, meetingId, 'invitation');
    });

  it('reminds invited members who have not answered, once, N days before the meeting', async () => {
    const soon = await createMeetingFixture(t.db, { code: 'RS', startsAt: new Date(Date.now() + 2 * DAY) });
    const later = await createMeetingFixture(t.db, { code: 'RL', startsAt: new Date(Date.now() + 20 * DAY) });
    await invite(soon.meetingId);
    await invite(later.meetingId);
    await t.db.write((m) => m.getRepository(Attendance).insert({ meetingId: soon.meetingId, personId: soon.members.nguyen, response: 'tentative', respondedAt: new Date() }));

    const run = await t.app.get(RemindersService).runOnce();
    expect(run.meetingReminders).toBe(3);
    const reminders = await t.db.dataSource.getRepository(OutboxMail).find({ where: { kind: 'reminder' }, order: { toAddress: 'ASC' } });
    expect(reminders.map((r) => r.toAddress)).toEqual(['haddad-RS@example.org', 'muessig-RS@example.org', 'petrova-RS@example.org']);
    expect(reminders[1].subject).toMatch(/^Erinnerung: Beirat RS: Sitzung über Änderungen – Совет am .* – bitte zu- oder absagen$/);
    expect(reminders[1].textBody).toContain('noch nicht geantwortet');
    expect(reminders[1].textBody).toMatch(/\/antwort\/r1\./);
    expect(reminders[1].calendarContent).toBeNull();

    // a second run (or a second instance) queues nothing new
    expect((await t.app.get(RemindersService).runOnce()).meetingReminders).toBe(0);

    // the body's own setting wins: 0 = no reminders
    const none = await createMeetingFixture(t.db, { code: 'RN', startsAt: new Date(Date.now() + 2 * DAY) });
    await invite(none.meetingId);
    const chair = await loggedInAgent(t, { email: 'vorsitz-rn@example.org', password: 'Vorsitz-Passwort-2026', personId: none.chairId });
    const form = await chair.get(`/gremien/${none.bodyId}/erinnerungen`).expect(200);
    expect(form.text).toContain('Voreinstellung für alle Gremien: 3 Tage vor der Sitzung.');
    const bad = await chair.post(`/gremien/${none.bodyId}/erinnerungen`).type('form').send({ reminderDaysBefore: '61', _csrf: csrfTokenFrom(form.text) }).expect(422);
    expect(bad.text).toContain('Bitte eine ganze Zahl von 0 bis 60 eingeben');
    expect(bad.text).toContain('aria-invalid="true"');
    await chair.post(`/gremien/${none.bodyId}/erinnerungen`).type('form').send({ reminderDaysBefore: 'drei', _csrf: csrfTokenFrom(form.text) }).expect(422);
    await chair.post(`/gremien/${none.bodyId}/erinnerungen`).type('form').send({ reminderDaysBefore: '0', _csrf: csrfTokenFrom(form.text) }).expect(303);
    expect((await t.app.get(RemindersService).runOnce()).meetingReminders).toBe(0);
    // …and a longer lead reaches the meeting in 20 days
    const laterChair = await loggedInAgent(t, { email: 'vorsitz-rl@example.org', password: 'Vorsitz-Passwort-2026', personId: later.chairId });
    const laterForm = await laterChair.get(`/gremien/${later.bodyId}/erinnerungen`).expect(200);
    await laterChair.post(`/gremien/${later.bodyId}/erinnerungen`).type('form').send({ reminderDaysBefore: '21', _csrf: csrfTokenFrom(laterForm.text) }).expect(303);
    expect((await t.app.get(RemindersService).runOnce()).meetingReminders).toBe(4);

    // other members may not change a body's setting
    const member = await loggedInAgent(t, { email: 'mitglied-rn@example.org', password: 'Mitglied-Passwort-2026', personId: none.members.muessig });
    await member.get(`/gremien/${none.bodyId}/erinnerungen`).expect(403);
    await member.get('/gremien/999999/erinnerungen').expect(404);
  });

  it('reminds the person responsible for an open action item before it is due', async () => {
    const f = await createMeetingFixture(t.db, { code: 'AI', startsAt: new Date(Date.now() - 10 * DAY) });
    const due = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const farAway = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    await t.db.write(async (m) => {
      await m.getRepository(Minutes).insert({ meetingId: f.meetingId, status: 'circulated', circulatedAt: new Date() });
      const base = { meetingId: f.meetingId, bodyId: f.bodyId, status: 'open' as const };
      await m.getRepository(ActionItem).insert([
        { ...base, what: 'Übersetzung ins Українська organisieren\nmit Details', responsiblePersonId: f.members.muessig, dueDate: due },
        { ...base, what: 'Erledigt', responsiblePersonId: f.members.nguyen, dueDate: due, status: 'done' },
        { ...base, what: 'Später', responsiblePersonId: f.members.haddad, dueDate: farAway },
        { ...base, what: 'Ohne Adresse', responsiblePersonId: f.withoutEmailId, dueDate: due },
      ]);
    });
    // draft minutes: nobody but the editors knows the item yet
    const draft = await createMeetingFixture(t.db, { code: 'AD', startsAt: new Date(Date.now() - 10 * DAY) });
    await t.db.write(async (m) => {
      await m.getRepository(Minutes).insert({ meetingId: draft.meetingId, status: 'draft' });
      await m.getRepository(ActionItem).insert({ meetingId: draft.meetingId, bodyId: draft.bodyId, status: 'open', what: 'Entwurf', responsiblePersonId: draft.members.muessig, dueDate: due });
    });

    const run = await t.app.get(RemindersService).runOnce();
    expect(run.actionItemReminders).toBe(1);
    const mail = await t.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { kind: 'action_item_reminder' } });
    expect(mail.toAddress).toBe('muessig-AI@example.org');
    expect(mail.subject).toMatch(/^Erinnerung: Aufgabe fällig am \d{1,2}\. [A-Za-zä]+ \d{4} – Übersetzung ins Українська organisieren$/);
    expect(mail.textBody).toContain('Übersetzung ins Українська organisieren\nmit Details');
    expect(mail.textBody).toContain('/aufgaben');
    expect((await t.app.get(RemindersService).runOnce()).actionItemReminders).toBe(0);
    expect(existsSync(join(dirname(database.databasePath), 'outbox'))).toBe(false); // nothing sent: the worker is off
  });
});

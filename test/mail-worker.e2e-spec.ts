import request from 'supertest';
import { MailService } from '../src/mail/mail.service.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { loggedInAgent } from './helpers/auth.js';
import { createMeetingFixture, mailConfig, mailSuite, startApp, type RunningApp, TestSmtpServer } from './helpers/mail.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function queueSimple(app: RunningApp, n: number, prefix: string): Promise<void> {
  await app.db.write(async (m) => {
    for (let i = 0; i < n; i++) {
      await app.app.get(MailService).queue(m, { kind: 'reminder', to: { address: `${prefix}-${i}@example.org`, name: `Empfänger ${i}` }, subject: `Test ${prefix} ${i} – Ärger, Проверка`, text: `Nachricht ${i}` });
    }
  });
}

async function outbox(app: RunningApp): Promise<OutboxMail[]> {
  return app.db.dataSource.getRepository(OutboxMail).find({ order: { id: 'ASC' } });
}

function countByMessageId(server: TestSmtpServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of server.received) counts.set(m.parsed.messageId ?? '', (counts.get(m.parsed.messageId ?? '') ?? 0) + 1);
  return counts;
}

describe('mail worker: crashes, two instances, exactly once', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  const running: RunningApp[] = [];

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    database = await createTestDatabase();
  });

  afterEach(async () => {
    for (const app of running.splice(0)) await app.close();
    await smtp.close();
    await database.drop();
  });

  async function start(overrides: Parameters<typeof mailConfig>[0]): Promise<RunningApp> {
    const app = await startApp(database, { mail: mailConfig(overrides, smtp) });
    running.push(app);
    return app;
  }

  async function stop(app: RunningApp): Promise<void> {
    running.splice(running.indexOf(app), 1);
    await app.close();
  }

  it('sends a mail queued by an instance that stopped before sending exactly once, from a new instance', async () => {
    const first = await start({ worker: false });
    const f = await createMeetingFixture(first.db);
    await first.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { state: 'invited', sequence: 1 });
      await first.app.get(MailService).queueMeetingMails(m, f.meetingId, 'invitation');
    });
    await stop(first); // "killed" between queueing and sending
    expect(smtp.received).toHaveLength(0);

    const second = await start({ worker: true, pollSeconds: 0.1 });
    await smtp.waitFor(4);
    await sleep(800);
    const rows = await outbox(second);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const counts = countByMessageId(smtp);
    expect([...counts.keys()].sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect([...counts.values()]).toEqual([1, 1, 1, 1]);
  });

  it('takes over a mail claimed by a worker that died, but only after its lease', async () => {
    const first = await start({ worker: false });
    await queueSimple(first, 1, 'lease');
    const claimed = await first.worker.claimNext();
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
    const claimedAt = claimed?.claimedAt?.getTime() ?? 0;
    await stop(first); // died holding the claim, before the SMTP conversation

    const second = await start({ worker: false, leaseSeconds: 3 });
    expect(await second.worker.runOnce()).toBeNull(); // the lease still holds
    expect(smtp.received).toHaveLength(0);
    second.worker.start();
    await smtp.waitFor(1, 10_000);
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(3000);
    await sleep(500);
    expect(smtp.received).toHaveLength(1);
    const [row] = await outbox(second);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, claimToken: null });
    expect(smtp.received[0].parsed.messageId).toBe(row.messageId);
  });

  it('gives a mail to exactly one of several claims made at the same moment', async () => {
    const a = await start({ worker: false });
    await queueSimple(a, 5, 'race');
    for (let round = 0; round < 5; round++) {
      // all four read the same candidates first, then race for them: only conditional UPDATEs can keep them apart
      const claims = await Promise.all([a.worker.claimNext(), a.worker.claimNext(), a.worker.claimNext(), a.worker.claimNext()]);
      const ids = claims.filter((c) => c !== null).map((c) => c?.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const rows = await outbox(a);
    expect(rows.every((r) => r.status === 'sending' && r.attempts === 1)).toBe(true);
    expect(await a.worker.claimNext()).toBeNull();
  });

  it('lets only one of two instances on one database claim a mail, and the late one cannot record a result', async () => {
    // Two app instances (own connections, own write locks) on the same SQLite file, as two processes would be.
    const a = await start({ worker: false, leaseSeconds: 60 });
    const b = await start({ worker: false, leaseSeconds: 60 });
    await queueSimple(a, 1, 'two');
    const [row] = await outbox(a);
    const byA = await a.worker.tryClaim(row.id);
    expect(byA).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await b.worker.tryClaim(row.id)).toBeNull(); // A holds the lease
    expect(await b.worker.claimNext()).toBeNull();

    // A hangs; after the lease B takes over and sends
    const afterLease = new Date(Date.now() + 61_000);
    const byB = await b.worker.tryClaim(row.id, afterLease);
    expect(byB).toMatchObject({ status: 'sending', attempts: 2 });
    expect(await a.worker.tryClaim(row.id, afterLease)).toBeNull();
    if (!byA || !byB) throw new Error('claims missing');
    expect(await b.worker.deliver(byB)).toBe('sent');
    // A wakes up and sends too (the remaining at-least-once window) — but it can no longer change the record
    expect(await a.worker.deliver(byA)).toBe('lost-claim');
    const [after] = await outbox(b);
    expect(after).toMatchObject({ status: 'sent', attempts: 2, claimToken: null });
    // both copies carry the Message-ID fixed at queue time, so receivers can tell they are one message
    expect(smtp.received.map((m) => m.parsed.messageId)).toEqual([row.messageId, row.messageId]);
  });

  it('finishes the mail in flight on shutdown and takes no new one', async () => {
    const app = await start({ worker: true, pollSeconds: 0.05 });
    smtp.delayMs = 1500;
    await queueSimple(app, 2, 'shutdown');
    const deadline = Date.now() + 5000;
    while (smtp.started < 1 && Date.now() < deadline) await sleep(20);
    expect(smtp.started).toBe(1);
    await stop(app);
    expect(smtp.received).toHaveLength(1);

    const reader = await start({ worker: false });
    const rows = await outbox(reader);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'queued']);
    expect(rows[1].attempts).toBe(0);
  });
});

describe('mail worker: a failing SMTP server', () => {
  const suite = mailSuite({ worker: false, maxAttempts: 3, retrySeconds: 60 });
  let t: RunningApp;
  let smtp: TestSmtpServer;

  beforeAll(() => {
    ({ t, smtp } = suite);
  });

  it('retries with exponential backoff, gives up after the last attempt and shows the reason to the chair and the administrator', async () => {
    const f = await createMeetingFixture(t.db, { code: 'FX' });
    smtp.failAlways = { code: 451, message: '4.3.0 Bitte später erneut versuchen' };
    await t.db.write(async (m) => {
      await m.getRepository(Meeting).update({ id: f.meetingId }, { state: 'invited', sequence: 1 });
      await t.app.get(MailService).queueMeetingMails(m, f.meetingId, 'invitation');
    });
    const repo = t.db.dataSource.getRepository(OutboxMail);
    const id = (await repo.findOneOrFail({ where: { toAddress: 'muessig-FX@example.org' } })).id;

    const t1 = Date.now();
    while ((await t.worker.runOnce()) !== null);
    let row = await repo.findOneOrFail({ where: { id } });
    expect(row).toMatchObject({ status: 'queued', attempts: 1, claimToken: null });
    expect(row.lastError).toContain('451 4.3.0 Bitte später erneut versuchen');
    const delay1 = row.nextAttemptAt.getTime() - t1;
    expect(delay1).toBeGreaterThanOrEqual(59_000);
    expect(delay1).toBeLessThan(62_000);
    expect(await t.worker.runOnce()).toBeNull(); // nothing due yet

    const t2 = Date.now();
    let outcome;
    while ((outcome = await t.worker.runOnce(new Date(row.nextAttemptAt.getTime() + 1000))) !== null) expect(outcome).toBe('retry');
    row = await repo.findOneOrFail({ where: { id } });
    expect(row.attempts).toBe(2);
    const delay2 = row.nextAttemptAt.getTime() - t2;
    expect(delay2).toBeGreaterThanOrEqual(119_000); // doubled
    expect(delay2).toBeLessThan(125_000);

    while ((outcome = await t.worker.runOnce(new Date(row.nextAttemptAt.getTime() + 1000))) !== null) expect(outcome).toBe('failed');
    row = await repo.findOneOrFail({ where: { id } });
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(smtp.received).toHaveLength(0);

    // the chair sees every recipient's status with the reason
    const chair = await loggedInAgent(t, { email: 'vorsitz-fx@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    const page = await chair.get(`/sitzungen/${f.meetingId}/versand`).expect(200);
    expect(page.text).toContain('Mailversand: Sitzung über Änderungen – Совет');
    expect(page.text).toContain('Fehlgeschlagen');
    expect(page.text).toContain('Nach 3 Versuchen aufgegeben. Grund: Der Mailserver hat die Nachricht vorübergehend abgewiesen: 451 4.3.0 Bitte später erneut versuchen');
    expect(page.text).toContain('Jürgen Müßig');
    expect(page.text).not.toContain('muessig-FX@example.org'); // names for the chair, addresses only for administrators

    // …and so does the administrator
    const admin = await loggedInAgent(t, { email: 'admin-fx@example.org', password: 'Admin-Passwort-2026', isAdmin: true });
    const outboxPage = await admin.get('/admin/postausgang?status=failed').expect(200);
    expect(outboxPage.text).toContain('muessig-FX@example.org');
    expect(outboxPage.text).toContain('451 4.3.0 Bitte später erneut versuchen');

    // the chair sends it again once the server is back
    smtp.failAlways = null;
    const retry = await chair.post(`/sitzungen/${f.meetingId}/versand/${id}/erneut`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '' });
    expect(retry.status).toBe(303);
    expect(await t.worker.runOnce()).toBe('sent');
    expect(await repo.findOneOrFail({ where: { id } })).toMatchObject({ status: 'sent', attempts: 1 });
    await smtp.waitFor(1);
    expect(smtp.received[0].envelopeTo).toEqual(['muessig-FX@example.org']);
  });

  it('gives up at once when the server refuses for good (5xx)', async () => {
    smtp.failAlways = { code: 550, message: '5.1.1 Postfach unbekannt' };
    await t.db.write((m) => t.app.get(MailService).queue(m, { kind: 'reminder', to: { address: 'unbekannt@example.org' }, subject: 'x', text: 'y' }));
    expect(await t.worker.runOnce()).toBe('failed');
    const row = await t.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { toAddress: 'unbekannt@example.org' } });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toBe('Der Mailserver hat die Nachricht abgelehnt: 550 5.1.1 Postfach unbekannt');
    smtp.failAlways = null;
  });

  it('keeps a failed SMTP login as a temporary error without revealing the credentials', async () => {
    const guarded = await TestSmtpServer.start({ auth: { user: 'netzwerk', pass: 'richtiges-Passwort' } });
    const db = await createTestDatabase();
    const base = mailConfig({ worker: false }, guarded);
    const app = await startApp(db, { mail: { ...base, smtp: base.smtp && { ...base.smtp, user: 'netzwerk', password: 'falsches-Passwort-4711' } } });
    try {
      await app.db.write((m) => app.app.get(MailService).queue(m, { kind: 'reminder', to: { address: 'a@example.org' }, subject: 'Anmeldung', text: 'x' }));
      expect(await app.worker.runOnce()).toBe('retry');
      const [row] = await outbox(app);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row.lastError).toContain('Die Anmeldung am Mailserver ist fehlgeschlagen');
      expect(row.lastError).not.toContain('falsches-Passwort-4711');
      expect(guarded.received).toHaveLength(0);
    } finally {
      await app.close();
      await guarded.close();
      await db.drop();
    }
  });

  it('keeps the meeting mail page for the body officers and administrators', async () => {
    const f = await createMeetingFixture(t.db, { code: 'PX' });
    await request(t.http).get(`/sitzungen/${f.meetingId}/versand`).expect(302);
    const member = await loggedInAgent(t, { email: 'mitglied-px@example.org', password: 'Mitglied-Passwort-2026', personId: f.members.muessig });
    const res = await member.get(`/sitzungen/${f.meetingId}/versand`).expect(403);
    expect(res.text).toContain('Nur Vorsitz');
    await member.get('/admin/postausgang').expect(403);
    await member.get('/sitzungen/999999/versand').expect(404);
    await member.get('/sitzungen/abc/versand').expect(404);
  });
});

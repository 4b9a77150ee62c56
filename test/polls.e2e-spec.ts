import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { RemindersService } from '../src/mail/reminders.service.js';
import { RsvpSecretService } from '../src/mail/rsvp-secret.service.js';
import { signLinkToken } from '../src/mail/rsvp-token.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { DatePoll, DatePollResponse, DatePollSlot } from '../src/polls/date-poll.entity.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { type Agent, csrfTokenFrom, loggedInAgent, postForm } from './helpers/auth.js';
import { createMeetingFixture, mailSuite, type MeetingFixture, type ReceivedMail } from './helpers/mail.js';

const PASSWORD = 'Terminumfrage-Passwort-2026';

/** The Berlin date `days` from now as YYYY-MM-DD. */
function day(days: number): string {
  return todayInBerlin(new Date(Date.now() + days * 86_400_000));
}

function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function pollLink(mail: ReceivedMail): string {
  const m = /https?:\/\/[^\s]+(\/umfrage\/p1\.[A-Za-z0-9._-]+)/.exec(mail.parsed.text ?? '');
  if (!m) throw new Error(`no poll link in "${mail.parsed.subject ?? ''}"`);
  return m[1];
}

/** Submits a page's form like a browser: the CSRF token of that page plus the fields. */
async function submitOn(agent: Agent, page: string, action: string, fields: Record<string, string>): Promise<request.Response> {
  const html = (await agent.get(page)).text;
  return agent.post(action).type('form').send({ ...fields, _csrf: csrfTokenFrom(html) });
}

function slotFields(slots: { date: string; start: string; end: string; place?: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  slots.forEach((s, i) => {
    fields[`date${i + 1}`] = s.date;
    fields[`start${i + 1}`] = s.start;
    fields[`end${i + 1}`] = s.end;
    fields[`place${i + 1}`] = s.place ?? '';
  });
  return fields;
}

describe('Date polls (Terminumfragen): propose, answer by link and on the page, pick → meeting with invitation', () => {
  const suite = mailSuite();
  let f: MeetingFixture;
  let deputyChair: Agent;
  let nguyen: Agent;
  let pollId: number;
  let links: Map<string, string>;
  /** Haddad's browser with the answer form still open (its CSRF token), for answering after the decision. */
  let haddadTab: { agent: Agent; token: string };

  const drain = async (): Promise<void> => {
    while ((await suite.t.worker.runOnce()) !== null);
  };

  beforeAll(async () => {
    f = await createMeetingFixture(suite.t.db, { code: 'TQ' });
    // Müßig chairs as deputy chair (stellvertretender Vorsitz) of the Beirat
    await suite.t.db.write((m) => m.getRepository(Membership).update({ bodyId: f.bodyId, personId: f.members.muessig }, { role: 'deputy_chair' }));
    deputyChair = await loggedInAgent(suite.t, { email: 'muessig-konto@example.org', password: PASSWORD, personId: f.members.muessig });
    nguyen = await loggedInAgent(suite.t, { email: 'nguyen-konto@example.org', password: PASSWORD, personId: f.members.nguyen });
  });

  it('refuses bad slots with German messages at the fields (422) and keeps every typed value', async () => {
    const page = await deputyChair.get(`/gremien/${f.bodyId}/terminumfragen/neu`).expect(200);
    expect(page.text).toContain('Neue Terminumfrage');
    const res = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Sitzung im Frühjahr',
      deadline: day(10),
      note: '',
      ...slotFields([
        { date: day(-3), start: '18:00', end: '20:00' },
        { date: day(30), start: '18:00', end: '17:00' },
        { date: day(31), start: '18:00', end: '20:00' },
        { date: day(31), start: '18:00', end: '20:00' },
        { date: '31.02.2031', start: '18:00', end: '20:00' },
      ]),
    });
    expect(res.status).toBe(422);
    const text = visibleText(res.text);
    expect(text).toContain('liegt in der Vergangenheit');
    expect(text).toMatch(/Ende|nach dem Beginn/);
    expect(text).toContain('Dieser Termin steht schon in Zeile 3');
    expect(text).toContain('Den 31.02.2031 gibt es nicht');
    expect(res.text).toContain('value="Sitzung im Frühjahr"');
    expect(res.text).toContain(`value="${day(-3)}"`);
    expect(res.text).toContain('value="31.02.2031"');
    expect(res.text).toMatch(/<title>Fehler: /);
    expect(await suite.t.db.dataSource.getRepository(DatePoll).count()).toBe(0);

    const few = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Sitzung',
      deadline: day(-1),
      ...slotFields([{ date: day(30), start: '18:00', end: '20:00' }]),
    });
    expect(few.status).toBe(422);
    expect(visibleText(few.text)).toContain('Bitte mindestens 2 Termine vorschlagen.');
    expect(visibleText(few.text)).toContain('Die Antwortfrist liegt in der Vergangenheit');
  });

  it('adds rows without saving ("Weitere Termine hinzufügen")', async () => {
    const res = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Sitzung',
      mehr: '1',
      ...slotFields([{ date: day(30), start: '18:00', end: '20:00' }]),
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="date6"');
    expect(res.text).not.toContain('name="date7"');
    expect(res.text).toContain(`value="${day(30)}"`);
  });

  it('shows the scheduler’s conflict warnings per slot before sending, then mails every current member a personal link', async () => {
    const fixtureMeeting = await suite.t.db.dataSource.getRepository(Meeting).findOneByOrFail({ id: f.meetingId });
    const clash = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(fixtureMeeting.startsAt);
    const clashTime = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(fixtureMeeting.startsAt);
    const fields = {
      title: 'Frühjahrssitzung Beirat',
      deadline: day(12),
      note: 'Bitte bis zur Frist antworten.',
      ...slotFields([
        { date: clash, start: clashTime, end: '23:30' },
        { date: day(40), start: '17:00', end: '19:00' },
        { date: day(41), start: '17:00', end: '19:00' },
      ]),
    };
    const first = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, fields);
    expect(first.status).toBe(200);
    expect(visibleText(first.text)).toContain('Das Gremium hat zur selben Zeit schon eine Sitzung');
    expect(first.text).toContain('Trotzdem verschicken');
    expect(await suite.t.db.dataSource.getRepository(DatePoll).count()).toBe(0);

    const sent = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, { ...fields, trotzdem: 'on' });
    expect(sent.status).toBe(303);
    pollId = Number(/\/terminumfragen\/(\d+)\/auswertung/.exec(sent.headers.location)?.[1]);
    expect(pollId).toBeGreaterThan(0);
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId } });
    expect(slots).toHaveLength(3);

    await drain();
    const mails = await suite.smtp.waitFor(4);
    const pollMails = mails.filter((m) => (m.parsed.subject ?? '').startsWith('Terminumfrage: Frühjahrssitzung Beirat'));
    // Petrova, Müßig, Nguyễn, Haddad; Yılmaz has no address, Früher is no longer a member
    expect(pollMails.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-TQ@example.org', 'muessig-TQ@example.org', 'nguyen-TQ@example.org', 'petrova-TQ@example.org']);
    links = new Map(pollMails.map((m) => [m.envelopeTo[0], pollLink(m)]));
    expect(pollMails[0].parsed.text).toContain('Vorgeschlagene Termine:');
    expect(pollMails[0].parsed.text).toContain('Bitte bis zur Frist antworten.');
    expect(new Set(links.values()).size).toBe(4);
  });

  it('takes answers by the mail link without login, and shows them again to change', async () => {
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId }, order: { startsAt: 'ASC' } });
    const [s1, s2, s3] = slots;
    const petrova = request.agent(suite.t.http);
    const link = links.get('petrova-TQ@example.org') as string;
    const page = await petrova.get(link).expect(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(visibleText(page.text)).toContain('Frühjahrssitzung Beirat');
    expect(page.text).toContain(`name="slot-${s1.id}"`);
    const saved = await petrova.post(link).type('form').send({ _csrf: csrfTokenFrom(page.text), [`slot-${s1.id}`]: 'no', [`slot-${s2.id}`]: 'yes', [`slot-${s3.id}`]: 'maybe', comment: 'Am ersten Termin bin ich verreist.' });
    expect(saved.status).toBe(303);
    const again = await petrova.get(saved.headers.location).expect(200);
    expect(visibleText(again.text)).toContain('Ihre Antwort ist gespeichert');
    expect(again.text).toMatch(new RegExp(`id="termin-${s2.id}-yes"[^>]*checked`));
    expect(again.text).toContain('Am ersten Termin bin ich verreist.');

    // nothing chosen → 422 with a German message, the comment kept
    const empty = await petrova.post(link).type('form').send({ _csrf: csrfTokenFrom(again.text), comment: 'nur ein Kommentar' });
    expect(empty.status).toBe(422);
    expect(visibleText(empty.text)).toContain('Bitte wählen Sie mindestens bei einem Termin');
    expect(empty.text).toContain('nur ein Kommentar');

    const haddad = request.agent(suite.t.http);
    const hLink = links.get('haddad-TQ@example.org') as string;
    const hPage = await haddad.get(hLink).expect(200);
    expect((await haddad.post(hLink).type('form').send({ _csrf: csrfTokenFrom(hPage.text), [`slot-${s2.id}`]: 'yes', [`slot-${s3.id}`]: 'no' })).status).toBe(303);
    haddadTab = { agent: haddad, token: csrfTokenFrom((await haddad.get(hLink)).text) };
  });

  it('takes the answer of a logged-in member on the poll page', async () => {
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId }, order: { startsAt: 'ASC' } });
    const res = await submitOn(nguyen, `/terminumfragen/${pollId}`, `/terminumfragen/${pollId}/antwort`, { [`slot-${slots[1].id}`]: 'yes', [`slot-${slots[2].id}`]: 'yes', [`slot-${slots[0].id}`]: 'maybe' });
    expect(res.status).toBe(303);
    const responses = await suite.t.db.dataSource.getRepository(DatePollResponse).find({ where: { pollId } });
    expect(responses.map((r) => r.personId).sort()).toEqual([f.members.petrova, f.members.nguyen, f.members.haddad].sort());
  });

  it('shows the chair an accessible matrix: th scope, text and symbols, sums, voting members and the quorum forecast', async () => {
    const page = await deputyChair.get(`/terminumfragen/${pollId}/auswertung`).expect(200);
    expect(page.text).toContain('<th scope="col">Mitglied</th>');
    expect(page.text).toMatch(/<th scope="row">Dr\. Ольга Петрова/);
    const text = visibleText(page.text);
    expect(text).toContain('✓ Ja');
    expect(text).toContain('✗ Nein');
    expect(text).toContain('(✓) Wenn nötig');
    expect(text).toContain('– keine Antwort');
    // slot 2: Petrova, Haddad, Nguyễn yes (Haddad is a deputy member with voting right in the fixture)
    expect(text).toContain('3 (meiste Zusagen)');
    expect(text).toContain('Beschlussfähigkeit (Prognose)');
    expect(text).toMatch(/voraussichtlich beschlussfähig \(3 von 3 nötigen\)/);
    expect(text).toContain('Am ersten Termin bin ich verreist.');
    expect(text).toContain('3 von 5 Mitgliedern');
    // members see the poll, not the matrix
    const other = await nguyen.get(`/terminumfragen/${pollId}/auswertung`);
    expect(other.status).toBe(303);
  });

  it('refuses forged and expired links with a 404 that reveals nothing', async () => {
    const anon = request.agent(suite.t.http);
    const link = links.get('petrova-TQ@example.org') as string;
    const forged = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const res = await anon.get(forged);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Frühjahrssitzung');
    const other = link.replace(/^\/umfrage\/p1\.(\d+)\./, (_all, id: string) => `/umfrage/p1.${Number(id) + 1}.`);
    expect((await anon.get(other)).status).toBe(404);
    const secret = suite.t.app.get(RsvpSecretService).known() as string;
    const expired = signLinkToken(secret, 'p1', { subjectId: pollId, personId: f.members.petrova, expiresAt: new Date(Date.now() - 1000) });
    const gone = await anon.get(`/umfrage/${expired}`);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain('Frühjahrssitzung');
    // an RSVP token never opens a poll
    const rsvpKind = signLinkToken(secret, 'r1', { subjectId: pollId, personId: f.members.petrova, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await anon.get(`/umfrage/${rsvpKind}`)).status).toBe(404);
  });

  it('picks the slot with most yes: the meeting is created by the meeting editor and invited; all who answered are told', async () => {
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId }, order: { startsAt: 'ASC' } });
    const before = suite.smtp.received.length;
    const res = await submitOn(deputyChair, `/terminumfragen/${pollId}/auswertung`, `/terminumfragen/${pollId}/festlegen`, { slotId: String(slots[1].id), einladen: 'on' });
    expect(res.status).toBe(303);
    const meetingId = Number(/\/sitzungen\/(\d+)$/.exec(res.headers.location)?.[1]);
    const meeting = await suite.t.db.dataSource.getRepository(Meeting).findOneByOrFail({ id: meetingId });
    expect(meeting.title).toBe('Frühjahrssitzung Beirat');
    expect(meeting.bodyId).toBe(f.bodyId);
    expect(meeting.state).toBe('invited');
    expect(meeting.startsAt.getTime()).toBe(slots[1].startsAt.getTime());
    expect(await suite.t.db.dataSource.getRepository(Attendance).count({ where: { meetingId } })).toBe(5);
    const poll = await suite.t.db.dataSource.getRepository(DatePoll).findOneByOrFail({ id: pollId });
    expect(poll.state).toBe('decided');
    expect(poll.meetingId).toBe(meetingId);

    await drain();
    const mails = (await suite.smtp.waitFor(before + 7)).slice(before);
    const invitations = mails.filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'));
    expect(invitations.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-TQ@example.org', 'muessig-TQ@example.org', 'nguyen-TQ@example.org', 'petrova-TQ@example.org']);
    const outcome = mails.filter((m) => (m.parsed.subject ?? '').startsWith('Termin steht fest'));
    expect(outcome.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-TQ@example.org', 'nguyen-TQ@example.org', 'petrova-TQ@example.org']);
    expect(outcome[0].parsed.text).toContain(`/sitzungen/${meetingId}`);

    // a second click (double submit, reload) creates nothing more
    const again = await postForm(deputyChair, `/terminumfragen/${pollId}/festlegen`, { slotId: String(slots[2].id), einladen: 'on' });
    expect(again.status).toBe(403);
    expect(await suite.t.db.dataSource.getRepository(Meeting).count({ where: { bodyId: f.bodyId } })).toBe(2);
  });

  it('stays readable after the decision; answering then gets a clear message and keeps what was typed', async () => {
    const page = await nguyen.get(`/terminumfragen/${pollId}`).expect(200);
    expect(visibleText(page.text)).toContain("der Termin steht fest");
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId }, order: { startsAt: 'ASC' } });
    const link = links.get('haddad-TQ@example.org') as string;
    const linkPage = await request(suite.t.http).get(link).expect(200);
    expect(visibleText(linkPage.text)).toContain('Antworten sind nicht mehr möglich');
    // the page offers no form any more; a form still open in another tab is sent anyway
    const late = await haddadTab.agent.post(link).type('form').send({ _csrf: haddadTab.token, [`slot-${slots[0].id}`]: 'yes', comment: 'Doch noch' });
    expect(late.status).toBe(422);
    expect(late.text).toContain('Doch noch');
    expect(visibleText(late.text)).toContain('Antworten sind nicht mehr möglich');
  });

  it('then the chair sends a circular to the body: every member with an address receives exactly one mail', async () => {
    const formPath = `/gremien/${f.bodyId}/rundschreiben/neu`;
    const form = await deputyChair.get(formPath).expect(200);
    const preview = await deputyChair.post(formPath).type('form').send({ _csrf: csrfTokenFrom(form.text), subject: 'Tagesordnung folgt', text: 'Der Termin steht, die Tagesordnung folgt.' });
    expect(preview.status).toBe(200);
    const hidden: Record<string, string> = {};
    for (const m of preview.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]] = m[2].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const before = suite.smtp.received.length;
    const sent = await deputyChair.post('/rundschreiben/senden').type('form').send({ ...hidden, _csrf: csrfTokenFrom(preview.text) });
    expect(sent.status).toBe(303);
    await drain();
    const mails = (await suite.smtp.waitFor(before + 4)).slice(before).filter((m) => m.parsed.subject === 'Tagesordnung folgt');
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-TQ@example.org', 'muessig-TQ@example.org', 'nguyen-TQ@example.org', 'petrova-TQ@example.org']);
  });

  it('audits every write of the poll', async () => {
    const entries = await suite.t.db.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'date_poll', entityId: pollId }, order: { id: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['create', 'answer', 'answer', 'answer', 'decide']);
    expect(entries[1].actorName).toContain('über den persönlichen Link');
    expect(entries[0].bodyId).toBe(f.bodyId);
  });

  it('lets a deputy member answer for an absent member of the same organisation; the member’s own answer replaces it', async () => {
    const org = await suite.t.db.write((m) => m.getRepository(Organisation).save(m.getRepository(Organisation).create({ name: 'Verein der Vertretungen', kind: 'ngo' } as Partial<Organisation>)));
    await suite.t.db.write(async (m) => {
      await m.getRepository(Membership).update({ bodyId: f.bodyId, personId: f.members.haddad }, { onBehalfOfId: org.id });
      await m.getRepository(Membership).update({ bodyId: f.bodyId, personId: f.members.nguyen }, { onBehalfOfId: org.id });
    });
    const created = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Sondersitzung',
      deadline: day(14),
      trotzdem: 'on',
      ...slotFields([
        { date: day(50), start: '10:00', end: '12:00' },
        { date: day(51), start: '10:00', end: '12:00' },
      ]),
    });
    expect(created.status).toBe(303);
    const id = Number(/\/terminumfragen\/(\d+)\//.exec(created.headers.location)?.[1]);
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId: id }, order: { startsAt: 'ASC' } });
    const deputy = await loggedInAgent(suite.t, { email: 'haddad-konto@example.org', password: PASSWORD, personId: f.members.haddad });
    const page = await deputy.get(`/terminumfragen/${id}`).expect(200);
    expect(page.text).toContain('(als Vertretung)');
    const res = await submitOn(deputy, `/terminumfragen/${id}`, `/terminumfragen/${id}/antwort`, { forPersonId: String(f.members.nguyen), [`slot-${slots[0].id}`]: 'yes' });
    expect(res.status).toBe(303);
    const byDeputy = await suite.t.db.dataSource.getRepository(DatePollResponse).findOneByOrFail({ pollId: id, personId: f.members.nguyen });
    expect(byDeputy.answeredByPersonId).toBe(f.members.haddad);
    const matrix = visibleText((await deputyChair.get(`/terminumfragen/${id}/auswertung`).expect(200)).text);
    expect(matrix).toContain('(Vertretung)');
    // not for someone of another organisation
    const wrong = await submitOn(deputy, `/terminumfragen/${id}`, `/terminumfragen/${id}/antwort`, { forPersonId: String(f.members.petrova), [`slot-${slots[0].id}`]: 'no' });
    expect(wrong.status).toBe(422);
    expect(visibleText(wrong.text)).toContain('Für diese Person können Sie nicht antworten');
    // Nguyễn answers herself
    expect((await submitOn(nguyen, `/terminumfragen/${id}`, `/terminumfragen/${id}/antwort`, { [`slot-${slots[0].id}`]: 'no' })).status).toBe(303);
    const own = await suite.t.db.dataSource.getRepository(DatePollResponse).findOneByOrFail({ pollId: id, personId: f.members.nguyen });
    expect(own.answeredByPersonId).toBeNull();
    // and then the deputy may no longer answer for her
    const after = await submitOn(deputy, `/terminumfragen/${id}`, `/terminumfragen/${id}/antwort`, { forPersonId: String(f.members.nguyen), [`slot-${slots[0].id}`]: 'yes' });
    expect(after.status).toBe(422);
  });

  it('reminds members without an answer through the reminder job, once, and closes the poll at the deadline', async () => {
    const created = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Kurzfristige Sitzung',
      deadline: day(1),
      trotzdem: 'on',
      ...slotFields([
        { date: day(20), start: '10:00', end: '12:00' },
        { date: day(21), start: '10:00', end: '12:00' },
      ]),
    });
    expect(created.status).toBe(303);
    const id = Number(/\/terminumfragen\/(\d+)\//.exec(created.headers.location)?.[1]);
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId: id } });
    await submitOn(nguyen, `/terminumfragen/${id}`, `/terminumfragen/${id}/antwort`, { [`slot-${slots[0].id}`]: 'yes' });
    const reminders = suite.t.app.get(RemindersService);
    const run = await reminders.runOnce();
    expect(run.otherReminders).toBe(3);
    const queued = await suite.t.db.dataSource.getRepository(OutboxMail).find({ where: { kind: 'poll_reminder' } });
    expect(queued.map((m) => m.personId).sort()).toEqual([f.members.petrova, f.members.muessig, f.members.haddad].sort());
    expect(queued[0].textBody).toContain('/umfrage/p1.');
    expect((await reminders.runOnce()).otherReminders).toBe(0);

    const afterDeadline = new Date(Date.now() + 3 * 86_400_000);
    await reminders.runOnce(afterDeadline);
    const poll = await suite.t.db.dataSource.getRepository(DatePoll).findOneByOrFail({ id });
    expect(poll.state).toBe('closed');
    const closed = await suite.t.db.dataSource.getRepository(AuditEntry).findOneByOrFail({ entityType: 'date_poll', entityId: id, action: 'close' });
    expect(closed.actorName).toContain('System');
  });

  it('closes by hand (officers only) and then refuses answers with a clear message', async () => {
    const created = await submitOn(deputyChair, `/gremien/${f.bodyId}/terminumfragen/neu`, `/gremien/${f.bodyId}/terminumfragen/neu`, {
      title: 'Noch eine Sitzung',
      deadline: day(5),
      trotzdem: 'on',
      ...slotFields([
        { date: day(60), start: '10:00', end: '12:00' },
        { date: day(61), start: '10:00', end: '12:00' },
      ]),
    });
    const id = Number(/\/terminumfragen\/(\d+)\//.exec(created.headers.location)?.[1]);
    expect((await postForm(nguyen, `/terminumfragen/${id}/schliessen`)).status).toBe(403);
    expect((await postForm(deputyChair, `/terminumfragen/${id}/schliessen`)).status).toBe(303);
    const slots = await suite.t.db.dataSource.getRepository(DatePollSlot).find({ where: { pollId: id } });
    const page = await nguyen.get(`/terminumfragen/${id}`).expect(200);
    expect(visibleText(page.text)).toContain('Die Terminumfrage ist geschlossen');
    const late = await nguyen.post(`/terminumfragen/${id}/antwort`).type('form').send({ _csrf: csrfTokenFrom(page.text), [`slot-${slots[0].id}`]: 'yes' });
    expect(late.status).toBe(422);
    expect(visibleText(late.text)).toContain('Die Terminumfrage ist geschlossen');
  });

  it('keeps polls to the body: outsiders get 403, anonymous visitors the login', async () => {
    const outsider = await loggedInAgent(suite.t, { email: 'aussen@example.org', password: PASSWORD });
    expect((await outsider.get(`/terminumfragen/${pollId}`)).status).toBe(403);
    expect((await outsider.get(`/gremien/${f.bodyId}/terminumfragen`)).status).toBe(403);
    expect((await outsider.get(`/gremien/${f.bodyId}/terminumfragen/neu`)).status).toBe(403);
    expect((await nguyen.get(`/gremien/${f.bodyId}/terminumfragen/neu`)).status).toBe(403);
    const list = await nguyen.get(`/gremien/${f.bodyId}/terminumfragen`).expect(200);
    expect(list.text).toContain(`/terminumfragen/${pollId}`);
    const anon = await request(suite.t.http).get(`/terminumfragen/${pollId}`);
    expect(anon.status).toBe(302);
    expect((await request(suite.t.http).get('/terminumfragen/999999')).status).toBe(302);
    expect((await nguyen.get('/terminumfragen/999999')).status).toBe(404);
  });

  it('forgets an erased person (GDPR): their answers leave every poll', async () => {
    const admin = { kind: 'member' as const, accountId: 0, personId: null, isAdmin: true };
    expect(await suite.t.db.dataSource.getRepository(DatePollResponse).count({ where: { personId: f.members.haddad } })).toBeGreaterThan(0);
    await suite.t.app.get(PrivacyService).erase(admin, f.members.haddad);
    expect(await suite.t.db.dataSource.getRepository(DatePollResponse).count({ where: { personId: f.members.haddad } })).toBe(0);
    expect(await suite.t.db.dataSource.getRepository(DatePollResponse).count({ where: { answeredByPersonId: f.members.haddad } })).toBe(0);
  });

  it('answers 404 for a poll whose body was removed, and the reminder job passes it by (a 500 the fuzz run found)', async () => {
    const other = await createMeetingFixture(suite.t.db, { code: 'TZ' });
    const id = await suite.t.db.write(async (m) => {
      const poll = await m.getRepository(DatePoll).save(m.getRepository(DatePoll).create({ bodyId: other.bodyId, title: 'Verwaist', note: null, deadline: new Date(Date.now() + 86_400_000), state: 'open' }));
      await m.getRepository(DatePollSlot).insert({ pollId: poll.id, position: 1, startsAt: new Date(Date.now() + 5 * 86_400_000), endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000), locationId: null });
      await m.getRepository(Body).update({ id: other.bodyId }, { deletedAt: new Date() });
      return poll.id;
    });
    const admin = await loggedInAgent(suite.t, { email: 'admin-tz@example.org', password: PASSWORD, isAdmin: true });
    expect((await admin.get(`/terminumfragen/${id}`)).status).toBe(404);
    expect((await admin.get(`/terminumfragen/${id}/auswertung`)).status).toBe(404);
    const secret = suite.t.app.get(RsvpSecretService).known() as string;
    const link = signLinkToken(secret, 'p1', { subjectId: id, personId: other.chairId, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await request(suite.t.http).get(`/umfrage/${link}`)).status).toBe(404);
    await expect(suite.t.app.get(RemindersService).runOnce()).resolves.toBeDefined();
  });
});

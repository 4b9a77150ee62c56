import request from 'supertest';
import type { Response } from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DocumentVersion, MeetingDocument } from '../src/documents/document.entity.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { SearchDocument } from '../src/search/search-document.entity.js';
import { Person } from '../src/people/person.entity.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { memberViewer } from '../src/auth/viewer.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { pdfText } from './browser/support/pdf.js';
import { type Agent, csrfTokenFrom } from './helpers/auth.js';
import { samplePdf } from './helpers/documents.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { agentFor, createMinutesFixture, editorFields, type MinutesFixture, submit } from './helpers/minutes.js';
import { createMeeting, createMeetingsFixture, meetingAgent, meetingFields, type MeetingsFixture, submitForm as submitMeetingForm } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ARABIC_TITLE = 'الميزانية السنوية';
const CYRILLIC_TITLE = 'Бюджет на следующий год';

/** GET with the body as raw bytes. */
function getBytes(agent: Agent, url: string): Promise<Response> {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

describe('generated meeting documents (invitation letter as PDF)', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;
  let member: Agent;
  let anonymous: Agent;
  let meetingId: number;
  let internalMeetingId: number;

  const generated = (id: number): Promise<MeetingDocument | null> => t.app.get(DatabaseService).dataSource.getRepository(MeetingDocument).findOne({ where: { meetingId: id, generatedKind: 'invitation' } });
  const versionsOf = (documentId: number): Promise<DocumentVersion[]> =>
    t.app.get(DatabaseService).dataSource.getRepository(DocumentVersion).find({ where: { documentId }, order: { id: 'ASC' } });

  const invite = async (id: number): Promise<void> => {
    const page = await chair.get(`/sitzungen/${id}/einladen`);
    const res = await chair.post(`/sitzungen/${id}/einladen`).type('form').send({ _csrf: csrfTokenFrom(page.text), trotzdem: 'on' });
    expect(res.status).toBe(303);
  };

  beforeAll(async () => {
    t = await createTestApp({ documents: { maxBytes: 20 * 1024 * 1024, quotaBytes: 64 * 1024 * 1024, textWorker: false } });
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
    member = await meetingAgent(t, f.emails.member);
    anonymous = request.agent(t.http);
    meetingId = await createMeeting(chair, f, { title: 'Haushaltssitzung' });
    internalMeetingId = await createMeeting(chair, f, { title: 'Klausur intern', isPublic: '', date: '2026-04-16' });
    await t.app.get(DatabaseService).write(async (m) => {
      const repo = m.getRepository(AgendaItem);
      await repo.save({ meetingId, number: '1', position: 0, level: 0, title: 'Eröffnung und Tagesordnung', presenter: 'Vorsitz', isPublic: true });
      await repo.save({ meetingId, number: '2', position: 1, level: 0, title: ARABIC_TITLE, isPublic: true });
      await repo.save({ meetingId, number: '3', position: 2, level: 0, title: CYRILLIC_TITLE, isPublic: true });
      await repo.save({ meetingId, number: '4', position: 3, level: 0, title: 'Personalangelegenheit Geheim', isPublic: false });
      await repo.save({ meetingId: internalMeetingId, number: '1', position: 0, level: 0, title: 'Strategie', isPublic: true });
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('writes no letter before the invitation goes out', async () => {
    expect(await generated(meetingId)).toBeNull();
  });

  it('stores the invitation letter as a public PDF of a public meeting when the invitation is sent', async () => {
    await invite(meetingId);
    const doc = await generated(meetingId);
    expect(doc).not.toBeNull();
    expect(doc?.visibility).toBe('public');
    expect(doc?.title).toBe('Einladung');
    const versions = await versionsOf(doc?.id ?? 0);
    expect(versions).toHaveLength(1);
    expect(versions[0].mimeType).toBe('application/pdf');
    expect(versions[0].fileName).toBe('Einladung Haushaltssitzung 2026-03-26.pdf');
    const audit = await t.app.get(DatabaseService).dataSource.getRepository(AuditEntry).findOne({ where: { entityType: 'document', entityId: doc?.id ?? 0, action: 'create' } });
    expect(audit?.actorName).toBe('System');

    const res = await getBytes(anonymous, `/unterlagen/${doc?.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Einladung: Haushaltssitzung');
    expect(text).toContain('Donnerstag, 26. März 2026');
    expect(text).toContain('Eröffnung und Tagesordnung');
    expect(text).toContain(CYRILLIC_TITLE);
    // right-to-left words in reading order, with their spaces
    expect(text).toContain(`2 ${ARABIC_TITLE}`);
    expect(text).toContain(f.bodyName);
    expect(text).toMatch(/Seite 1 von \d/);
    // a public document never carries an internal agenda item
    expect(text).not.toContain('Personalangelegenheit');
  });

  it('is in the search for everyone and is the meeting\'s OParl invitation', async () => {
    const doc = await generated(meetingId);
    const entry = await t.app.get(DatabaseService).dataSource.getRepository(SearchDocument).findOne({ where: { kind: 'document', refId: doc?.id ?? 0 } });
    expect(entry?.audience).toBe('public');
    expect(entry?.meetingId).toBe(meetingId);
    const meeting = await anonymous.get(`/oparl/v1.1/meeting/${meetingId}`).expect(200);
    const body = meeting.body as { invitation?: { accessUrl: string; mimeType: string }; auxiliaryFile: { accessUrl: string }[] };
    expect(body.invitation?.accessUrl).toMatch(new RegExp(`/unterlagen/${doc?.id}$`));
    expect(body.invitation?.mimeType).toBe('application/pdf');
    // the letter is the invitation, not one of the auxiliary papers
    expect(body.auxiliaryFile.map((f) => f.accessUrl)).not.toContain(body.invitation?.accessUrl);
  });

  it('lists the letter on the meeting page for everyone who may see the meeting', async () => {
    const doc = await generated(meetingId);
    for (const agent of [anonymous, member, chair]) {
      const page = await agent.get(`/sitzungen/${meetingId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`href="/unterlagen/${doc?.id}"`);
    }
  });

  it('does not list the letter among the papers of the printable letter', async () => {
    const letter = await chair.get(`/sitzungen/${meetingId}/einladung`);
    expect(letter.text).not.toContain('<h2>Unterlagen</h2>');
  });

  it('adds a new version under the same link when an update mail goes out', async () => {
    const doc = await generated(meetingId);
    const moved = await submitMeetingForm(chair, `/sitzungen/${meetingId}/bearbeiten`, `/sitzungen/${meetingId}/bearbeiten`, { ...meetingFields(f, { title: 'Haushaltssitzung', startTime: '18:30', endTime: '20:30' }), trotzdem: 'on' });
    expect(moved.status).toBe(303);
    expect(await t.app.get(DatabaseService).dataSource.getRepository(OutboxMail).count({ where: { meetingId, kind: 'update' } })).toBeGreaterThan(0);
    const versions = await versionsOf(doc?.id ?? 0);
    expect(versions).toHaveLength(2);
    expect(versions[1].blobSha256).not.toBe(versions[0].blobSha256);
    const res = await getBytes(member, `/unterlagen/${doc?.id}`);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('18:30');
    // the earlier version stays downloadable
    const first = await getBytes(member, `/unterlagen/${doc?.id}/fassungen/${versions[0].id}`);
    expect(first.status).toBe(200);
    expect((await pdfText(first.body as Buffer)).text).toContain('18:00');
  });

  it('cannot be replaced by an upload', async () => {
    const doc = await generated(meetingId);
    const page = await chair.get(`/unterlagen/${doc?.id}/verwalten`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('type="file"');
    expect(page.text).toContain('automatisch erstellt');
    const res = await chair
      .post(`/unterlagen/${doc?.id}/fassungen`)
      .field('_csrf', csrfTokenFrom(page.text))
      .attach('dateien', await samplePdf('Fremde Einladung'), { filename: 'einladung.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('erstellt die Anwendung selbst');
    expect(await versionsOf(doc?.id ?? 0)).toHaveLength(2);
    const collector = new HtmlCollector();
    try {
      collector.add('manage page of a generated document', page.text);
      collector.add('manage page of a generated document, upload refused', res.text);
      expect(await collector.problems()).toEqual([]);
    } finally {
      collector.dispose();
    }
  }, 60_000);

  it('renews the letter with the cancellation notice when the meeting is cancelled', async () => {
    const doc = await generated(meetingId);
    const cancelled = await submitMeetingForm(chair, `/sitzungen/${meetingId}/absagen`, `/sitzungen/${meetingId}/absagen`, { reason: 'Krankheit der Vorsitzenden' });
    expect(cancelled.status).toBe(303);
    const versions = await versionsOf(doc?.id ?? 0);
    expect(versions).toHaveLength(3);
    const { text } = await pdfText((await getBytes(anonymous, `/unterlagen/${doc?.id}`)).body as Buffer);
    expect(text).toContain('Diese Sitzung ist abgesagt.');
  });

  it('makes the letter of an internal meeting members-only and keeps it from anonymous visitors', async () => {
    await invite(internalMeetingId);
    const doc = await generated(internalMeetingId);
    expect(doc?.visibility).toBe('members');
    expect((await getBytes(anonymous, `/unterlagen/${doc?.id}`)).status).toBe(404);
    const res = await getBytes(member, `/unterlagen/${doc?.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('private');
    expect((await pdfText(res.body as Buffer)).text).toContain('Strategie');
  });
});

describe('generated meeting documents (approved minutes as PDF)', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let member: Agent;
  let anonymous: Agent;

  const generated = (meetingId: number): Promise<MeetingDocument | null> =>
    t.app.get(DatabaseService).dataSource.getRepository(MeetingDocument).findOne({ where: { meetingId, generatedKind: 'minutes' } });

  /** Starts, writes, decides, circulates and approves the minutes of a meeting (the public item's title in Arabic). */
  const approve = async (meetingId: number, itemIds: { public: number; internal: number } | null): Promise<void> => {
    const path = `/sitzungen/${meetingId}/protokoll`;
    expect((await submit(chair, path, path, {})).status).toBe(303);
    if (itemIds) {
      const form = await chair.get(`${path}/bearbeiten`).expect(200);
      const fields = editorFields(form.text);
      fields[`text_item-${itemIds.public}`] = 'Bericht über 120 Beratungen – Đặng Văn Minh und Ольга Петрова berichten.';
      fields[`text_item-${itemIds.internal}`] = 'GEHEIM: Stellenbesetzung besprochen.';
      expect((await chair.post(`${path}/bearbeiten`).type('form').send(fields)).status).toBe(303);
      const decided = await submit(chair, `${path}/beschluesse/neu`, `${path}/beschluesse`, { agendaItemId: String(itemIds.public), text: 'Der Beirat empfiehlt, die Sprachkurse auszubauen.', result: 'adopted', votesYes: '7', votesNo: '1', votesAbstain: '2' });
      expect(decided.status).toBe(303);
      const internal = await submit(chair, `${path}/beschluesse/neu`, `${path}/beschluesse`, { agendaItemId: String(itemIds.internal), text: 'INTERNER BESCHLUSS zur Stelle.', result: 'adopted', unanimous: 'on' });
      expect(internal.status).toBe(303);
    }
    expect((await submit(chair, path, `${path}/verschicken`, {})).status).toBe(303);
    expect(await generated(meetingId)).toBeNull();
    const ok = await submit(chair, `${path}/genehmigen`, `${path}/genehmigen`, { approvedInMeetingId: String(f.laterMeetingId) });
    expect(ok.status).toBe(303);
  };

  beforeAll(async () => {
    t = await createTestApp({ documents: { maxBytes: 20 * 1024 * 1024, quotaBytes: 64 * 1024 * 1024, textWorker: false } });
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    member = await agentFor(t, f.emails.member);
    anonymous = request.agent(t.http);
    await t.app.get(DatabaseService).write((m) => m.getRepository(AgendaItem).update({ id: f.publicItemId }, { title: ARABIC_TITLE }));
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores approved minutes of a public meeting as a public PDF with decisions and votes, without internal items', async () => {
    await approve(f.meetingId, { public: f.publicItemId, internal: f.internalItemId });
    const doc = await generated(f.meetingId);
    expect(doc?.visibility).toBe('public');
    expect(doc?.title).toBe('Protokoll (genehmigt)');
    const res = await getBytes(anonymous, `/unterlagen/${doc?.id}`);
    expect(res.status).toBe(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Protokoll:');
    expect(text).toContain('Genehmigt in der Sitzung');
    expect(text).toContain('Anwesenheit');
    // a mixed line: words in reading order (pdf.js sees no gap between right-to-left words placed one by one)
    expect(text).toMatch(/TOP 1: الميزانية ?السنوية/u);
    expect(text).toContain('Ольга Петрова');
    expect(text).toContain('Đặng Văn Minh');
    expect(text).toContain('Der Beirat empfiehlt, die Sprachkurse auszubauen.');
    expect(text).toContain('7 Ja, 1 Nein, 2 Enthaltungen');
    expect(text).toContain('Öffentlicher Teil des Protokolls');
    // internal item, its text and its decision are not in a public document
    expect(text).not.toContain('Personalangelegenheiten');
    expect(text).not.toContain('GEHEIM');
    expect(text).not.toContain('INTERNER BESCHLUSS');
    // listed on the meeting page for anonymous visitors too
    expect((await anonymous.get(`/sitzungen/${f.meetingId}`)).text).toContain(`href="/unterlagen/${doc?.id}"`);
  });

  it('makes approved minutes of an internal meeting a members-only PDF', async () => {
    await approve(f.internalMeetingId, null);
    const doc = await generated(f.internalMeetingId);
    expect(doc?.visibility).toBe('members');
    expect((await getBytes(anonymous, `/unterlagen/${doc?.id}`)).status).toBe(404);
    const res = await getBytes(member, `/unterlagen/${doc?.id}`);
    expect(res.status).toBe(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Genehmigung des Protokolls');
    expect(text).toContain('Verschiedenes Intern (nicht öffentlich)');
    expect(text).not.toContain('Öffentlicher Teil des Protokolls');
  });
  // last: the chair is erased here
  it('after erasing a person, no stored version of a generated PDF names them any more', async () => {
    const doc = await generated(f.meetingId);
    const people = t.app.get(DatabaseService).dataSource.getRepository(Person);
    const chairPerson = await people.findOneByOrFail({ id: f.people.chair });
    const before = (await pdfText((await getBytes(anonymous, `/unterlagen/${doc?.id}`)).body as Buffer)).text;
    expect(before).toContain(chairPerson.familyName);
    // a second version exists (say, written before a correction): it names the chair too
    const versions = t.app.get(DatabaseService).dataSource.getRepository(DocumentVersion);
    const first = await versions.findOneOrFail({ where: { documentId: doc?.id ?? 0 }, order: { id: 'ASC' } });
    await t.app.get(DatabaseService).write((m) => m.getRepository(DocumentVersion).save({ ...first, id: undefined, uploadedAt: new Date(first.uploadedAt.getTime() - 60_000) }));
    expect(await versions.countBy({ documentId: doc?.id ?? 0 })).toBe(2);

    await t.app.get(PrivacyService).erase(memberViewer(0, null, true), f.people.chair);

    const kept = await versions.find({ where: { documentId: doc?.id ?? 0 } });
    expect(kept).toHaveLength(1);
    const after = (await pdfText((await getBytes(anonymous, `/unterlagen/${doc?.id}`)).body as Buffer)).text;
    expect(after).not.toContain(chairPerson.familyName);
    expect(after).toContain('Der Beirat empfiehlt, die Sprachkurse auszubauen.');
    // the older version's link is gone, and so are bytes nobody uses
    expect((await getBytes(anonymous, `/unterlagen/${doc?.id}/fassungen/${first.id}`)).status).toBe(404);
  });
});

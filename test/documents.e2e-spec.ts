import { createHash } from 'node:crypto';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import contentDisposition from 'content-disposition';
import request from 'supertest';
import type { Response } from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { DocumentBlob, DocumentVersion, MeetingDocument } from '../src/documents/document.entity.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { memberViewer } from '../src/auth/viewer.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { SeederService } from '../src/seeder.service.js';
import { type Agent, csrfTokenFrom } from './helpers/auth.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { readZip, SAMPLE_PNG, SAMPLE_SVG, sampleExe, samplePdf, samplePptx } from './helpers/documents.js';
import { createMeeting, createMeetingsFixture, meetingAgent, type MeetingsFixture } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ARABIC_NAME = 'محضر الجلسة – Протокол.pdf';
const MAX_BYTES = 64 * 1024;
const QUOTA_BYTES = 256 * 1024;

interface FileSpec {
  name: string;
  bytes: Buffer;
}

/** Sends the upload form like a browser: CSRF first, then the fields, then the files (multipart). */
async function upload(agent: Agent, meetingId: number, fields: Record<string, string>, files: FileSpec[]): Promise<Response> {
  const page = await agent.get(`/sitzungen/${meetingId}/unterlagen/neu`);
  let req = agent.post(`/sitzungen/${meetingId}/unterlagen/neu`).field('_csrf', csrfTokenFrom(page.text));
  for (const [k, v] of Object.entries({ agendaItemId: '', title: '', description: '', visibility: 'public', ...fields })) req = req.field(k, v);
  for (const f of files) req = req.attach('dateien', f.bytes, { filename: f.name, contentType: 'application/octet-stream' });
  return req;
}

async function newVersion(agent: Agent, documentId: number, file: FileSpec): Promise<Response> {
  const page = await agent.get(`/unterlagen/${documentId}/verwalten`);
  return agent.post(`/unterlagen/${documentId}/fassungen`).field('_csrf', csrfTokenFrom(page.text)).attach('dateien', file.bytes, { filename: file.name, contentType: 'application/pdf' });
}

/** GET with the body as raw bytes. */
function getBytes(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<Response> {
  let req = agent.get(url);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

describe('meeting documents', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;
  let member: Agent;
  let admin: Agent;
  let anonymous: ReturnType<typeof request.agent>;
  let meetingId: number;
  let publicItem: AgendaItem;
  let internalItem: AgendaItem;
  let pdf: Buffer;

  const count = async (): Promise<{ documents: number; versions: number; blobs: number; bytes: number }> => {
    const ds = t.app.get(DatabaseService).dataSource;
    const [{ n }] = await ds.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM document_blob_bytes');
    return {
      documents: await ds.getRepository(MeetingDocument).count(),
      versions: await ds.getRepository(DocumentVersion).count(),
      blobs: await ds.getRepository(DocumentBlob).count(),
      bytes: Number(n),
    };
  };

  const documentIdByTitle = async (title: string): Promise<number> => {
    const d = await t.app.get(DatabaseService).dataSource.getRepository(MeetingDocument).findOneOrFail({ where: { title } });
    return d.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ documents: { maxBytes: MAX_BYTES, quotaBytes: QUOTA_BYTES, textWorker: false } });
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
    member = await meetingAgent(t, f.emails.member);
    admin = await meetingAgent(t, f.emails.admin);
    anonymous = request.agent(t.http);
    meetingId = await createMeeting(chair, f, { title: 'Sitzung mit Unterlagen' });
    const db = t.app.get(DatabaseService);
    [publicItem, internalItem] = await db.write(async (m) => {
      const repo = m.getRepository(AgendaItem);
      const a = await repo.save({ meetingId, number: '1', position: 0, level: 0, title: 'Begrüßung', isPublic: true });
      const b = await repo.save({ meetingId, number: '2', position: 1, level: 0, title: 'Personalfragen', isPublic: false });
      return [a, b];
    });
    pdf = await samplePdf('Sitzungsvorlage TOP 1');
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the limits on the form and lets only chairs, secretaries and admins upload', async () => {
    const form = await chair.get(`/sitzungen/${meetingId}/unterlagen/neu`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Höchstens 64 KB je Datei');
    expect(form.text).toContain('höchstens 256 KB');
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect((await member.get(`/sitzungen/${meetingId}/unterlagen/neu`)).status).toBe(403);
    expect((await anonymous.get(`/sitzungen/${meetingId}/unterlagen/neu`)).status).toBe(302);
    expect((await admin.get(`/sitzungen/${meetingId}/unterlagen/neu`)).status).toBe(200);
    const refused = await upload(member, meetingId, {}, [{ name: 'a.pdf', bytes: pdf }]).catch((e: unknown) => e);
    expect(refused).not.toBeInstanceOf(Error);
    expect((refused as Response).status).toBe(403);
    expect((await count()).documents).toBe(0);
  });

  it('stores a PDF with an Arabic name for TOP 1, a presentation for the meeting and an internal paper for TOP 2', async () => {
    const first = await upload(chair, meetingId, { agendaItemId: String(publicItem.id), description: 'Vorlage der Verwaltung' }, [{ name: ARABIC_NAME, bytes: pdf }]);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/sitzungen/${meetingId}#unterlagen`);
    const pptx = await samplePptx('Folie eins');
    const second = await upload(chair, meetingId, { title: 'Präsentation der Stadt' }, [{ name: 'Präsentation.pptx', bytes: pptx }]);
    expect(second.status).toBe(303);
    // the visibility the form offers for an internal item does not matter: internal items are members only
    const third = await upload(chair, meetingId, { agendaItemId: String(internalItem.id), title: 'Bewerbungen', visibility: 'public' }, [{ name: 'bewerbungen.txt', bytes: Buffer.from('Namen der Bewerberinnen\nЮлия Петрова\n', 'utf8') }]);
    expect(third.status).toBe(303);
    const stored = await t.app.get(DatabaseService).dataSource.getRepository(DocumentVersion).find({ order: { id: 'ASC' } });
    expect(stored.map((v) => [v.fileName, v.mimeType])).toEqual([
      [ARABIC_NAME, 'application/pdf'],
      ['Präsentation.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['bewerbungen.txt', 'text/plain; charset=utf-8'],
    ]);
    const audit = await t.app.get(DatabaseService).dataSource.getRepository(AuditEntry).find({ where: { entityType: 'document' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'create']);
    expect(audit[0].bodyId).toBe(f.bodyId);
  });

  it('lists the documents by agenda item for each role, hiding members-only ones from anonymous visitors', async () => {
    const pageFor = async (agent: Agent): Promise<string> => (await agent.get(`/sitzungen/${meetingId}`)).text;
    const anon = await pageFor(anonymous);
    expect(anon).toContain('محضر الجلسة – Протокол');
    expect(anon).toContain('Präsentation der Stadt');
    expect(anon).not.toContain('Bewerbungen');
    expect(anon).toContain('TOP 1: Begrüßung');
    expect(anon).toContain('PDF,');
    expect(anon).not.toContain('Verwalten');
    const m = await pageFor(member);
    expect(m).toContain('Bewerbungen');
    expect(m).toContain('nur für Mitglieder');
    expect(m).not.toContain('Unterlagen hochladen');
    const c = await pageFor(chair);
    expect(c).toContain('Unterlagen hochladen');
    expect(c).toContain('Verwalten');
    expect(await pageFor(admin)).toContain('Verwalten');

    const internalId = await documentIdByTitle('Bewerbungen');
    const hidden = await getBytes(anonymous, `/unterlagen/${internalId}`);
    expect(hidden.status).toBe(404);
    expect((await getBytes(anonymous, '/unterlagen/999999')).status).toBe(404);
    expect((await getBytes(member, `/unterlagen/${internalId}`)).status).toBe(200);
  });

  it('serves the file with its real name, type, length, a strong ETag and 304', async () => {
    const id = await documentIdByTitle('محضر الجلسة – Протокол');
    const res = await getBytes(anonymous, `/unterlagen/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Number(res.headers['content-length'])).toBe(pdf.length);
    expect((res.body as Buffer).equals(pdf)).toBe(true);
    const disposition = contentDisposition.parse(res.headers['content-disposition']);
    expect(disposition.type).toBe('inline');
    expect(disposition.parameters.filename).toBe(ARABIC_NAME);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(res.headers.etag).toBe(`"${sha}"`);
    expect(res.headers['cache-control']).toContain('public');
    const again = await getBytes(anonymous, `/unterlagen/${id}`, { 'If-None-Match': res.headers.etag });
    expect(again.status).toBe(304);

    const pptx = await getBytes(member, `/unterlagen/${await documentIdByTitle('Präsentation der Stadt')}`);
    expect(contentDisposition.parse(pptx.headers['content-disposition'])).toEqual({ type: 'attachment', parameters: { filename: 'Präsentation.pptx' } });
    const internal = await getBytes(member, `/unterlagen/${await documentIdByTitle('Bewerbungen')}`);
    expect(internal.headers['cache-control']).toContain('private');
    expect(internal.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(internal.headers['x-content-type-options']).toBe('nosniff');
  });

  it('zips what the viewer may see, with unique names', async () => {
    // the same content again for TOP 1: stored once, listed twice, named apart in the ZIP
    const before = await count();
    expect((await upload(chair, meetingId, { agendaItemId: String(publicItem.id), title: 'Noch einmal' }, [{ name: ARABIC_NAME, bytes: pdf }])).status).toBe(303);
    const after = await count();
    expect(after.documents).toBe(before.documents + 1);
    expect(after.blobs).toBe(before.blobs);
    expect(after.bytes).toBe(before.bytes);

    const anonZip = await getBytes(anonymous, `/sitzungen/${meetingId}/unterlagen.zip`);
    expect(anonZip.status).toBe(200);
    expect(anonZip.headers['content-type']).toBe('application/zip');
    expect(contentDisposition.parse(anonZip.headers['content-disposition']).type).toBe('attachment');
    const anonEntries = await readZip(anonZip.body as Buffer);
    expect([...anonEntries.keys()].sort()).toEqual(['Präsentation.pptx', `TOP 1/${ARABIC_NAME}`, `TOP 1/محضر الجلسة – Протокол (2).pdf`].sort());
    expect(anonEntries.get(`TOP 1/${ARABIC_NAME}`)?.equals(pdf)).toBe(true);
    const memberEntries = await readZip((await getBytes(member, `/sitzungen/${meetingId}/unterlagen.zip`)).body as Buffer);
    expect(memberEntries.get('TOP 2/bewerbungen.txt')?.toString('utf8')).toContain('Юлия Петрова');
  });

  it('refuses programs, scripts, HTML and SVG by their content, keeping what was typed', async () => {
    const before = await count();
    const exe = await upload(chair, meetingId, { title: 'Mein Titel', description: 'Meine Beschreibung' }, [{ name: 'rechnung.pdf', bytes: sampleExe() }]);
    expect(exe.status).toBe(422);
    expect(exe.text).toContain('ausführbares Programm');
    expect(exe.text).toContain('value="Mein Titel"');
    expect(exe.text).toContain('Meine Beschreibung');
    expect(exe.text).toContain('<title>Fehler:');
    const svg = await upload(chair, meetingId, {}, [{ name: 'logo.svg', bytes: SAMPLE_SVG }]);
    expect(svg.status).toBe(422);
    expect(svg.text).toContain('SVG');
    const svgAsText = await upload(chair, meetingId, {}, [{ name: 'logo.txt', bytes: SAMPLE_SVG }]);
    expect(svgAsText.status).toBe(422);
    const html = await upload(chair, meetingId, {}, [{ name: 'seite.txt', bytes: Buffer.from('<!DOCTYPE html><script>alert(1)</script>') }]);
    expect(html.status).toBe(422);
    const script = await upload(chair, meetingId, {}, [{ name: 'install.sh', bytes: Buffer.from('#!/bin/sh\nrm -rf /\n') }]);
    expect(script.status).toBe(422);
    expect(script.text).toContain('Skript');
    const binaryText = await upload(chair, meetingId, {}, [{ name: 'daten.csv', bytes: Buffer.from([0x41, 0x00, 0x42]) }]);
    expect(binaryText.status).toBe(422);
    // several files: one bad file stores none of them
    const mixed = await upload(chair, meetingId, {}, [{ name: 'bild.png', bytes: SAMPLE_PNG }, { name: 'setup.exe', bytes: sampleExe() }]);
    expect(mixed.status).toBe(422);
    expect(mixed.text).toContain('Es wurde keine der Dateien gespeichert');
    expect(await count()).toEqual(before);
    const none = await upload(chair, meetingId, {}, []);
    expect(none.status).toBe(422);
    expect(none.text).toContain('mindestens eine Datei');
  });

  it('enforces the size limit per file and the quota before storing anything', async () => {
    const before = await count();
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooBig = await upload(chair, meetingId, { title: 'Zu groß' }, [{ name: 'gross.pdf', bytes: big }]);
    expect(tooBig.status).toBe(422);
    expect(tooBig.text).toContain('zu groß');
    expect(await count()).toEqual(before);
    // each file fits, together they exceed the quota (256 KB): four different ~60 KB PDFs after what is stored
    const files: FileSpec[] = [];
    for (let i = 0; i < 5; i++) files.push({ name: `teil-${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.alloc(60 * 1024, 0x30 + i)]) });
    const quota = await upload(chair, meetingId, { description: 'Bleibt stehen' }, files);
    expect(quota.status).toBe(422);
    expect(quota.text).toContain('Speicherplatz für Unterlagen reicht nicht');
    expect(quota.text).toContain('Bleibt stehen');
    expect(await count()).toEqual(before);
  });

  it('stores nothing from an upload that breaks off halfway', async () => {
    const page = await chair.get(`/sitzungen/${meetingId}/unterlagen/neu`);
    const token = csrfTokenFrom(page.text);
    const cookie = chair.jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const server: Server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const boundary = '----unterlage';
    const bytes = await samplePdf('Abgebrochene Übertragung');
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\npublic\r\n--${boundary}\r\nContent-Disposition: form-data; name="dateien"; filename="halb.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    /** Sends the multipart body by hand: all of it, or half the file and then the connection drops. */
    const send = (complete: boolean): Promise<number | null> =>
      new Promise((resolve) => {
        const length = Buffer.byteLength(head) + bytes.length + Buffer.byteLength(tail);
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: `/sitzungen/${meetingId}/unterlagen/neu`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length), cookie } });
        req.on('error', () => resolve(null));
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? null);
        });
        req.write(head);
        if (complete) {
          req.end(Buffer.concat([bytes, Buffer.from(tail)]));
        } else {
          req.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setTimeout(() => req.destroy(), 100));
          setTimeout(() => resolve(null), 2000);
        }
      });
    const before = await count();
    expect(await send(false)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toEqual(before);
    // the same request sent whole is stored: the broken one failed only because it broke off
    expect(await send(true)).toBe(303);
    expect((await count()).documents).toBe(before.documents + 1);
  });

  it('replaces a file by a new version under the same link and keeps the earlier ones listed', async () => {
    const id = await documentIdByTitle('محضر الجلسة – Протокол');
    const v2 = await samplePdf('Sitzungsvorlage TOP 1, zweite Fassung');
    const res = await newVersion(chair, id, { name: 'Vorlage v2.pdf', bytes: v2 });
    expect(res.status).toBe(303);
    const now = await getBytes(member, `/unterlagen/${id}`);
    expect((now.body as Buffer).equals(v2)).toBe(true);
    expect(contentDisposition.parse(now.headers['content-disposition']).parameters.filename).toBe('Vorlage v2.pdf');
    const manage = await chair.get(`/unterlagen/${id}/verwalten`);
    expect(manage.text).toContain('Vorlage v2.pdf');
    expect(manage.text).toContain(ARABIC_NAME);
    expect(manage.text).toContain('Петренко');
    expect((await member.get(`/unterlagen/${id}/verwalten`)).status).toBe(403);
    const refused = await newVersion(chair, id, { name: 'x.pdf', bytes: sampleExe() });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('ausführbares Programm');
    const audit = await t.app.get(DatabaseService).dataSource.getRepository(AuditEntry).find({ where: { entityType: 'document', entityId: id }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('removes a document only after confirmation, with its versions and unused content', async () => {
    const id = await documentIdByTitle('Präsentation der Stadt');
    const page = await chair.get(`/unterlagen/${id}/entfernen`);
    expect(page.status).toBe(200);
    const token = csrfTokenFrom(page.text);
    const unconfirmed = await chair.post(`/unterlagen/${id}/entfernen`).type('form').send({ _csrf: token });
    expect(unconfirmed.status).toBe(422);
    expect((await getBytes(member, `/unterlagen/${id}`)).status).toBe(200);
    const before = await count();
    const done = await chair.post(`/unterlagen/${id}/entfernen`).type('form').send({ _csrf: token, confirm: 'on' });
    expect(done.status).toBe(303);
    expect((await getBytes(member, `/unterlagen/${id}`)).status).toBe(404);
    const after = await count();
    expect(after.documents).toBe(before.documents - 1);
    expect(after.blobs).toBe(before.blobs - 1);
    expect(after.bytes).toBe(before.bytes - 1);
    const audit = await t.app.get(DatabaseService).dataSource.getRepository(AuditEntry).findOneOrFail({ where: { entityType: 'document', entityId: id, action: 'delete' } });
    expect(audit.label).toContain('Präsentation der Stadt');
  });

  it('keeps documents of an internal meeting from anonymous visitors altogether', async () => {
    const internalMeeting = await createMeeting(chair, f, { title: 'Interne Sitzung', isPublic: '', date: '2026-04-02' });
    expect((await upload(chair, internalMeeting, {}, [{ name: 'intern.png', bytes: SAMPLE_PNG }])).status).toBe(303);
    const id = await documentIdByTitle('intern');
    const doc = await t.app.get(DatabaseService).dataSource.getRepository(MeetingDocument).findOneByOrFail({ id });
    expect(doc.visibility).toBe('public'); // as sent; the meeting rule still hides it
    expect((await getBytes(anonymous, `/unterlagen/${id}`)).status).toBe(404);
    expect((await getBytes(anonymous, `/sitzungen/${internalMeeting}/unterlagen.zip`)).status).toBe(404);
    const img = await getBytes(member, `/unterlagen/${id}`);
    expect(img.headers['content-type']).toBe('image/png');
    expect(contentDisposition.parse(img.headers['content-disposition']).type).toBe('inline');
    expect(img.headers['cache-control']).toContain('private');
    // the form proposes "members only" for an internal meeting
    expect((await chair.get(`/sitzungen/${internalMeeting}/unterlagen/neu`)).text).toMatch(/<option value="members" selected/);
  });

  it('lists the documents in the invitation mail and attaches the public ones to the iCal event', async () => {
    const invite = await chair.get(`/sitzungen/${meetingId}/einladen`);
    const invited = await chair.post(`/sitzungen/${meetingId}/einladen`).type('form').send({ _csrf: csrfTokenFrom(invite.text), trotzdem: 'on' });
    expect(invited.status).toBe(303);
    const mails = await t.app.get(DatabaseService).dataSource.getRepository(OutboxMail).find({ where: { meetingId, kind: 'invitation' } });
    expect(mails.length).toBeGreaterThan(0);
    const text = mails[0].textBody;
    const pdfId = await documentIdByTitle('محضر الجلسة – Протокол');
    const internalId = await documentIdByTitle('Bewerbungen');
    expect(text).toContain('Unterlagen:');
    expect(text).toContain(`- TOP 1: محضر الجلسة – Протокол (PDF, `);
    expect(text).toContain(`${t.config.baseUrl}/unterlagen/${pdfId}`);
    expect(text).toMatch(new RegExp(`TOP 2: Bewerbungen \\(Text, [^)]*nur nach Anmeldung\\): ${t.config.baseUrl}/unterlagen/${internalId}`));

    const ics = await anonymous.get(`/sitzungen/${meetingId}/ical`);
    expect(ics.status).toBe(200);
    expect(ics.text).toContain('ATTACH;VALUE=URI:');
    const calendar = new ICAL.Component(ICAL.parse(ics.text) as never);
    const event = calendar.getFirstSubcomponent('vevent');
    const attachments = (event?.getAllProperties('attach') ?? []).map((p) => String(p.getFirstValue()));
    expect(attachments).toContain(`${t.config.baseUrl}/unterlagen/${pdfId}`);
    expect(attachments).not.toContain(`${t.config.baseUrl}/unterlagen/${internalId}`);
    expect(event?.getFirstProperty('attach')?.type).toBe('uri');
  });

  it('lists the documents in the printable invitation letter', async () => {
    const letter = await chair.get(`/sitzungen/${meetingId}/einladung`);
    expect(letter.status).toBe(200);
    const pdfId = await documentIdByTitle('محضر الجلسة – Протокол');
    expect(letter.text).toContain('<h2>Unterlagen</h2>');
    expect(letter.text).toContain(`TOP 1: محضر الجلسة – Протокол (PDF, `);
    expect(letter.text).toContain(`${t.config.baseUrl}/unterlagen/${pdfId}`);
    expect(letter.text).toMatch(/TOP 2: Bewerbungen \(Text, [^)]*, nach Anmeldung\)/);
  });

  it('renders valid HTML on every documents page (W3C checker)', async () => {
    const collector = new HtmlCollector();
    try {
      const id = await documentIdByTitle('محضر الجلسة – Протокол');
      collector.add('chair meeting page with documents', (await chair.get(`/sitzungen/${meetingId}`)).text);
      collector.add('anonymous meeting page with documents', (await anonymous.get(`/sitzungen/${meetingId}`)).text);
      collector.add('upload form', (await chair.get(`/sitzungen/${meetingId}/unterlagen/neu`)).text);
      collector.add('upload form 422', (await upload(chair, meetingId, { title: 'x' }, [{ name: 'a.exe', bytes: sampleExe() }])).text);
      collector.add('manage page', (await chair.get(`/unterlagen/${id}/verwalten`)).text);
      collector.add('manage page 422', (await newVersion(chair, id, { name: 'x.svg', bytes: SAMPLE_SVG })).text);
      collector.add('invitation letter with documents', (await chair.get(`/sitzungen/${meetingId}/einladung`)).text);
      collector.add('remove page', (await chair.get(`/unterlagen/${id}/entfernen`)).text);
      expect(await collector.problems()).toEqual([]);
    } finally {
      collector.dispose();
    }
  }, 60_000);

  it('keeps the documents when their uploader is erased (GDPR), without the uploader\'s name', async () => {
    const id = await documentIdByTitle('محضر الجلسة – Протокол');
    const adminAccount = await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.admin });
    await t.app.get(PrivacyService).erase(memberViewer(adminAccount.id, null, true), f.people.chair);
    const manage = await admin.get(`/unterlagen/${id}/verwalten`);
    expect(manage.status).toBe(200);
    expect(manage.text).not.toContain('Петренко');
    expect(manage.text).not.toContain(f.emails.chair);
    expect((await getBytes(member, `/unterlagen/${id}`)).status).toBe(200);
  });
});

describe('demo documents', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the next Begleitbeirat meeting a generated PDF that anonymous visitors can open, and re-runs create nothing', async () => {
    const ds = t.app.get(DatabaseService).dataSource;
    const doc = await ds.getRepository(MeetingDocument).findOneOrFail({ where: { title: 'Sitzungsvorlage (Demo)' } });
    const anonymous = request.agent(t.http);
    const page = await anonymous.get(`/sitzungen/${doc.meetingId}`);
    expect(page.text).toContain('Sitzungsvorlage (Demo)');
    const file = await getBytes(anonymous, `/unterlagen/${doc.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((file.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await t.app.get(SeederService).seed({ demo: true, force: true })).toBe(0);
    expect(await ds.getRepository(MeetingDocument).count({ where: { title: 'Sitzungsvorlage (Demo)' } })).toBe(1);
  });
});

import { DataSource } from 'typeorm';
import { DomainEvents } from '../../src/database/domain-events.js';
import { DocumentBlob, DocumentVersion } from '../../src/documents/document.entity.js';
import { DocumentTextWorker } from '../../src/documents/document-text.worker.js';
import { type Agent, csrfTokenFrom } from '../helpers/auth.js';
import { samplePdf } from '../helpers/documents.js';
import { createMeeting, createMeetingsFixture, meetingAgent } from '../helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

async function upload(agent: Agent, meetingId: number, name: string, bytes: Buffer): Promise<number> {
  const page = await agent.get(`/sitzungen/${meetingId}/unterlagen/neu`);
  const res = await agent.post(`/sitzungen/${meetingId}/unterlagen/neu`).field('_csrf', csrfTokenFrom(page.text)).field('visibility', 'public').attach('dateien', bytes, { filename: name, contentType: 'application/pdf' });
  return res.status;
}

/** Meeting documents with two app instances on one PostgreSQL database (files live in the database). */
describe('meeting documents on two instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required for this suite');
    const documents = { maxBytes: 1024 * 1024, quotaBytes: 50 * 1024 * 1024, textWorker: false };
    a = await createTestApp({ documents });
    b = await createTestApp({ databasePath: a.config.databasePath, databaseUrl: a.config.databaseUrl, documents });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('accepts the same file from two chairs at once, stores it once and serves it from either instance; text is extracted once', async () => {
    const f = await createMeetingsFixture(a);
    const chairOnA = await meetingAgent(a, f.emails.chair);
    const adminOnB = await meetingAgent(b, f.emails.admin);
    const meetingId = await createMeeting(chairOnA, f, { title: 'Zwei Instanzen' });
    const same = await samplePdf('Gleiche Datei von zwei Seiten');
    const other = await samplePdf('Eine andere Datei');

    // four sessions (two people, each on both instances) upload at the same moment
    const chairOnB = await meetingAgent(b, f.emails.chair);
    const adminOnA = await meetingAgent(a, f.emails.admin);
    const statuses = await Promise.all([
      upload(chairOnA, meetingId, 'gleich-a.pdf', same),
      upload(adminOnB, meetingId, 'gleich-b.pdf', same),
      upload(adminOnA, meetingId, 'andere.pdf', other),
      upload(chairOnB, meetingId, 'gleich-c.pdf', same),
    ]);
    expect(statuses).toEqual([303, 303, 303, 303]);
    const ds = b.app.get(DataSource);
    expect(await ds.getRepository(DocumentVersion).count()).toBe(4);
    expect(await ds.getRepository(DocumentBlob).count()).toBe(2);

    // written through A, read through B (and the other way round)
    const versions = await ds.getRepository(DocumentVersion).find({ order: { id: 'ASC' } });
    for (const v of versions) {
      for (const app of [a, b]) {
        const agent = app === a ? chairOnA : adminOnB;
        const res = await agent
          .get(`/unterlagen/${v.documentId}`)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        expect((res.body as Buffer).equals(v.fileName === 'andere.pdf' ? other : same)).toBe(true);
      }
    }

    // both instances' workers at once: every version gets its text exactly once
    const events: number[] = [];
    for (const app of [a, b]) {
      app.app.get(DomainEvents).on('document.textExtracted', (_m, e) => {
        events.push(e.versionId);
        return Promise.resolve();
      });
    }
    const drain = async (app: TestApp): Promise<void> => {
      while (await app.app.get(DocumentTextWorker).runOnce()) {
        // next pending version
      }
    };
    await Promise.all([drain(a), drain(b)]);
    const done = await ds.getRepository(DocumentVersion).find({ order: { id: 'ASC' } });
    expect(done.map((v) => v.extractionState)).toEqual(['done', 'done', 'done', 'done']);
    expect(done.every((v) => (v.extractedText ?? '').length > 0)).toBe(true);
    expect(events.sort((x, y) => x - y)).toEqual(done.map((v) => v.id));
  }, 60_000);
});

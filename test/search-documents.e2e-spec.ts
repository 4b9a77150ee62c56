import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { ANONYMOUS, memberViewer, type Viewer } from '../src/auth/viewer.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DocumentTextWorker } from '../src/documents/document-text.worker.js';
import { DocumentsService } from '../src/documents/documents.service.js';
import { AgendaService } from '../src/meetings/agenda.service.js';
import { MeetingEditorService } from '../src/meetings/meeting-editor.service.js';
import { SearchDocument } from '../src/search/search-document.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchService } from '../src/search/search.service.js';
import { SAMPLE_PNG, samplePdf, samplePptx } from './helpers/documents.js';
import { createMeeting, createMeetingsFixture, type MeetingsFixture, meetingAgent } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PUBLIC_TEXT = 'Der Wohnsitzauflage-Bericht nennt die Dolmetscherkosten im Landkreis.';
const PRIVATE_TEXT = 'Vertrauliche Dolmetscherkosten: Honorartabelle der Sprachmittler.';

describe('meeting documents in the whole-network search', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let search: SearchService;
  let documents: DocumentsService;
  let chair: Viewer;
  let member: Viewer;
  let meetingId: number;

  const documentHits = async (viewer: Viewer, q: string) => {
    const result = await search.find(q, viewer);
    return { titles: result.hits.filter((h) => h.kind === 'document').map((h) => h.title).sort(), count: result.counts.document ?? 0, result };
  };

  beforeAll(async () => {
    // the worker's loop is off: the test drives it, so the text arrives at a known moment
    t = await createTestApp({ documents: { maxBytes: 1024 * 1024, quotaBytes: 10 * 1024 * 1024, textWorker: false } });
    search = t.app.get(SearchService);
    documents = t.app.get(DocumentsService);
    f = await createMeetingsFixture(t);
    const accounts = t.app.get(DataSource).getRepository(Account);
    chair = memberViewer((await accounts.findOneByOrFail({ email: f.emails.chair })).id, f.people.chair);
    member = memberViewer((await accounts.findOneByOrFail({ email: f.emails.outsider })).id, f.people.outsider);
    meetingId = await createMeeting(await meetingAgent(t, f.emails.chair), f, { title: 'Sitzung zur Wohnsitzauflage' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds a public PDF by its text (with snippet) for everybody, a members-only one only for members; removal drops it', async () => {
    const input = { agendaItemId: null, description: null };
    const [pub] = await documents.upload(chair, meetingId, { ...input, title: 'Bericht Wohnsitzauflage', visibility: 'public' }, [{ originalName: 'bericht.pdf', bytes: await samplePdf(PUBLIC_TEXT) }]);
    const [priv] = await documents.upload(chair, meetingId, { ...input, title: 'Honorare', visibility: 'members' }, [{ originalName: 'honorare-2026.pdf', bytes: await samplePdf(PRIVATE_TEXT) }]);
    const [img] = await documents.upload(chair, meetingId, { ...input, title: 'Foto Tafel', visibility: 'public' }, [{ originalName: 'tafel.png', bytes: SAMPLE_PNG }]);
    await documents.upload(chair, meetingId, { ...input, title: 'Notizen', visibility: 'members' }, [{ originalName: 'notizen.pptx', bytes: await samplePptx('Notizen der Runde') }]);

    // Indexed in the upload's transaction by title and file name, before any text exists.
    expect((await documentHits(ANONYMOUS, 'Wohnsitzauflage')).titles).toEqual(['Bericht Wohnsitzauflage']);
    expect((await documentHits(member, 'honorare-2026')).titles).toEqual(['Honorare']);
    expect((await documentHits(member, 'Dolmetscherkosten')).titles).toEqual([]);

    // The text worker's result reaches the index in its own transaction.
    const worker = t.app.get(DocumentTextWorker);
    while (await worker.runOnce());

    const anonymous = await documentHits(ANONYMOUS, 'Dolmetscherkosten');
    expect(anonymous.titles).toEqual(['Bericht Wohnsitzauflage']);
    expect(anonymous.count).toBe(1);
    const hit = anonymous.result.hits.find((h) => h.kind === 'document');
    expect(hit).toMatchObject({ path: `/unterlagen/${pub.id}`, bodyId: f.bodyId, day: '2026-03-26' });
    const snippets = await search.snippets('Dolmetscherkosten', anonymous.result.hits);
    const snippet = snippets.get(hit?.id ?? -1) ?? [];
    expect(snippet.map((p) => p.text).join('')).toContain('Dolmetscherkosten');
    expect(snippet.some((p) => p.mark && /dolmetscherkosten/i.test(p.text))).toBe(true);

    // The result page as an anonymous visitor gets it: grouped as "Unterlagen", linked, the word marked.
    const page = await request(t.http).get(`/suche?q=${encodeURIComponent('Dolmetscherkosten')}`).expect(200);
    expect(page.text).toContain('Unterlage');
    expect(page.text).toContain(`href="/unterlagen/${pub.id}"`);
    expect(page.text).toMatch(/<mark>Dolmetscherkosten<\/mark>/);
    expect(page.text).not.toContain('Honorar');
    const kindFilter = await request(t.http).get(`/suche?q=${encodeURIComponent('Honorartabelle')}&kind=document`).expect(200);
    expect(kindFilter.text).not.toContain('Honorare');

    // Members-only: nowhere for anonymous visitors (hits and counts), found by members.
    expect(await documentHits(ANONYMOUS, 'Honorartabelle')).toMatchObject({ titles: [], count: 0 });
    expect(await documentHits(ANONYMOUS, 'honorare-2026')).toMatchObject({ titles: [], count: 0 });
    expect((await search.find('Honorartabelle', ANONYMOUS)).total).toBe(0);
    expect(await documentHits(member, 'Honorartabelle')).toMatchObject({ titles: ['Honorare'], count: 1 });
    expect((await documentHits(member, 'Dolmetscherkosten')).titles).toEqual(['Bericht Wohnsitzauflage', 'Honorare']);

    // A file served inline (PDF, image) is the hit's target; an attachment type leads to the meeting's list.
    expect((await search.find('tafel', ANONYMOUS)).hits.find((h) => h.kind === 'document')?.path).toBe(`/unterlagen/${img.id}`);
    expect((await search.find('notizen', member)).hits.find((h) => h.kind === 'document')?.path).toBe(`/sitzungen/${meetingId}#unterlagen`);

    // A rebuild gives the same entries as the writes did.
    const docs = t.app.get(DataSource).getRepository(SearchDocument);
    const snapshot = async () => (await docs.find({ where: { kind: 'document' }, order: { refId: 'ASC' } })).map(({ id: _id, ...rest }) => rest);
    const before = await snapshot();
    await t.app.get(DatabaseService).write((m) => t.app.get(SearchIndexer).rebuildAll(m));
    expect(await snapshot()).toEqual(before);

    // Removed: gone from the index in the same write.
    await documents.remove(chair, priv.id);
    expect(await docs.countBy({ kind: 'document', refId: priv.id })).toBe(0);
    expect(await documentHits(member, 'Honorartabelle')).toMatchObject({ titles: [], count: 0 });
    await documents.remove(chair, pub.id);
    expect(await documentHits(ANONYMOUS, 'Dolmetscherkosten')).toMatchObject({ titles: [], count: 0 });
  }, 60_000);

  it('a meeting made internal takes its public documents out of the public search in the same write', async () => {
    const [doc] = await documents.upload(chair, meetingId, { agendaItemId: null, description: null, title: 'Einladung Stadtteilrunde', visibility: 'public' }, [{ originalName: 'einladung.pdf', bytes: await samplePdf('Stadtteilrunde Einladung') }]);
    expect((await documentHits(ANONYMOUS, 'Stadtteilrunde')).titles).toEqual(['Einladung Stadtteilrunde']);
    const editor = t.app.get(MeetingEditorService);
    const input = { title: 'Sitzung zur Wohnsitzauflage', date: '2026-03-26', startTime: '18:00', endTime: '20:00', locationId: f.locationId, onlineLink: null, description: null };
    await editor.update(chair, meetingId, { ...input, isPublic: false }, true);
    expect(await documentHits(ANONYMOUS, 'Stadtteilrunde')).toMatchObject({ titles: [], count: 0 });
    expect((await documentHits(member, 'Stadtteilrunde')).titles).toEqual(['Einladung Stadtteilrunde']);
    await editor.update(chair, meetingId, { ...input, isPublic: true }, true);
    expect(await documentHits(ANONYMOUS, 'Stadtteilrunde')).toMatchObject({ titles: [doc.title], count: 1 });
  }, 60_000);

  it('follows its agenda item made internal, and a new version replaces the searched text', async () => {
    const agenda = t.app.get(AgendaService);
    const itemInput = { title: 'Bericht der Beratungsstellen', level: 0, presenter: null, plannedMinutes: null, description: null };
    const item = await agenda.add(chair, meetingId, { ...itemInput, isPublic: true });
    const [doc] = await documents.upload(chair, meetingId, { agendaItemId: item.id, description: null, title: 'Statistik', visibility: 'public' }, [{ originalName: 'statistik.pdf', bytes: await samplePdf('Beratungsfälle Quartal eins') }]);
    const worker = t.app.get(DocumentTextWorker);
    while (await worker.runOnce());
    expect((await documentHits(ANONYMOUS, 'Beratungsfälle')).titles).toEqual(['Statistik']);

    await agenda.update(chair, meetingId, item.id, { ...itemInput, isPublic: false });
    expect(await documentHits(ANONYMOUS, 'Beratungsfälle')).toMatchObject({ titles: [], count: 0 });
    expect((await documentHits(member, 'Beratungsfälle')).titles).toEqual(['Statistik']);
    await agenda.update(chair, meetingId, item.id, { ...itemInput, isPublic: true });
    expect((await documentHits(ANONYMOUS, 'Beratungsfälle')).titles).toEqual(['Statistik']);

    await documents.addVersion(chair, doc.id, { originalName: 'statistik-neu.pdf', bytes: await samplePdf('Wartezeiten Quartal zwei') });
    // until the worker has read the new version, the entry is found by its name only, not by the old text
    expect((await documentHits(ANONYMOUS, 'Beratungsfälle')).titles).toEqual([]);
    expect((await documentHits(ANONYMOUS, 'statistik-neu')).titles).toEqual(['Statistik']);
    while (await worker.runOnce());
    expect((await documentHits(ANONYMOUS, 'Wartezeiten')).titles).toEqual(['Statistik']);
  }, 60_000);
});

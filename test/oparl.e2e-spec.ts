import { jest } from '@jest/globals';
import request from 'supertest';
import { Location } from '../src/meetings/location.entity.js';
import { DataSource } from 'typeorm';
import { ANONYMOUS, memberViewer, type Viewer } from '../src/auth/viewer.js';
import { BodiesEditorService } from '../src/bodies/bodies-editor.service.js';
import { MeetingDocument } from '../src/documents/document.entity.js';
import { canViewDocument } from '../src/documents/document-visibility.js';
import { DocumentsService } from '../src/documents/documents.service.js';
import { Body } from '../src/bodies/body.entity.js';
import { AgendaService } from '../src/meetings/agenda.service.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MeetingEditorService } from '../src/meetings/meeting-editor.service.js';
import { OrganisationsService } from '../src/organisations/organisations.service.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { Person } from '../src/people/person.entity.js';
import { createAccount } from './helpers/auth.js';
import { samplePdf } from './helpers/documents.js';
import { errorObjectErrors, type Harvest, harvest, objectErrors, pathOf } from './helpers/oparl.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = Record<string, unknown>;

// The demo data set is crawled object by object: generous limits for a busy CI machine.
jest.setTimeout(240_000);

const V = 'https://schema.oparl.org/1.1/';
const SYSTEM = '/oparl/v1.1/system';

describe('OParl 1.1 conformance (a harvester crawls everything from system)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Viewer;
  let full: Harvest;
  let base: string;
  /** Documents uploaded before the harvest: which must be a File and which never. */
  let docs: { general: number; ofItem: number; membersOnly: number; ofInternalItem: number; ofInternalMeeting: number; meetingId: number; itemId: number };

  const get = (path: string) => request(t.http).get(path);
  const url = (path: string) => `${base}${path}`;
  const ids = (h: Harvest, type: string) => [...h.objects.values()].filter((o) => o.type === `${V}${type}` && o.deleted !== true).map((o) => o.id as string);

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    ds = t.app.get(DataSource);
    base = t.config.baseUrl;
    admin = memberViewer((await createAccount(t, { email: 'oparl-admin@example.org', password: 'Ein langes Testpasswort 2026', isAdmin: true })).id, null, true);
    docs = await uploadDocuments();
    full = await harvest(t.http, base);
  });

  /** In a public meeting with a public and an internal item: two public files and three that must never appear. */
  async function uploadDocuments(): Promise<typeof docs> {
    const meetings = await ds.getRepository(Meeting).find({ where: { isPublic: true, state: 'scheduled' }, relations: { body: true }, order: { id: 'ASC' } });
    const agenda = await ds.getRepository(AgendaItem).find();
    const meeting = meetings.find((m) => m.body.isPublic && agenda.some((a) => a.meetingId === m.id && a.isPublic) && agenda.some((a) => a.meetingId === m.id && !a.isPublic));
    const internal = (await ds.getRepository(Meeting).find({ where: { isPublic: false, state: 'scheduled' }, order: { id: 'ASC' } }))[0];
    if (!meeting || !internal) throw new Error('the demo data has no meeting with a public and an internal agenda item, or no internal meeting');
    const item = agenda.find((a) => a.meetingId === meeting.id && a.isPublic) as AgendaItem;
    const internalItem = agenda.find((a) => a.meetingId === meeting.id && !a.isPublic) as AgendaItem;
    const documents = t.app.get(DocumentsService);
    const upload = async (meetingId: number, agendaItemId: number | null, title: string, visibility: 'public' | 'members') =>
      (await documents.upload(admin, meetingId, { agendaItemId, title, description: null, visibility }, [{ originalName: `${title}.pdf`, bytes: await samplePdf(title) }]))[0].id;
    return {
      meetingId: meeting.id,
      itemId: item.id,
      general: await upload(meeting.id, null, 'Einladung', 'public'),
      ofItem: await upload(meeting.id, item.id, 'Präsentation', 'public'),
      membersOnly: await upload(meeting.id, null, 'Honorare', 'members'),
      ofInternalItem: await upload(meeting.id, internalItem.id, 'Personalfrage', 'public'),
      ofInternalMeeting: await upload(internal.id, null, 'Klausur', 'public'),
    };
  }
  afterAll(async () => {
    await t.close();
  });

  it('finds every object conformant: schemas, JSON type, CORS, ETag, ids that are their own URLs', () => {
    expect(full.problems).toEqual([]);
    expect(full.objects.get(url(SYSTEM))).toMatchObject({ type: `${V}System`, oparlVersion: V, body: url('/oparl/v1.1/body') });
    const body = full.objects.get(url('/oparl/v1.1/body/1')) as Json;
    expect(body.legislativeTerm).toEqual([]);
    for (const list of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList']) {
      expect(full.pages.has(body[list] as string)).toBe(true);
    }
    for (const empty of ['paper', 'consultation', 'legislativeTermList']) {
      expect(full.pages.get(body[empty] as string)).toMatchObject({ data: [], pagination: { totalElements: 0 } });
    }
    // a real harvest: many meetings over several pages, agenda items, people, memberships, organisations
    expect(ids(full, 'Meeting').length).toBeGreaterThan(20);
    expect(ids(full, 'AgendaItem').length).toBeGreaterThan(20);
    expect(ids(full, 'Person').length).toBeGreaterThan(5);
    expect(ids(full, 'Membership').length).toBeGreaterThan(5);
    expect(ids(full, 'Location').length).toBeGreaterThan(0);
    expect(ids(full, 'File').length).toBeGreaterThanOrEqual(2);
    expect([...full.objects.values()].some((o) => o.organizationType === 'Institution')).toBe(true);
  });

  it('lists exactly what it serves: every listed object is reachable under its id with the same content', async () => {
    // the same harvest in pages of 10 (links.next all the way) finds the same objects
    const paged = await harvest(t.http, base, url(SYSTEM), 'limit=10');
    expect(paged.problems).toEqual([]);
    expect([...paged.listed.keys()].sort()).toEqual([...full.listed.keys()].sort());
    expect([...paged.pages.keys()].filter((p) => p.includes('page=3')).length).toBeGreaterThan(0);
    for (const [id, { object }] of full.listed) {
      expect(full.objects.get(id)).toEqual(object);
    }
    // embedded objects are reachable alone, with their back-reference
    const meeting = [...full.objects.values()].find((o) => o.type === `${V}Meeting` && Array.isArray(o.agendaItem) && o.agendaItem.length > 0) as Json;
    const embedded = (meeting.agendaItem as Json[])[0];
    expect(embedded.meeting).toBeUndefined();
    expect(full.objects.get(embedded.id as string)).toEqual({ ...embedded, meeting: meeting.id });
    const person = [...full.objects.values()].find((o) => o.type === `${V}Person` && Array.isArray(o.membership) && o.membership.length > 0) as Json;
    const membership = (person.membership as Json[])[0];
    expect(full.objects.get(membership.id as string)).toEqual({ ...membership, person: person.id });
  });

  it('never shows an internal body, meeting or agenda item, nor a person without consent — not even in counts', async () => {
    const served = new Set(full.objects.keys());
    const internalBodies = await ds.getRepository(Body).find({ where: { isPublic: false } });
    expect(internalBodies.length).toBeGreaterThan(0);
    for (const b of internalBodies) expect(served.has(url(`/oparl/v1.1/organization/gremium-${b.id}`))).toBe(false);
    const meetings = await ds.getRepository(Meeting).find({ relations: { body: true } });
    const publicMeetings = meetings.filter((m) => m.isPublic && m.body.isPublic);
    expect(meetings.length).toBeGreaterThan(publicMeetings.length);
    for (const m of meetings) expect(served.has(url(`/oparl/v1.1/meeting/${m.id}`))).toBe(m.isPublic && m.body.isPublic);
    const meetingList = full.pages.get(url('/oparl/v1.1/body/1/meeting')) as { pagination: { totalElements: number } };
    expect(meetingList.pagination.totalElements).toBe(publicMeetings.length);
    const items = await ds.getRepository(AgendaItem).find();
    const publicIds = new Set(publicMeetings.map((m) => m.id));
    expect(items.some((a) => !a.isPublic && publicIds.has(a.meetingId))).toBe(true);
    for (const a of items) expect(served.has(url(`/oparl/v1.1/agenda-item/${a.id}`))).toBe(a.isPublic && publicIds.has(a.meetingId));
    const people = await ds.getRepository(Person).find();
    expect(people.some((p) => p.consentAt === null)).toBe(true);
    for (const p of people) expect(served.has(url(`/oparl/v1.1/person/${p.id}`))).toBe(p.consentAt !== null);
    // places: only those of public meetings (the list of all rooms is an internal page)
    const placesOfPublicMeetings = new Set(publicMeetings.flatMap((m) => (m.locationId === null ? [] : [m.locationId])));
    const locations = await ds.getRepository(Location).find();
    expect(locations.some((l) => !placesOfPublicMeetings.has(l.id))).toBe(true);
    for (const l of locations) expect(served.has(url(`/oparl/v1.1/location/${l.id}`))).toBe(placesOfPublicMeetings.has(l.id));
    // unknown and never-public objects: 404 as an OParl Error object
    const internalMeeting = meetings.find((m) => !m.isPublic) as Meeting;
    for (const path of [`/oparl/v1.1/meeting/${internalMeeting.id}`, `/oparl/v1.1/organization/gremium-${internalBodies[0].id}`, '/oparl/v1.1/person/999999', '/oparl/v1.1/gibtsnicht']) {
      const res = await get(path).expect(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(errorObjectErrors(res.body, path)).toEqual([]);
    }
  });

  it('serves the public documents of public meetings and agenda items as File, embedded and alone; never a members-only one', async () => {
    const fileUrl = (id: number) => url(`/oparl/v1.1/file/${id}`);
    const fileList = full.pages.get((full.objects.get(url('/oparl/v1.1/body/1')) as Json).file as string) as { data: Json[]; pagination: { totalElements: number } };
    // exactly the documents the app's own rule shows an anonymous visitor (canViewDocument), the demo's included
    const all = await ds.getRepository(MeetingDocument).find({ relations: { meeting: { body: true }, agendaItem: true } });
    const expected = all.filter((d) => canViewDocument(d, d.meeting, d.agendaItem, ANONYMOUS)).map((d) => fileUrl(d.id));
    expect(expected).toEqual(expect.arrayContaining([fileUrl(docs.general), fileUrl(docs.ofItem)]));
    expect(all.length).toBeGreaterThan(expected.length);
    expect(fileList.data.map((f) => f.id).sort()).toEqual(expected.sort());
    expect(fileList.pagination.totalElements).toBe(expected.length);
    for (const id of [docs.membersOnly, docs.ofInternalItem, docs.ofInternalMeeting]) {
      expect(full.objects.has(fileUrl(id))).toBe(false);
      const res = await get(`/oparl/v1.1/file/${id}`).expect(404);
      expect(errorObjectErrors(res.body, `file ${id}`)).toEqual([]);
    }
    const general = full.objects.get(fileUrl(docs.general)) as Json;
    expect(general).toMatchObject({
      type: `${V}File`,
      name: 'Einladung',
      fileName: 'Einladung.pdf',
      mimeType: 'application/pdf',
      accessUrl: url(`/unterlagen/${docs.general}`),
      downloadUrl: url(`/unterlagen/${docs.general}?download=1`),
      meeting: [url(`/oparl/v1.1/meeting/${docs.meetingId}`)],
    });
    expect(general.agendaItem).toBeUndefined();
    expect(general.sha512Checksum).toBeUndefined();
    // the size is that of the bytes served; accessUrl opens the PDF, downloadUrl downloads it
    const opened = await get(`/unterlagen/${docs.general}`).expect(200);
    expect(Number(opened.headers['content-length'])).toBe(general.size);
    expect(opened.headers['content-disposition']).toMatch(/^inline;/);
    expect((await get(`/unterlagen/${docs.general}?download=1`).expect(200)).headers['content-disposition']).toMatch(/^attachment;/);
    // embedded without back-references: general papers in the meeting, the others in their agenda item
    const meeting = full.objects.get(url(`/oparl/v1.1/meeting/${docs.meetingId}`)) as Json;
    const { meeting: _m, ...embeddedGeneral } = general;
    expect(meeting.auxiliaryFile).toEqual([embeddedGeneral]);
    const ofItem = full.objects.get(fileUrl(docs.ofItem)) as Json;
    expect(ofItem.agendaItem).toEqual([url(`/oparl/v1.1/agenda-item/${docs.itemId}`)]);
    const { meeting: _m2, agendaItem: _a, ...embeddedOfItem } = ofItem;
    const item = (meeting.agendaItem as Json[]).find((a) => a.id === url(`/oparl/v1.1/agenda-item/${docs.itemId}`)) as Json;
    expect(item.auxiliaryFile).toEqual([embeddedOfItem]);
    expect(full.objects.get(item.id as string)?.auxiliaryFile).toEqual([embeddedOfItem]);
    // nothing of the other documents anywhere in the harvest, not even their names
    const everything = JSON.stringify([...full.objects.values(), ...full.pages.values()]);
    for (const name of ['Honorare', 'Personalfrage', 'Klausur']) expect(everything).not.toContain(`"${name}`);
    for (const d of all.filter((x) => !expected.includes(fileUrl(x.id)))) expect(everything).not.toContain(fileUrl(d.id));
  });

  it('keeps a removed public document, and one whose meeting was made internal, as File tombstones', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const documents = t.app.get(DocumentsService);
    const fileUrl = (id: number) => url(`/oparl/v1.1/file/${id}`);
    await documents.remove(admin, docs.general);
    expect((await get(pathOf(base, fileUrl(docs.general))).expect(200)).body).toMatchObject({ id: fileUrl(docs.general), type: `${V}File`, deleted: true });
    // a members-only document leaves no tombstone when removed: it never was public
    await documents.remove(admin, docs.membersOnly);
    await get(`/oparl/v1.1/file/${docs.membersOnly}`).expect(404);
    const plain = await harvest(t.http, base, url('/oparl/v1.1/body/1/file'), '', false);
    expect(plain.problems).toEqual([]);
    expect([...plain.listed.keys()].filter((id) => id === fileUrl(docs.general))).toEqual([]);
    const changed = await harvest(t.http, base, url(`/oparl/v1.1/body/1/file?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(changed.problems).toEqual([]);
    expect(changed.listed.get(fileUrl(docs.general))?.object).toMatchObject({ deleted: true });
    expect(changed.listed.has(fileUrl(docs.membersOnly))).toBe(false);
    // the meeting changed with it (its auxiliaryFile lost the document)
    const meetings = await harvest(t.http, base, url(`/oparl/v1.1/body/1/meeting?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(meetings.listed.get(url(`/oparl/v1.1/meeting/${docs.meetingId}`))?.object).toMatchObject({ auxiliaryFile: [] });

    // the meeting made internal: its public file becomes a tombstone too
    const m = await ds.getRepository(Meeting).findOneByOrFail({ id: docs.meetingId });
    await t.app.get(MeetingEditorService).update(
      admin,
      m.id,
      { title: m.title, date: berlinDate(m.startsAt), startTime: berlinTime(m.startsAt), endTime: berlinTime(m.endsAt), locationId: m.locationId, onlineLink: m.onlineLink, isPublic: false, description: m.description },
      true,
    );
    const file = await get(pathOf(base, fileUrl(docs.ofItem))).expect(200);
    expect(objectErrors(file.body, 'file')).toEqual([]);
    expect(file.body).toMatchObject({ deleted: true });
    expect((await harvest(t.http, base, url('/oparl/v1.1/body/1/file'), '', false)).listed.has(fileUrl(docs.ofItem))).toBe(false);

    // public again: the file is back (the tombstone goes)
    await t.app.get(MeetingEditorService).update(
      admin,
      m.id,
      { title: m.title, date: berlinDate(m.startsAt), startTime: berlinTime(m.startsAt), endTime: berlinTime(m.endsAt), locationId: m.locationId, onlineLink: m.onlineLink, isPublic: true, description: m.description },
      true,
    );
    expect((await get(pathOf(base, fileUrl(docs.ofItem))).expect(200)).body).toMatchObject({ name: 'Präsentation' });

    // its agenda item made internal: a tombstone again; public again: back
    const item = await ds.getRepository(AgendaItem).findOneByOrFail({ id: docs.itemId });
    const itemInput = { title: item.title, level: item.level, presenter: item.presenter, plannedMinutes: item.plannedMinutes, description: item.description };
    await t.app.get(AgendaService).update(admin, item.meetingId, item.id, { ...itemInput, isPublic: false });
    expect((await get(pathOf(base, fileUrl(docs.ofItem))).expect(200)).body).toMatchObject({ deleted: true });
    await t.app.get(AgendaService).update(admin, item.meetingId, item.id, { ...itemInput, isPublic: true });
    expect((await get(pathOf(base, fileUrl(docs.ofItem))).expect(200)).body).toMatchObject({ name: 'Präsentation' });

    // a new version: the file, its agenda item and meeting show up as changed, the file describes the new bytes
    const beforeVersion = new Date(Date.now() - 1000).toISOString();
    const bytes = await samplePdf('Präsentation, zweite Fassung mit mehr Text');
    await documents.addVersion(admin, docs.ofItem, { originalName: 'Präsentation v2.pdf', bytes });
    const since = (list: string) => harvest(t.http, base, url(`/oparl/v1.1/body/1/${list}?modified_since=${encodeURIComponent(beforeVersion)}`), '', false);
    expect((await since('file')).listed.get(fileUrl(docs.ofItem))?.object).toMatchObject({ fileName: 'Präsentation v2.pdf', size: bytes.length });
    expect((await since('agenda-item')).listed.has(url(`/oparl/v1.1/agenda-item/${docs.itemId}`))).toBe(true);
    expect((await since('meeting')).listed.has(url(`/oparl/v1.1/meeting/${docs.meetingId}`))).toBe(true);
  });

  it('gives agenda items the decisions of approved minutes only', async () => {
    const decisions = await ds.getRepository(Decision).find({ relations: { minutes: true } });
    let shown = 0;
    let withheld = 0;
    for (const d of decisions) {
      const item = full.objects.get(url(`/oparl/v1.1/agenda-item/${d.agendaItemId}`));
      if (!item) continue;
      if (d.minutes.status === 'approved') {
        expect(item.resolutionText).toContain(`${d.number}: ${d.text}`);
        expect(typeof item.result).toBe('string');
        shown++;
      } else {
        expect(typeof item.resolutionText === 'string' ? item.resolutionText : '').not.toContain(d.number);
        withheld++;
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  });

  it('shows only the contact fields a person made public, and only with consent', async () => {
    const people = await ds.getRepository(Person).find({ relations: { phones: true, emails: true } });
    let withContact = 0;
    for (const p of people) {
      const served = full.objects.get(url(`/oparl/v1.1/person/${p.id}`));
      if (!served) continue;
      const phones = p.phoneVisibility === 'public' ? p.phones.map((x) => x.number).sort() : [];
      const emails = p.emailVisibility === 'public' ? p.emails.map((x) => x.email).sort() : [];
      expect([...(served.phone as string[])].sort()).toEqual(phones);
      expect([...(served.email as string[])].sort()).toEqual(emails);
      if (phones.length + emails.length > 0) withContact++;
    }
    expect(withContact).toBeGreaterThan(0);
  });

  it('pages with a stable order, honours limit up to a maximum and keeps every filter in every link', async () => {
    const first = (await get('/oparl/v1.1/body/1/meeting?limit=7&modified_until=2100-01-01T00:00:00Z').expect(200)).body as Json & { links: Json; data: Json[]; pagination: Json };
    expect(first.data).toHaveLength(7);
    expect(first.pagination).toMatchObject({ elementsPerPage: 7, currentPage: 1 });
    for (const link of ['first', 'self', 'next', 'last']) {
      expect(first.links[link]).toContain('modified_until=2100-01-01T00%3A00%3A00Z');
      expect(first.links[link]).toContain('limit=7');
    }
    expect(first.links.prev).toBeUndefined();
    const second = (await get(pathOf(base, first.links.next as string)).expect(200)).body as { data: Json[]; links: Json };
    expect(second.data).toHaveLength(7);
    expect(second.links.prev).toBe(first.links.self);
    const ids7 = [...first.data, ...second.data].map((o) => o.id);
    const again = (await get('/oparl/v1.1/body/1/meeting?limit=14').expect(200)).body as { data: Json[] };
    expect(again.data.map((o) => o.id)).toEqual(ids7);
    const capped = (await get('/oparl/v1.1/body/1/meeting?limit=100000').expect(200)).body as { pagination: Json };
    expect(capped.pagination.elementsPerPage).toBe(500);
    const last = (await get(pathOf(base, first.links.last as string)).expect(200)).body as { links: Json };
    expect(last.links.next).toBeUndefined();
    for (const bad of ['limit=0', 'limit=abc', 'page=0', 'page=-1', 'omit_internal=vielleicht']) {
      const res = await get(`/oparl/v1.1/body/1/meeting?${bad}`).expect(400);
      expect(errorObjectErrors(res.body, bad)).toEqual([]);
    }
  });

  it('filters by created and modified, with and without fractional seconds, Z or an offset; a naive time is a 400', async () => {
    const all = (await get('/oparl/v1.1/body/1/person').expect(200)).body as { pagination: { totalElements: number } };
    for (const since of ['2000-01-01T00:00:00Z', '2000-01-01T01:00:00+01:00', '2000-01-01T00:00:00.000Z', '2000-01-01T01:00:00.5+01:00']) {
      const res = (await get(`/oparl/v1.1/body/1/person?created_since=${encodeURIComponent(since)}`).expect(200)).body as { pagination: { totalElements: number } };
      expect(res.pagination.totalElements).toBe(all.pagination.totalElements);
    }
    for (const filter of ['created_since=2100-01-01T00:00:00Z', 'modified_since=2100-01-01T00:00:00%2B01:00', 'created_until=2000-01-01T00:00:00Z', 'modified_until=2000-01-01T00:00:00.123Z']) {
      const res = (await get(`/oparl/v1.1/body/1/meeting?${filter}`).expect(200)).body as { data: Json[]; links: Json };
      expect(res.data).toEqual([]);
      expect(res.links.next).toBeUndefined();
    }
    // a list filtered by modified: only objects modified in the range, and its modified is what the filter used
    const meetings = [...full.objects.values()].filter((o) => o.type === `${V}Meeting`);
    const pivot = meetings.map((m) => m.modified as string).sort()[Math.floor(meetings.length / 2)];
    const since = (await harvest(t.http, base, url(`/oparl/v1.1/body/1/meeting?modified_since=${encodeURIComponent(pivot)}`), '', false)).listed;
    const expected = meetings.filter((m) => Date.parse(m.modified as string) >= Date.parse(pivot)).map((m) => m.id).sort();
    expect([...since.keys()].filter((id) => id.includes('/meeting/')).sort()).toEqual(expected);
    for (const naive of ['2026-01-01T00:00:00', '2026-01-01', 'gestern', '2026-01-01T00:00:00 01:00']) {
      for (const name of ['created_since', 'created_until', 'modified_since', 'modified_until']) {
        const res = await get(`/oparl/v1.1/body/1/organization?${name}=${encodeURIComponent(naive)}`).expect(400);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(errorObjectErrors(res.body, naive)).toEqual([]);
      }
    }
  });

  it('omits the internal lists on omit_internal=true', async () => {
    const res = (await get('/oparl/v1.1/body/1/meeting?omit_internal=true&limit=5').expect(200)).body as { data: Json[]; links: Json };
    for (const m of res.data) expect(m.agendaItem).toBeUndefined();
    expect(res.links.next).toContain('omit_internal=true');
    const person = ids(full, 'Person')[0];
    expect(((await get(`${pathOf(base, person)}?omit_internal=true`).expect(200)).body as Json).membership).toBeUndefined();
  });

  it('answers 304 to a matching ETag, CORS preflights, and 301 from non-canonical URLs', async () => {
    for (const path of [SYSTEM, '/oparl/v1.1/body/1/meeting?limit=3', pathOf(base, ids(full, 'Meeting')[0])]) {
      const first = await get(path).expect(200);
      // no session for a harvester: nothing personal, nothing to keep
      expect(first.headers['set-cookie']).toBeUndefined();
      const etag = first.headers.etag;
      const head = await request(t.http).head(path).expect(200);
      expect(head.headers.etag).toBe(etag);
      const again = await get(path).set('If-None-Match', etag).expect(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['access-control-allow-origin']).toBe('*');
      await get(path).set('If-None-Match', '"anders"').expect(200);
    }
    const preflight = await request(t.http).options('/oparl/v1.1/body/1/meeting').set('Origin', 'https://portal.example.org').set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'if-none-match');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
    const redirect = await get('/oparl/v1.1/body/1/meeting/?limit=3').expect(301);
    expect(redirect.headers.location).toBe('/oparl/v1.1/body/1/meeting?limit=3');
    expect((await get('/oparl/v1.1/system/').expect(301)).headers.location).toBe(SYSTEM);
    const meetingPath = pathOf(base, ids(full, 'Meeting')[0]);
    const padded = meetingPath.replace(/\/(\d+)$/, '/00$1');
    expect((await get(padded).expect(301)).headers.location).toBe(meetingPath);
    expect((await get('/oparl/v1.1/body/01/meeting?limit=3').expect(301)).headers.location).toBe('/oparl/v1.1/body/1/meeting?limit=3');
  });

  it('keeps deleted and unpublished objects as tombstones: 200 with deleted, in lists only with modified_since', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const meetingUrl = ids(full, 'Meeting').find((id) => {
      const m = full.objects.get(id) as Json;
      return Array.isArray(m.agendaItem) && m.agendaItem.length > 1;
    }) as string;
    const meeting = full.objects.get(meetingUrl) as Json;
    const meetingId = Number(meetingUrl.split('/').pop());
    const items = meeting.agendaItem as Json[];
    const m = await ds.getRepository(Meeting).findOneByOrFail({ id: meetingId });

    // one agenda item removed, then the meeting made internal
    const removedItemId = Number((items[0].id as string).split('/').pop());
    await t.app.get(AgendaService).remove(admin, meetingId, removedItemId);
    const afterRemoval = (await get(pathOf(base, meetingUrl)).expect(200)).body as Json;
    expect((afterRemoval.agendaItem as Json[]).map((a) => a.id)).not.toContain(items[0].id);
    expect(Date.parse(afterRemoval.modified as string)).toBeGreaterThan(Date.parse(meeting.modified as string) - 1000);
    await t.app.get(MeetingEditorService).update(
      admin,
      meetingId,
      { title: m.title, date: berlinDate(m.startsAt), startTime: berlinTime(m.startsAt), endTime: berlinTime(m.endsAt), locationId: m.locationId, onlineLink: m.onlineLink, isPublic: false, description: m.description },
      true,
    );

    for (const id of [meetingUrl, items[0].id as string, items[1].id as string]) {
      const res = await get(pathOf(base, id)).expect(200);
      expect(objectErrors(res.body, id)).toEqual([]);
      expect(res.body).toMatchObject({ id, deleted: true });
      expect((res.body as Json).name).toBeUndefined();
    }
    const tomb = (await get(pathOf(base, meetingUrl)).expect(200)).body as Json;
    expect(tomb.created).toBe(meeting.created);

    const plain = await harvest(t.http, base, url('/oparl/v1.1/body/1/meeting'), '', false);
    expect(plain.problems).toEqual([]);
    expect(plain.listed.has(meetingUrl)).toBe(false);
    expect([...plain.listed.values()].some(({ object }) => object.deleted === true)).toBe(false);
    const agendaPlain = await harvest(t.http, base, url('/oparl/v1.1/body/1/agenda-item'), '', false);
    expect(agendaPlain.listed.has(items[1].id as string)).toBe(false);

    const changed = await harvest(t.http, base, url(`/oparl/v1.1/body/1/meeting?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(changed.problems).toEqual([]);
    expect(changed.listed.get(meetingUrl)?.object).toMatchObject({ deleted: true });
    const agendaChanged = await harvest(t.http, base, url(`/oparl/v1.1/body/1/agenda-item?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(agendaChanged.listed.get(items[0].id as string)?.object).toMatchObject({ deleted: true });
    expect(agendaChanged.listed.get(items[1].id as string)?.object).toMatchObject({ deleted: true });

    // public again: the tombstone goes, the meeting is back
    await t.app.get(MeetingEditorService).update(
      admin,
      meetingId,
      { title: m.title, date: berlinDate(m.startsAt), startTime: berlinTime(m.startsAt), endTime: berlinTime(m.endsAt), locationId: m.locationId, onlineLink: m.onlineLink, isPublic: true, description: m.description },
      true,
    );
    const back = (await get(pathOf(base, meetingUrl)).expect(200)).body as Json;
    expect(back.deleted).toBeUndefined();
    expect(back.name).toBe(m.title);
  });

  it('turns a whole body into tombstones when it is made internal (its meetings and memberships too)', async () => {
    const bodyUrl = ids(full, 'Organization').find((id) => id.includes('gremium-') && ((full.objects.get(id) as Json).membership as string[]).length > 0) as string;
    const bodyId = Number(bodyUrl.split('-').pop());
    const org = full.objects.get(bodyUrl) as Json;
    const body = await ds.getRepository(Body).findOneByOrFail({ id: bodyId });
    await t.app.get(BodiesEditorService).update(admin, bodyId, {
      name: body.name,
      shortName: body.shortName,
      code: body.code,
      kind: body.kind,
      description: body.description,
      foundedOn: body.foundedOn,
      foundedYearOnly: body.foundedYearOnly,
      isPublic: false,
      defaultDurationMinutes: body.defaultDurationMinutes,
      noticePeriodDays: body.noticePeriodDays,
    });
    expect((await get(pathOf(base, bodyUrl)).expect(200)).body).toMatchObject({ deleted: true });
    for (const membership of org.membership as string[]) expect((await get(pathOf(base, membership)).expect(200)).body).toMatchObject({ deleted: true });
    const meetingsOfBody = (await ds.getRepository(Meeting).find({ where: { bodyId, isPublic: true } })).map((m) => url(`/oparl/v1.1/meeting/${m.id}`));
    for (const meeting of meetingsOfBody.slice(0, 5)) expect((await get(pathOf(base, meeting)).expect(200)).body).toMatchObject({ deleted: true });
    const plain = await harvest(t.http, base, url('/oparl/v1.1/body/1/organization'), '', false);
    expect(plain.listed.has(bodyUrl)).toBe(false);
  });

  it('keeps an agenda item made internal and a removed body as tombstones', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const live = (await harvest(t.http, base, url('/oparl/v1.1/body/1/agenda-item'), '', false)).listed;
    const itemUrl = [...live.keys()][0];
    const item = await ds.getRepository(AgendaItem).findOneByOrFail({ id: Number(itemUrl.split('/').pop()) });
    await t.app.get(AgendaService).update(admin, item.meetingId, item.id, {
      title: item.title,
      level: item.level,
      presenter: item.presenter,
      plannedMinutes: item.plannedMinutes,
      isPublic: false,
      description: item.description,
    });
    expect((await get(pathOf(base, itemUrl)).expect(200)).body).toMatchObject({ id: itemUrl, deleted: true });
    const meeting = (await get(`/oparl/v1.1/meeting/${item.meetingId}`).expect(200)).body as Json;
    expect((meeting.agendaItem as Json[]).map((a) => a.id)).not.toContain(itemUrl);
    expect(Date.parse(meeting.modified as string)).toBeGreaterThanOrEqual(Date.parse(before));

    let bodyUrl = '';
    for (const id of ids(full, 'Organization').filter((o) => o.includes('gremium-'))) {
      if (((await get(pathOf(base, id)).expect(200)).body as Json).deleted !== true) {
        bodyUrl = id;
        break;
      }
    }
    expect(bodyUrl).not.toBe('');
    const bodyId = Number(bodyUrl.split('-').pop());
    await t.app.get(BodiesEditorService).remove(admin, bodyId);
    expect((await get(pathOf(base, bodyUrl)).expect(200)).body).toMatchObject({ id: bodyUrl, deleted: true });
    const changed = await harvest(t.http, base, url(`/oparl/v1.1/body/1/organization?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(changed.listed.get(bodyUrl)?.object).toMatchObject({ deleted: true });
    const agendaChanged = await harvest(t.http, base, url(`/oparl/v1.1/body/1/agenda-item?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(agendaChanged.listed.get(itemUrl)?.object).toMatchObject({ deleted: true });
  });

  it('keeps a removed organisation as a tombstone', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const institution = ids(full, 'Organization').find((id) => id.includes('institution-')) as string;
    await t.app.get(OrganisationsService).remove(admin, Number(institution.split('-').pop()));
    const res = await get(pathOf(base, institution)).expect(200);
    expect(res.body).toMatchObject({ id: institution, deleted: true, created: (full.objects.get(institution) as Json).created });
    expect((await harvest(t.http, base, url('/oparl/v1.1/body/1/organization'), '', false)).listed.has(institution)).toBe(false);
    const changed = await harvest(t.http, base, url(`/oparl/v1.1/body/1/organization?modified_since=${encodeURIComponent(before)}`), '', false);
    expect(changed.problems).toEqual([]);
    expect(changed.listed.get(institution)?.object).toMatchObject({ deleted: true });
  });
});

function berlinDate(d: Date): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}
function berlinTime(d: Date): string {
  return d.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
}

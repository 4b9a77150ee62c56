import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { ANONYMOUS, memberViewer, type Viewer } from '../src/auth/viewer.js';
import { BodiesEditorService } from '../src/bodies/bodies-editor.service.js';
import { Body } from '../src/bodies/body.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DocumentTextWorker } from '../src/documents/document-text.worker.js';
import { AgendaService } from '../src/meetings/agenda.service.js';
import { Location } from '../src/meetings/location.entity.js';
import { LocationsService } from '../src/meetings/locations.service.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MeetingEditorService } from '../src/meetings/meeting-editor.service.js';
import { ActionItemsService } from '../src/minutes/action-items.service.js';
import { DecisionsService } from '../src/minutes/decisions.service.js';
import { textHash } from '../src/minutes/minutes-merge.js';
import { itemKey, MinutesService } from '../src/minutes/minutes.service.js';
import { SearchDocument, type SearchKind } from '../src/search/search-document.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchService } from '../src/search/search.service.js';
import { createMinutesFixture, type MinutesFixture } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** What a role finds for a query: "kind title" strings, sorted. */
type Found = string[];

const PUBLIC_ITEM = 'Sprachmittlerpool für die Beratungsstellen';
const INTERNAL_ITEM = 'Honorare im Sprachmittlerpool';
const KLAUSUR_ITEM = 'Sprachmittlerpool: Klausurthemen';
const PUBLIC_MINUTES = 'Frau Berger stellt den Sprachmittlerpool und die Dolmetschkosten für jedes Kind vor.';
const INTERNAL_MINUTES = 'Vertraulich: die Honorare der Sprachmittler steigen ab Juli.';
const PUBLIC_DECISION = 'Der Beirat unterstützt den Sprachmittlerpool ausdrücklich.';
const INTERNAL_DECISION = 'Das Honorar im Sprachmittlerpool wird erhöht.';
const TASK = 'Liste des Sprachmittlerpools an alle Beratungsstellen verschicken';

describe('search over the whole network: the same queries as every role', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let search: SearchService;
  let roles: Record<'anonymous' | 'member' | 'bodyMember' | 'chair' | 'admin', Viewer>;
  let chair: Viewer;
  let publicNumber: string;
  let internalNumber: string;

  const found = async (viewer: Viewer, q = 'Sprachmittler', kinds?: SearchKind[]): Promise<Found> =>
    (await search.find(q, viewer, kinds)).hits
      .filter((h) => h.kind !== 'person' && h.kind !== 'organisation' && h.kind !== 'body')
      .map((h) => `${h.kind} ${h.title}`)
      .sort();

  beforeAll(async () => {
    // The text of generated PDFs is extracted when the test says so (runOnce below), not by the background worker.
    t = await createTestApp({ documents: { maxBytes: 20 * 1024 * 1024, quotaBytes: 64 * 1024 * 1024, textWorker: false } });
    search = t.app.get(SearchService);
    f = await createMinutesFixture(t);
    const accounts = t.app.get(DataSource).getRepository(Account);
    const accountOf = async (email: string): Promise<number> => (await accounts.findOneByOrFail({ email })).id;
    chair = memberViewer(await accountOf(f.emails.chair), f.people.chair);
    roles = {
      anonymous: ANONYMOUS,
      member: memberViewer(await accountOf(f.emails.outsider), f.people.outsider),
      bodyMember: memberViewer(await accountOf(f.emails.member), f.people.member),
      chair,
      admin: memberViewer(await accountOf(f.emails.outsider), null, true),
    };
    // The fixture wrote its meetings straight into the tables: index them as a start would.
    await t.app.get(DatabaseService).write((m) => t.app.get(SearchIndexer).rebuildAll(m));

    // Everything else goes through the services, which keep the index in step in their transactions.
    const agenda = t.app.get(AgendaService);
    const item = { level: 0, presenter: null, plannedMinutes: null };
    await agenda.update(chair, f.meetingId, f.publicItemId, { ...item, title: PUBLIC_ITEM, isPublic: true, description: 'Die Stadt stellt den Pool vor.' });
    await agenda.update(chair, f.meetingId, f.internalItemId, { ...item, title: INTERNAL_ITEM, isPublic: false, description: null });
    await agenda.add(chair, f.internalMeetingId, { ...item, title: KLAUSUR_ITEM, isPublic: true, description: null });
    const minutesService = t.app.get(MinutesService);
    const minutes = await minutesService.create(f.meetingId, chair);
    await minutesService.saveTexts(f.meetingId, chair, {
      baseVersion: minutes.version,
      fields: {
        [itemKey(f.publicItemId)]: { value: PUBLIC_MINUTES, baseHash: textHash('') },
        [itemKey(f.internalItemId)]: { value: INTERNAL_MINUTES, baseHash: textHash('') },
      },
    });
    const decisions = t.app.get(DecisionsService);
    const decision = { unanimous: true, votesYes: null, votesNo: null, votesAbstain: null, result: 'adopted' as const };
    publicNumber = (await decisions.create(f.meetingId, chair, { ...decision, agendaItemId: f.publicItemId, text: PUBLIC_DECISION })).number;
    internalNumber = (await decisions.create(f.meetingId, chair, { ...decision, agendaItemId: f.internalItemId, text: INTERNAL_DECISION })).number;
    await t.app.get(ActionItemsService).create(f.meetingId, chair, { agendaItemId: f.publicItemId, what: TASK, responsiblePersonId: f.people.member, responsibleOrganisationId: null, dueDate: null });
  });
  afterAll(async () => {
    await t.close();
  });

  const agendaHits = {
    public: `agenda-item TOP 1: ${PUBLIC_ITEM}`,
    internal: `agenda-item TOP 2: ${INTERNAL_ITEM}`,
    klausur: `agenda-item TOP 3: ${KLAUSUR_ITEM}`,
  };
  const recordHits = () => ({
    publicMinutes: `minutes Protokoll: TOP 1: ${PUBLIC_ITEM}`,
    internalMinutes: `minutes Protokoll: TOP 2: ${INTERNAL_ITEM}`,
    publicDecision: `decision ${publicNumber}: ${PUBLIC_ITEM}`,
    internalDecision: `decision ${internalNumber}: ${INTERNAL_ITEM}`,
    task: `action-item ${TASK}`,
    /** The approved minutes as generated PDF (a meeting document; its extracted text is searched too). */
    minutesPdf: 'document Protokoll (genehmigt)',
  });

  /** Each role's search equals what it may see; counts, snippets and the page agree with the hits. */
  async function expectRoles(expected: Record<keyof typeof roles, string[]>): Promise<void> {
    for (const [role, viewer] of Object.entries(roles) as [keyof typeof roles, Viewer][]) {
      expect({ role, hits: await found(viewer) }).toEqual({ role, hits: [...expected[role]].sort() });
      const result = await search.find('Sprachmittler', viewer);
      const counted = Object.values(result.counts).reduce((a, b) => a + (b ?? 0), 0);
      expect(counted).toBe(result.total);
      for (const kind of Object.keys(result.counts) as SearchKind[]) expect(result.counts[kind]).toBe(result.hits.filter((h) => h.kind === kind).length);
      // Snippets come only from the viewer's own hits.
      const snippets = await search.snippets('Sprachmittler', result.hits);
      const shown = [...snippets.values()].map((parts) => parts.map((p) => p.text).join('')).join('\n');
      if (!expected[role].includes(recordHits().internalMinutes)) expect(shown).not.toContain('Vertraulich');
      if (!expected[role].includes(recordHits().internalDecision)) expect(shown).not.toContain('Honorar im');
    }
  }

  it('drafts: the public agenda item for everybody, internal items for members, the draft records for the chair and administrators only', async () => {
    // A decision deleted again leaves no trace in the index (the delete's transaction removes its document).
    const decisions = t.app.get(DecisionsService);
    const withdrawn = await decisions.create(f.meetingId, chair, { agendaItemId: f.publicItemId, text: 'Zurückgezogen: Sprachmittlerpool', unanimous: true, votesYes: null, votesNo: null, votesAbstain: null, result: 'adopted' });
    expect(await found(roles.admin, 'Zurückgezogen')).toEqual([`decision ${withdrawn.number}: ${PUBLIC_ITEM}`]);
    await decisions.remove(f.meetingId, withdrawn.id, chair);
    expect(await found(roles.admin, 'Zurückgezogen')).toEqual([]);
    const r = recordHits();
    const members = [agendaHits.public, agendaHits.internal, agendaHits.klausur];
    const drafts = [r.publicMinutes, r.internalMinutes, r.publicDecision, r.internalDecision, r.task];
    await expectRoles({
      anonymous: [agendaHits.public],
      member: members,
      bodyMember: members,
      chair: [...members, ...drafts],
      admin: [...members, ...drafts],
    });
  });

  it('circulated: members read the records; anonymous visitors still nothing of them', async () => {
    await t.app.get(MinutesService).transition(f.meetingId, chair, 'circulate', null);
    const r = recordHits();
    const all = [agendaHits.public, agendaHits.internal, agendaHits.klausur, r.publicMinutes, r.internalMinutes, r.publicDecision, r.internalDecision, r.task];
    await expectRoles({ anonymous: [agendaHits.public], member: all, bodyMember: all, chair: all, admin: all });
  });

  it('approved: anonymous visitors find the public decision and minutes text with snippets, never an internal item, task or text', async () => {
    await t.app.get(MinutesService).transition(f.meetingId, chair, 'approve', f.laterMeetingId);
    // the approved minutes became a public PDF of the meeting; its text is searched once extracted
    while (await t.app.get(DocumentTextWorker).runOnce());
    const r = recordHits();
    const all = [agendaHits.public, agendaHits.internal, agendaHits.klausur, r.publicMinutes, r.internalMinutes, r.publicDecision, r.internalDecision, r.task, r.minutesPdf];
    await expectRoles({ anonymous: [agendaHits.public, r.publicMinutes, r.publicDecision, r.minutesPdf], member: all, bodyMember: all, chair: all, admin: all });

    // The page as an anonymous visitor: grouped counts, highlighted snippets, nothing internal anywhere in it.
    const page = (await request(t.http).get('/suche').query({ q: 'Sprachmittler' }).expect(200)).text;
    expect(page).toMatch(/Tagesordnungspunkte <span class="search-kinds__count">1<\/span>/);
    expect(page).toMatch(/Beschlüsse <span class="search-kinds__count">1<\/span>/);
    expect(page).toMatch(/Protokolle <span class="search-kinds__count">1<\/span>/);
    expect(page).toContain('<mark>Sprachmittlerpool</mark>');
    expect(page).toContain(`href="/sitzungen/${f.meetingId}/protokoll#beschluss-${publicNumber}"`);
    expect(page).toContain(`Testbeirat`);
    expect(page).toContain('10. März 2026');
    for (const secret of ['Honorar', 'Vertraulich', 'Klausur', 'Aufgaben <span', TASK]) expect(page).not.toContain(secret);

    // The same page as a member of the body shows the internal agenda item.
    const asMember = await search.find('Sprachmittler', roles.bodyMember, ['agenda-item']);
    expect(asMember.hits.map((h) => h.title)).toContain(`TOP 2: ${INTERNAL_ITEM}`);
  });

  it('jumps to a decision by its number, only when the viewer may see it', async () => {
    const jump = await request(t.http).get('/suche').query({ q: publicNumber }).expect(303);
    expect(jump.headers.location).toBe(`/sitzungen/${f.meetingId}/protokoll#beschluss-${publicNumber}`);
    const lower = await request(t.http).get('/suche').query({ q: ` ${publicNumber.toLowerCase()} ` }).expect(303);
    expect(lower.headers.location).toBe(jump.headers.location);
    // Without the leading zero of the running number ("T1ABC-2026-1") it is the same decision.
    const unpadded = publicNumber.replace(/-0(\d)$/, '-$1');
    expect(unpadded).not.toBe(publicNumber);
    expect((await request(t.http).get('/suche').query({ q: unpadded }).expect(303)).headers.location).toBe(jump.headers.location);
    // A number that no decision has is an ordinary search.
    await request(t.http).get('/suche').query({ q: publicNumber.replace(/-\d+$/, '-99') }).expect(200);
    // The internal decision's number gives an anonymous visitor an ordinary page without it.
    const hidden = await request(t.http).get('/suche').query({ q: internalNumber }).expect(200);
    expect(hidden.text).not.toContain(INTERNAL_ITEM);
  });

  it('long text: inflected forms find each other on PostgreSQL (german configuration); SQLite matches word beginnings only', async () => {
    const postgres = t.app.get(DataSource).options.type === 'postgres';
    // "Kindern" is not a beginning of "Kind": only the german stemmer (kindern → kind) relates them.
    expect(await found(roles.admin, 'Kindern')).toEqual(postgres ? [recordHits().minutesPdf, recordHits().publicMinutes] : []);
    // Word beginnings work on both: "Dolmetsch" in "Dolmetschkosten" (the minutes and their PDF).
    expect(await found(roles.admin, 'Dolmetsch')).toEqual([recordHits().minutesPdf, recordHits().publicMinutes]);
  });

  it('filters by kind, body and date range; bad filter values are named (422) and left out', async () => {
    const decisionsOnly = (await request(t.http).get('/suche').query({ q: 'Sprachmittler', kind: 'decision' }).expect(200)).text;
    expect(decisionsOnly).toContain(publicNumber);
    expect(decisionsOnly).not.toContain('TOP 1: ' + PUBLIC_ITEM + '</a>');
    const other = await search.find('Sprachmittler', roles.admin, undefined, { bodyId: f.otherBodyId });
    expect(other.total).toBe(0);
    const ofBody = await search.find('Sprachmittler', roles.admin, undefined, { bodyId: f.bodyId });
    expect(ofBody.total).toBeGreaterThan(5);
    const march = await search.find('Sprachmittler', roles.admin, undefined, { from: '2026-03-01', to: '2026-03-31' });
    expect(march.hits.every((h) => h.day !== null && h.day >= '2026-03-01' && h.day <= '2026-03-31')).toBe(true);
    expect(march.hits.map((h) => h.title)).not.toContain(`TOP 3: ${KLAUSUR_ITEM}`);
    const april = await search.find('Sprachmittler', roles.admin, undefined, { from: '2026-04-01', to: '2026-04-30' });
    expect(april.hits.map((h) => h.title)).toEqual([`TOP 3: ${KLAUSUR_ITEM}`]);
    const page = await request(t.http).get('/suche').query({ q: 'Sprachmittler', von: '31.02.2026', bis: 'morgen', gremium: '999999' }).expect(422);
    expect(page.text).toContain('ist kein Datum');
    expect(page.text).toContain('Dieses Gremium gibt es nicht');
    expect(page.text).toContain(publicNumber);
    const german = await request(t.http).get('/suche').query({ q: 'Sprachmittler', von: '01.03.2026', bis: '31.03.2026', gremium: String(f.bodyId) }).expect(200);
    expect(german.text).toContain('value="01.03.2026"');
    expect(german.text).toContain(publicNumber);
    const reversed = await request(t.http).get('/suche').query({ q: 'Sprachmittler', von: '31.03.2026', bis: '01.03.2026' }).expect(422);
    expect(reversed.text).toContain('vor seinem Anfang');
  });

  it('keeps the index in step: a meeting or body made internal leaves the public search in the same write; a rebuild gives the same index', async () => {
    const editor = t.app.get(MeetingEditorService);
    const input = { title: '1. Sitzung 2026', date: '2026-03-10', startTime: '18:00', endTime: '20:00', locationId: null, onlineLink: null, description: null };
    await editor.update(chair, f.meetingId, { ...input, isPublic: false }, true);
    expect(await found(ANONYMOUS)).toEqual([]);
    await editor.update(chair, f.meetingId, { ...input, isPublic: true }, true);
    // agenda item, decision, minutes and the minutes' PDF
    expect(await found(ANONYMOUS)).toHaveLength(4);

    const bodies = t.app.get(BodiesEditorService);
    const body = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ id: f.bodyId });
    const admin = roles.admin;
    const bodyInput = {
      name: body.name,
      shortName: body.shortName,
      code: body.code,
      kind: body.kind,
      description: body.description,
      foundedOn: body.foundedOn,
      foundedYearOnly: body.foundedYearOnly,
      defaultDurationMinutes: body.defaultDurationMinutes,
      noticePeriodDays: body.noticePeriodDays,
    };
    await bodies.update(admin, f.bodyId, { ...bodyInput, isPublic: false });
    expect(await found(ANONYMOUS)).toEqual([]);
    expect((await found(roles.member)).length).toBe(9);
    await bodies.update(admin, f.bodyId, { ...bodyInput, isPublic: true });
    expect(await found(ANONYMOUS)).toHaveLength(4);

    // Nothing in the index refers to a record that is gone, and a rebuild gives the same index.
    const before = await t.app.get(DataSource).getRepository(SearchDocument).find({ order: { kind: 'ASC', refId: 'ASC' } });
    await t.app.get(DatabaseService).write((m) => t.app.get(SearchIndexer).rebuildAll(m));
    const after = await t.app.get(DataSource).getRepository(SearchDocument).find({ order: { kind: 'ASC', refId: 'ASC' } });
    const strip = (docs: SearchDocument[]) => docs.map(({ id: _id, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it('finds meetings by their place, also after the place is renamed', async () => {
    const laterMeeting = await t.app.get(DataSource).getRepository(Meeting).findOneByOrFail({ id: f.laterMeetingId });
    const place = await t.app.get(DataSource).getRepository(Location).findOneByOrFail({ id: laterMeeting.locationId! });
    await t.app.get(LocationsService).update(roles.admin, place.id, { ...place, name: 'Schleswig-Holstein-Haus, Festsaal' });
    const hits = (await search.find('Festsaal', ANONYMOUS, ['meeting'])).hits.map((h) => h.refId);
    expect(hits).toContain(f.laterMeetingId);
    expect(hits).not.toContain(f.internalMeetingId);
    expect((await search.find('Festsaal', roles.member, ['meeting'])).hits.map((h) => h.refId)).toContain(f.internalMeetingId);
    expect((await search.find('Demmlersaal', ANONYMOUS, ['meeting'])).total).toBe(0);
  });
});

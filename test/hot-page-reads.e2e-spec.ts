import request from 'supertest';
import { In } from 'typeorm';
import { ANONYMOUS, memberViewer, type Viewer } from '../src/auth/viewer.js';
import { BodiesService } from '../src/bodies/bodies.service.js';
import { BodyPolicyService } from '../src/bodies/body-policy.service.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DocumentBlob, DocumentVersion, MeetingDocument } from '../src/documents/document.entity.js';
import { DocumentsService } from '../src/documents/documents.service.js';
import { canViewDocument } from '../src/documents/document-visibility.js';
import { CalendarFeedService, feedWindowStart } from '../src/calendar/calendar-feed.service.js';
import { meetingEvent } from '../src/calendar/meeting-event.js';
import { todayInBerlin } from '../src/common/dates.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import type { MeetingFilter } from '../src/meetings/meeting-reads.js';
import { agendaForAudience } from '../src/meetings/meeting-visibility.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MeetingsRepository } from '../src/meetings/meetings.repository.js';
import { BodyQuorumRule } from '../src/bodies/quorum-rule.entity.js';
import { QuorumRulesService } from '../src/bodies/quorum-rules.service.js';
import { deputyCandidatesAmong, MeetingsService } from '../src/meetings/meetings.service.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { DecisionsService } from '../src/minutes/decisions.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { PeopleRepository } from '../src/people/people.repository.js';
import { visibleContact } from '../src/people/person-contact.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonLanguage } from '../src/people/person-language.entity.js';
import { PersonPhone } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';
import { loggedInAgent } from './helpers/auth.js';
import { countSql } from './helpers/sql-count.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The hand-written reads of the hot pages (issue 22) give exactly what the entity reads give, on
 * both engines: timestamps, dates, booleans, removed organisations and people, the order of
 * phones and e-mails; and the body's vCard bundle of 100 members costs two statements.
 */
describe('hand-written reads of the directory pages', () => {
  let t: TestApp;
  let bigBodyId = 0;
  const viewers: Viewer[] = [ANONYMOUS, memberViewer(1)];

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    await t.app.get(DatabaseService).write(async (m) => {
      const parent = await m.getRepository(Organisation).save({ name: 'Dachverband Lesen', kind: 'association' });
      const unit = await m.getRepository(Organisation).save({ name: 'Ortsgruppe Lesen', kind: 'association', parentId: parent.id, street: 'Am Markt 1', postalCode: '19055', locality: 'Schwerin' });
      const gone = await m.getRepository(Organisation).save({ name: 'Aufgelöster Verein', kind: 'association' });
      const body = await m.getRepository(Body).save({ name: 'Großer Beirat Lesen', code: 'GBL', kind: 'advisory_board', isPublic: false, foundedOn: '2003-05-01', foundedYearOnly: true });
      bigBodyId = body.id;
      for (let i = 0; i < 100; i++) {
        const person = await m.getRepository(Person).save({
          givenName: `Vorname${i}`,
          familyName: `Lesen${String(i).padStart(3, '0')}`,
          sortKey: `lesen${String(i).padStart(3, '0')} vorname${i}`,
          organisationId: i % 3 === 0 ? unit.id : i % 3 === 1 ? gone.id : null,
          room: i % 4 === 0 ? `R ${i}` : null,
          phoneVisibility: i % 2 === 0 ? 'public' : 'members',
          emailVisibility: i % 5 === 0 ? 'hidden' : 'public',
          addressVisibility: 'public',
          consentAt: i % 2 === 0 ? new Date(Date.UTC(2025, 2, 30, 1, 30, 15, 250)) : null,
        });
        // positions entered out of order: the cards list them by position
        await m.getRepository(PersonPhone).save([
          { personId: person.id, kind: 'mobile', number: `+49 170 ${i}`, position: 1 },
          { personId: person.id, kind: 'work', number: `+49 385 ${i}`, position: 0 },
        ]);
        await m.getRepository(PersonEmail).save([{ personId: person.id, email: `b${i}@example.org`, position: 1 }, { personId: person.id, email: `a${i}@example.org`, position: 0 }]);
        if (i % 2 === 0) await m.getRepository(PersonLanguage).save([{ personId: person.id, code: 'uk' }, { personId: person.id, code: 'ar' }]);
        await m.getRepository(Membership).save({ bodyId: body.id, personId: person.id, role: i === 5 ? 'chair' : 'member', votingRight: i % 2 === 0, startDate: '2020-01-01', endDate: i === 7 ? '2021-01-01' : null });
      }
      await m.getRepository(Organisation).softDelete({ id: gone.id });
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads every contact exactly as the entity read does, for anonymous visitors and members', async () => {
    const entities = await t.app.get(DatabaseService).dataSource.getRepository(Person).find({
      relations: { phones: true, emails: true, languages: true, topics: { topic: true }, organisation: { parent: true } },
    });
    expect(entities.length).toBeGreaterThan(100);
    const read = await t.app.get(PeopleRepository).readContacts(entities.map((p) => p.id));
    expect(read.map((p) => p.id)).toEqual(entities.map((p) => p.id));
    for (const [i, entity] of entities.entries()) {
      const raw = read[i];
      expect(raw.updatedAt).toBeInstanceOf(Date);
      expect(raw.updatedAt.toISOString()).toBe(entity.updatedAt.toISOString());
      expect(raw.consentAt?.toISOString() ?? null).toBe(entity.consentAt?.toISOString() ?? null);
      expect(raw.sortKey).toBe(entity.sortKey);
      expect(raw.profile).toBe(entity.profile);
      for (const viewer of viewers) expect(visibleContact(raw, viewer)).toEqual(visibleContact(entity, viewer));
    }
  });

  it('reads a body with its memberships as the entities say (dates, booleans, removed people and organisations)', async () => {
    const manager = t.app.get(DatabaseService).dataSource.manager;
    const bodies = await manager.getRepository(Body).find();
    for (const body of bodies) {
      const entities = await manager.getRepository(Membership).find({ where: { bodyId: body.id }, relations: { person: { organisation: true }, onBehalfOf: true }, withDeleted: true });
      const { body: facts, current, upcoming, former } = await t.app.get(BodiesService).detail(body.id, memberViewer(1));
      expect(facts).toEqual({ id: body.id, name: body.name, shortName: body.shortName, kind: body.kind, description: body.description, foundedOn: body.foundedOn, foundedYearOnly: body.foundedYearOnly, isPublic: body.isPublic });
      const listed = [...current, ...upcoming, ...former].sort((a, b) => a.id - b.id);
      expect(listed.map((m) => ({ id: m.id, role: m.role, votingRight: m.votingRight, note: m.note, startDate: m.startDate, endDate: m.endDate, personGone: m.person.deletedAt !== null, org: m.person.organisation?.name ?? null, onBehalfOf: m.onBehalfOf?.name ?? null }))).toEqual(
        entities
          .sort((a, b) => a.id - b.id)
          .map((m) => ({ id: m.id, role: m.role, votingRight: m.votingRight, note: m.note, startDate: m.startDate, endDate: m.endDate, personGone: m.person.deletedAt !== null, org: m.person.organisation?.name ?? null, onBehalfOf: m.onBehalfOf?.name ?? null })),
      );
    }
  });

  it('decides the right to manage from the current memberships read (managesAmong) exactly as the policy query does', async () => {
    const manager = t.app.get(DatabaseService).dataSource.manager;
    const policy = t.app.get(BodyPolicyService);
    const bodies = await manager.getRepository(Body).find();
    const personIds = [...new Set((await manager.getRepository(Membership).find({ withDeleted: true })).map((m) => m.personId))].slice(0, 60);
    let managing = 0;
    for (const body of bodies) {
      const { current } = await t.app.get(BodiesService).detail(body.id, memberViewer(1));
      for (const viewer of [ANONYMOUS, memberViewer(1, null), memberViewer(1, null, true), ...personIds.map((id) => memberViewer(1, id))]) {
        const expected = await policy.canManageBody(viewer, body.id);
        expect({ body: body.id, viewer, manages: policy.managesAmong(viewer, current) }).toEqual({ body: body.id, viewer, manages: expected });
        if (expected && viewer.kind === 'member' && !viewer.isAdmin) managing++;
      }
    }
    expect(managing).toBeGreaterThan(0);
  });

  it('builds the vCard bundle of 100 members from two statements (the body with its memberships, the members with their contacts)', async () => {
    const admin = await loggedInAgent(t, { email: 'reads-admin@example.org', password: 'Lesepfade-Verwaltung-2026', isAdmin: true });
    await admin.get(`/gremien/${bigBodyId}/vcard`).expect(200);
    const { result, statements } = await countSql(() => t.app.get(BodiesService).memberContacts(bigBodyId, memberViewer(1)));
    expect(statements).toHaveLength(2);
    // the chair first, then by name; the member whose membership ended is not in it
    expect(result.contacts).toHaveLength(99);
    expect(result.contacts[0].familyName).toBe('Lesen005');
    expect(result.contacts[1].familyName).toBe('Lesen000');
    expect(result.contacts.some((c) => c.familyName === 'Lesen007')).toBe(false);
    // a removed organisation is no organisation; a unit shows its parent
    expect(result.contacts.find((c) => c.familyName === 'Lesen001')?.organisation).toBeNull();
    expect(result.contacts[1].organisation).toMatchObject({ name: 'Ortsgruppe Lesen', parentName: 'Dachverband Lesen' });
    const text = (await admin.get(`/gremien/${bigBodyId}/vcard`).expect(200)).text;
    expect(text.match(/BEGIN:VCARD/g)).toHaveLength(99);
    // an internal body is not there for anonymous visitors
    await request(t.http).get(`/gremien/${bigBodyId}/vcard`).expect(404);
  });
  it('lists the documents of a meeting page in one statement exactly as the entity read and canViewDocument do', async () => {
    const ds = t.app.get(DatabaseService).dataSource;
    const meeting = await ds.getRepository(Meeting).findOneOrFail({ where: { body: { isPublic: true }, isPublic: true }, relations: { body: true }, order: { id: 'ASC' } });
    // an internal and a public agenda item, a document with two versions, one without a version, one of each visibility
    await t.app.get(DatabaseService).write(async (m) => {
      const internal = await m.getRepository(AgendaItem).save({ meetingId: meeting.id, number: '98', position: 98, title: 'Intern Lesen', isPublic: false });
      const open = await m.getRepository(AgendaItem).save({ meetingId: meeting.id, number: '99', position: 99, title: 'Öffentlich Lesen', isPublic: true });
      await m.getRepository(DocumentBlob).save({ sha256: 'a'.repeat(64), size: 3 });
      const docs = await m.getRepository(MeetingDocument).save([
        { meetingId: meeting.id, agendaItemId: internal.id, title: 'Zahlen intern', visibility: 'public' as const },
        { meetingId: meeting.id, agendaItemId: open.id, title: 'Änderungen', description: 'zwei Fassungen', visibility: 'public' as const },
        { meetingId: meeting.id, agendaItemId: open.id, title: 'Aktennotiz', visibility: 'members' as const },
        { meetingId: meeting.id, agendaItemId: null, title: 'Ohne Datei', visibility: 'public' as const },
        { meetingId: meeting.id, agendaItemId: null, title: 'allgemein', visibility: 'public' as const },
      ]);
      const version = { blobSha256: 'a'.repeat(64), fileName: 'a.pdf', mimeType: 'application/pdf', size: 3 };
      await m.getRepository(DocumentVersion).save([0, 1, 1, 2, 4].map((i, n) => ({ ...version, documentId: docs[i].id, size: 3 + n, mimeType: n === 2 ? 'text/plain' : version.mimeType })));
    });
    const documents = t.app.get(DocumentsService);
    const shape = (e: { document: { id: number; title: string; description: string | null; visibility: string }; version: { mimeType: string; size: number; uploadedAt: Date }; item: { number: string; title: string; position: number; isPublic: boolean } | null; isPublic: boolean }): unknown => ({
      document: { id: e.document.id, title: e.document.title, description: e.document.description, visibility: e.document.visibility },
      version: { mimeType: e.version.mimeType, size: e.version.size, uploadedAt: e.version.uploadedAt.toISOString() },
      item: e.item ? { number: e.item.number, title: e.item.title, position: e.item.position, isPublic: e.item.isPublic } : null,
      isPublic: e.isPublic,
    });
    for (const viewer of [ANONYMOUS, memberViewer(1), memberViewer(1, null, true)]) {
      const entity = (await documents.visibleOf(meeting, viewer)).map(shape);
      const plain = await countSql(() => documents.listOf(meeting, viewer));
      expect(plain.statements).toHaveLength(1);
      expect(plain.result.map(shape)).toEqual(entity);
      expect(entity.length).toBeGreaterThanOrEqual(viewer.kind === 'anonymous' ? 2 : 4);
      expect(plain.result.every((e) => e.version.uploadedAt instanceof Date)).toBe(true);
    }
  });
  it('reads the latest decisions of a body for the body page in one statement, the first of the full list', async () => {
    const ds = t.app.get(DatabaseService).dataSource;
    const counts = await ds.getRepository(Decision).createQueryBuilder('d').select('d.bodyId', 'bodyId').addSelect('COUNT(*)', 'n').groupBy('d.bodyId').getRawMany<{ bodyId: number; n: number | string }>();
    const busiest = counts.sort((a, b) => Number(b.n) - Number(a.n))[0];
    expect(Number(busiest?.n)).toBeGreaterThan(5);
    const decisions = t.app.get(DecisionsService);
    for (const viewer of [ANONYMOUS, memberViewer(1), memberViewer(1, null, true)]) {
      const all = await decisions.recentOfBody(viewer, Number(busiest.bodyId), 1000);
      const { result, statements } = await countSql(() => decisions.recentOfBody(viewer, Number(busiest.bodyId), 5));
      expect(statements).toHaveLength(1);
      expect(result.map((d) => d.id)).toEqual(all.slice(0, 5).map((d) => d.id));
      expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
      for (const d of result) expect(d.minutes.meeting.startsAt).toBeInstanceOf(Date);
    }
  });
  it('reads the meeting of the meeting page with its agenda and quorum rule in one statement of plain rows, as the entity reads give them', async () => {
    const ds = t.app.get(DatabaseService).dataSource;
    await t.app.get(DatabaseService).write((m) => m.getRepository(BodyQuorumRule).save({ bodyId: bigBodyId, kind: 'count', value: 7 }));
    const empty = await t.app.get(DatabaseService).write((m) => m.getRepository(Meeting).save({ bodyId: bigBodyId, title: 'Ohne Tagesordnung', uid: 'ohne-tagesordnung@example.org', startsAt: new Date(Date.UTC(2026, 2, 29, 0, 30)), endsAt: new Date(Date.UTC(2026, 2, 29, 2, 30)), isPublic: false }));
    const repository = t.app.get(MeetingsRepository);
    const service = t.app.get(MeetingsService);
    const admin = memberViewer(1, null, true);
    const meetings = await ds.getRepository(Meeting).find({ order: { id: 'ASC' } });
    expect(meetings.length).toBeGreaterThan(5);
    for (const { id } of meetings) {
      const entity = await repository.findById(id);
      const { result, statements } = await countSql(() => service.detail(id, ANONYMOUS).catch(() => null));
      expect(statements).toHaveLength(1);
      const detail = await service.detail(id, admin);
      // every column of the meeting, its body's and place's shown columns, values as the entity has them
      expect(Object.keys(detail.meeting).sort()).toEqual(Object.keys(entity!).sort());
      expect(entity).toMatchObject(detail.meeting);
      expect(detail.meeting).not.toBeInstanceOf(Meeting);
      const agenda = await repository.findAgenda(id);
      expect(agenda).toMatchObject(detail.agenda);
      for (const item of detail.agenda) expect(Object.keys(item).sort()).toEqual(Object.keys(agenda[0]).filter((k) => k !== 'createdAt').sort());
      expect((await repository.findByIdWithAgenda(id))?.quorumRule).toEqual(await t.app.get(QuorumRulesService).ruleOf(detail.meeting.bodyId));
      if (result) expect(result.agenda.every((a) => a.isPublic)).toBe(true);
    }
    expect((await service.detail(empty.id, admin)).agenda).toEqual([]);
    expect((await repository.findByIdWithAgenda(empty.id))?.quorumRule).toEqual({ kind: 'count', value: 7 });
    await expect(service.detail(empty.id, ANONYMOUS)).rejects.toThrow();
  });
  it('builds the calendar feeds from plain rows exactly as from the entities (meetings, agendas, events), for every audience', async () => {
    const db = t.app.get(DatabaseService);
    const repository = t.app.get(MeetingsRepository);
    const calendar = t.app.get(CalendarFeedService);
    const host = new URL(t.config.baseUrl).hostname;
    const now = new Date();
    const bodies = await db.dataSource.getRepository(Body).find({ order: { id: 'ASC' } });
    const windowStart = feedWindowStart(now);
    const filters: MeetingFilter[] = [
      { includeInternal: false, endsFrom: windowStart, order: 'ASC' },
      { includeInternal: true, endsFrom: windowStart, order: 'ASC' },
      { includeInternal: true, bodyIds: [], order: 'ASC' },
      { includeInternal: true, bodyIds: bodies.map((b) => b.id), startsBefore: new Date(Date.UTC(2026, 5, 1)), order: 'DESC' },
      ...bodies.flatMap((b) => [true, false].map((includeInternal): MeetingFilter => ({ includeInternal, bodyIds: [b.id], endsFrom: windowStart, order: 'ASC' }))),
    ];
    /** The entity read of agendas, grouped by meeting. */
    const findAgendas = async (ids: number[]): Promise<Map<number, AgendaItem[]>> => {
      const items = ids.length === 0 ? [] : await db.dataSource.getRepository(AgendaItem).find({ where: { meetingId: In(ids) }, order: { position: 'ASC', id: 'ASC' } });
      const result = new Map<number, AgendaItem[]>();
      for (const item of items) result.set(item.meetingId, [...(result.get(item.meetingId) ?? []), item]);
      return result;
    };
    let compared = 0;
    for (const filter of filters) {
      const entities = await repository.findAll(filter);
      const plain = await repository.readAll(filter);
      expect(plain.map((m) => m.id)).toEqual(entities.map((m) => m.id));
      plain.forEach((m, i) => {
        expect(entities[i]).toMatchObject(m);
        expect(Object.keys(m).sort()).toEqual(Object.keys(entities[i]).sort());
      });
      const agendas = await repository.readEventAgendas(filter);
      const entityAgendas = await findAgendas(entities.map((m) => m.id));
      expect([...agendas.keys()].sort((a, b) => a - b)).toEqual([...entityAgendas.keys()].sort((a, b) => a - b));
      for (const [id, items] of entityAgendas) expect(items).toMatchObject(agendas.get(id) ?? []);
      compared += plain.length;
    }
    expect(compared).toBeGreaterThan(50);
    // the events of the feeds (CalDAV serves the same) equal the events built from the entities
    const fromEntities = async (filter: MeetingFilter) => {
      const meetings = await repository.findAll(filter);
      const agendas = await findAgendas(meetings.map((m) => m.id));
      const chairs = await t.app.get(BodyPolicyService).currentChairs([...new Set(meetings.map((m) => m.bodyId))], todayInBerlin());
      const attachments = await t.app.get(DocumentsService).publicDocumentUrls(meetings);
      return meetings.map((m) =>
        meetingEvent(m, agendaForAudience(agendas.get(m.id) ?? [], filter.includeInternal), {
          baseUrl: t.config.baseUrl,
          host,
          chair: chairs.find((c) => c.bodyId === m.bodyId)?.person ?? null,
          attachments: attachments.get(m.id),
        }),
      );
    };
    let events = 0;
    for (const body of bodies) {
      for (const viewer of [ANONYMOUS, memberViewer(1)]) {
        if (!body.isPublic && viewer.kind === 'anonymous') continue;
        const plain = await calendar.bodyEvents(body.id, viewer, now);
        expect(plain).toEqual(await fromEntities({ includeInternal: viewer.kind === 'member', bodyIds: [body.id], endsFrom: windowStart, order: 'ASC' }));
        events += plain.length;
      }
    }
    expect(events).toBeGreaterThan(10);
    // the feeds' plain chairs (ORGANIZER) and ATTACH links equal the entity reads
    const policy = t.app.get(BodyPolicyService);
    const chairContacts = await policy.currentChairContacts(bodies.map((b) => b.id), todayInBerlin());
    const entityChairs = await policy.currentChairs(bodies.map((b) => b.id), todayInBerlin());
    expect(chairContacts.size).toBeGreaterThan(1);
    for (const body of bodies) {
      const chair = entityChairs.find((c) => c.bodyId === body.id)?.person ?? null;
      const contact = chairContacts.get(body.id) ?? null;
      expect(contact === null).toBe(chair === null);
      if (!chair || !contact) continue;
      expect(contact).toEqual({
        bodyId: body.id,
        academicTitle: chair.academicTitle,
        givenName: chair.givenName,
        familyName: chair.familyName,
        emailVisibility: chair.emailVisibility,
        consentAt: chair.consentAt,
        emails: chair.emails.map((e) => ({ email: e.email, position: e.position })),
      });
    }
    expect(chairContacts.get(bigBodyId)?.emails.map((e) => e.position)).toEqual([0, 1]);
    const allMeetings = await repository.findAll({ includeInternal: true, order: 'ASC' });
    const urls = await t.app.get(DocumentsService).publicDocumentUrls(allMeetings);
    const publicMeetings = allMeetings.filter((m) => m.isPublic && m.body.isPublic);
    const documents = await db.dataSource.getRepository(MeetingDocument).find({ where: { meetingId: In(publicMeetings.map((m) => m.id)), visibility: 'public' }, order: { id: 'ASC' } });
    const items = await db.dataSource.getRepository(AgendaItem).find();
    const expectedUrls = new Map<number, string[]>();
    for (const d of documents) {
      const item = items.find((a) => a.id === d.agendaItemId) ?? null;
      if (canViewDocument(d, publicMeetings.find((m) => m.id === d.meetingId)!, item, ANONYMOUS)) expectedUrls.set(d.meetingId, [...(expectedUrls.get(d.meetingId) ?? []), `${t.config.baseUrl}/unterlagen/${d.id}`]);
    }
    expect(expectedUrls.size).toBeGreaterThan(0);
    expect(urls).toEqual(expectedUrls);
    const someone = (await db.dataSource.getRepository(Membership).find({ where: { bodyId: 1 }, order: { id: 'ASC' } }))[0];
    const personal = await calendar.personalEvents(someone.personId, now);
    const bodyIds = await repository.findBodyIdsOfPerson(someone.personId, todayInBerlin(now));
    expect(personal.length).toBeGreaterThan(0);
    expect(personal).toEqual(await fromEntities({ includeInternal: true, bodyIds, endsFrom: windowStart, order: 'ASC' }));
  });
  it("reads the meeting page's attendance and the member's deputy choice in one statement of plain rows, as the entity reads give them", async () => {
    const db = t.app.get(DatabaseService);
    const repository = t.app.get(MeetingsRepository);
    const service = t.app.get(MeetingsService);
    const members = await db.dataSource.getRepository(Membership).find({ where: { bodyId: bigBodyId }, relations: { person: true }, order: { id: 'ASC' } });
    const personOf = (i: number): Person => members[i].person;
    const meeting = await db.write(async (m) => {
      const saved = await m.getRepository(Meeting).save({ bodyId: bigBodyId, title: 'Mit Antworten', uid: 'mit-antworten@example.org', startsAt: new Date(Date.UTC(2026, 5, 10, 16)), endsAt: new Date(Date.UTC(2026, 5, 10, 18)), isPublic: true });
      const answers: Partial<Attendance>[] = [
        { personId: personOf(0).id, response: 'accepted', attended: 'yes', respondedAt: new Date(Date.UTC(2026, 5, 1, 8)) },
        { personId: personOf(1).id, response: 'declined', deputyPersonId: personOf(2).id },
        { personId: personOf(3).id, response: 'tentative', deputyPersonId: personOf(4).id, attended: 'excused' },
        { personId: personOf(6).id, response: 'declined', deputyPersonId: personOf(9).id },
      ];
      await m.getRepository(Attendance).save(answers.map((a) => ({ ...a, meetingId: saved.id })));
      // a second, voting membership of a member without voting right; a removed member; a removed deputy
      await m.getRepository(Membership).save({ bodyId: bigBodyId, personId: personOf(1).id, role: 'secretary', votingRight: true, startDate: '2024-01-01', endDate: null });
      await m.getRepository(Person).softDelete({ id: personOf(8).id });
      await m.getRepository(Person).softDelete({ id: personOf(9).id });
      return saved;
    });
    const day = '2026-06-10';
    const current = await repository.findCurrentMemberships([bigBodyId], day);
    const answers = await db.dataSource.getRepository(Attendance).find({ where: { meetingId: meeting.id }, relations: { deputyPerson: true } });
    expect(current.some((c) => c.personId === personOf(8).id)).toBe(false);
    // viewers: one in an organisation with colleagues, one in a removed organisation, one without, one not on the body
    for (const viewerIndex of [0, 1, 3, 7]) {
      const personId = personOf(viewerIndex).id;
      const viewer = memberViewer(1, personId);
      const { result: detail, statements } = await countSql(() => service.detail(meeting.id, viewer));
      expect(statements).toHaveLength(2);
      const read = await repository.findCurrentMembershipsWithAttendance(bigBodyId, day, meeting.id, personId);
      expect(read.rows.map((r) => r.membership.id)).toEqual(current.map((c) => c.id));
      read.rows.forEach((r, i) => {
        const entity = current[i];
        expect(entity).toMatchObject({ ...r.membership, person: { ...r.membership.person } });
        const answer = answers.find((a) => a.personId === entity.personId) ?? null;
        if (answer === null) expect(r.attendance).toBeNull();
        else {
          expect(r.attendance).toEqual({
            response: answer.response,
            deputyPersonId: answer.deputyPersonId,
            deputyPerson: answer.deputyPerson
              ? { id: answer.deputyPerson.id, academicTitle: answer.deputyPerson.academicTitle, givenName: answer.deputyPerson.givenName, familyName: answer.deputyPerson.familyName, sortKey: answer.deputyPerson.sortKey, organisationId: answer.deputyPerson.organisationId }
              : null,
            attended: answer.attended,
          });
        }
      });
      const onBody = current.some((c) => c.personId === personId);
      expect(detail.viewerMemberships.map((m) => m.personId)).toEqual(onBody ? [personId] : []);
      const own = current.find((c) => c.personId === personId);
      const colleagues = own?.person.organisationId ? await db.dataSource.getRepository(Person).find({ where: { organisationId: own.person.organisationId }, order: { sortKey: 'ASC' } }) : [];
      const expected = onBody ? deputyCandidatesAmong(current, personId, colleagues) : [];
      expect(detail.deputyCandidates.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      if (viewerIndex === 0) expect(read.colleagues.length).toBeGreaterThan(10);
    }
    // the entity reads and the plain read agree on the one row per person (the voting membership wins)
    const overview = (await service.detail(meeting.id, memberViewer(1, personOf(0).id))).attendance!;
    const second = overview.rows.find((r) => r.membership.personId === personOf(1).id)!;
    expect(second.membership).toMatchObject({ role: 'secretary', votingRight: true });
    expect(second.attendance?.deputyPerson?.id).toBe(personOf(2).id);
    expect(overview.rows.find((r) => r.membership.personId === personOf(6).id)?.attendance).toMatchObject({ deputyPersonId: personOf(9).id, deputyPerson: null });
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { ANONYMOUS } from '../auth/viewer.js';
import { BODY_KIND_LABELS, MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import { berlinDay, todayInBerlin } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { MeetingDocument } from '../documents/document.entity.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Location } from '../meetings/location.entity.js';
import { MEETING_STATE_LABELS } from '../meetings/meeting-labels.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { DECISION_RESULT_LABELS } from '../minutes/minutes-labels.js';
import { ORGANISATION_KIND_LABELS } from '../organisations/organisation-labels.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { visibleContact } from '../people/person-contact.js';
import { personDisplayName } from '../people/person-name.js';
import type { Person } from '../people/person.entity.js';
import { type ListQuery, listPage, type OparlListPage, paginate, type Segment } from './oparl-list.js';
import type { OparlTombstone, TombstoneType } from './oparl-tombstone.entity.js';
import { oparlDateTime } from './oparl-time.js';
import { type BodyList, OPARL_VERSION, type OrganizationKey, OparlUrls, oparlType, type OparlType } from './oparl-urls.js';
import { type Dated, type FileVersion, type LiveKind, OparlRepository, type Scope, type TimeFilter } from './oparl.repository.js';

export type OparlObject = Record<string, unknown>;

/** An object that is not (and never was) public: answered 404 with an OParl Error object. */
export class OparlNotFound extends Error {}

const TOMBSTONE_OPARL_TYPE: Record<TombstoneType, OparlType> = {
  body: 'Organization',
  organisation: 'Organization',
  person: 'Person',
  membership: 'Membership',
  meeting: 'Meeting',
  agenda_item: 'AgendaItem',
  file: 'File',
};

/** A website as OParl wants it (a URL); anything else stored in the free text field is left out. */
function httpUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes('.') ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Drops undefined members, so optional fields are absent rather than null. */
function compact(o: OparlObject): OparlObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * The network as OParl 1.1 (https://schema.oparl.org/1.1/): one Body (this installation), its bodies
 * (Gremium) and member organisations (Institution) as Organization, consented people with their
 * public contact fields and memberships, public meetings with their public agenda items and the
 * decisions of approved minutes, locations, the public documents of public meetings and agenda items
 * as File. Paper, Consultation and LegislativeTerm lists are empty. Objects that were public and are not any more answer as tombstones (`deleted: true`).
 */
@Injectable()
export class OparlService {
  readonly urls: OparlUrls;

  constructor(
    private readonly repository: OparlRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.urls = new OparlUrls(config.baseUrl);
  }

  private common(type: OparlType, id: string, created: Date, modified: Date): OparlObject {
    return { id, type: oparlType(type), created: oparlDateTime(created), modified: oparlDateTime(modified) };
  }

  // ---- System and Body ----

  async system(): Promise<OparlObject> {
    const { created, modified } = await this.repository.networkDates();
    return {
      ...this.common('System', this.urls.system(), created, modified),
      oparlVersion: OPARL_VERSION,
      otherOparlVersions: [],
      body: this.urls.bodyList(),
      name: this.config.siteName,
      contactEmail: this.config.accessibilityContact,
      contactName: this.config.siteName,
      website: this.urls.web('/'),
      web: this.urls.web('/'),
    };
  }

  async body(): Promise<OparlObject> {
    const { created, modified } = await this.repository.networkDates();
    return {
      ...this.common('Body', this.urls.body(), created, modified),
      system: this.urls.system(),
      name: this.config.siteName,
      website: this.urls.web('/'),
      contactEmail: this.config.accessibilityContact,
      contactName: this.config.siteName,
      classification: 'Netzwerk',
      legislativeTerm: [],
      organization: this.urls.list('organization'),
      person: this.urls.list('person'),
      meeting: this.urls.list('meeting'),
      paper: this.urls.list('paper'),
      agendaItem: this.urls.list('agenda-item'),
      consultation: this.urls.list('consultation'),
      file: this.urls.list('file'),
      membership: this.urls.list('membership'),
      locationList: this.urls.list('location'),
      legislativeTermList: this.urls.list('legislative-term'),
      web: this.urls.web('/'),
    };
  }

  async bodyList(q: ListQuery): Promise<OparlListPage> {
    const { created, modified } = await this.repository.networkDates();
    const inRange = this.inRange(q.filter, created, modified);
    const segment: Segment = {
      count: () => Promise.resolve(inRange ? 1 : 0),
      page: async () => [await this.body()],
    };
    const { data, total } = await paginate([segment], q);
    return listPage(this.urls.bodyList(), q, data, total);
  }

  /** The list filters for an object built in memory: whole seconds, like the SQL bounds (storedSecond). */
  private inRange(f: TimeFilter, created: Date, modified: Date): boolean {
    const s = (d: Date) => Math.floor(d.getTime() / 1000);
    const after = (d: Date, bound: Date | undefined) => !bound || s(d) >= s(bound);
    const before = (d: Date, bound: Date | undefined) => !bound || s(d) <= s(bound);
    return after(created, f.createdSince) && before(created, f.createdUntil) && after(modified, f.modifiedSince) && before(modified, f.modifiedUntil);
  }

  // ---- lists ----

  private live<T extends object>(kind: LiveKind, q: ListQuery, render: (rows: Dated<T>[]) => Promise<OparlObject[]>, scope: Scope = {}): Segment {
    return {
      count: () => this.repository.countLive(kind, q.filter, scope),
      page: async (offset, limit) => render(await this.repository.pageLive<T>(kind, q.filter, offset, limit, scope)),
    };
  }

  /** Deleted objects appear in a list only when the client asks what changed (modified_since). */
  private deleted(types: TombstoneType[], q: ListQuery, bodyId?: number): Segment[] {
    if (!q.filter.modifiedSince) return [];
    return [
      {
        count: () => this.repository.countTombstones(types, q.filter, bodyId),
        page: async (offset, limit) => (await this.repository.pageTombstones(types, q.filter, offset, limit, bodyId)).map((t) => this.tombstone(t)),
      },
    ];
  }

  async list(list: BodyList, q: ListQuery): Promise<OparlListPage> {
    const segments = this.segments(list, q);
    const { data, total } = await paginate(segments, q);
    return listPage(this.urls.list(list), q, data, total);
  }

  private segments(list: BodyList, q: ListQuery): Segment[] {
    switch (list) {
      case 'organization':
        return [
          this.live<Body>('body', q, (rows) => this.gremien(rows)),
          this.live<Organisation>('organisation', q, (rows) => this.institutions(rows)),
          ...this.deleted(['body', 'organisation'], q),
        ];
      case 'person':
        return [this.live<Person>('person', q, (rows) => this.people(rows, q.omitInternal)), ...this.deleted(['person'], q)];
      case 'membership':
        return [this.live<Membership>('membership', q, (rows) => this.memberships(rows, true)), ...this.deleted(['membership'], q)];
      case 'meeting':
        return [this.live<Meeting>('meeting', q, (rows) => this.meetings(rows, q.omitInternal)), ...this.deleted(['meeting'], q)];
      case 'agenda-item':
        return [this.live<AgendaItem>('agenda_item', q, (rows) => this.agendaItems(rows, true)), ...this.deleted(['agenda_item'], q)];
      case 'location':
        return [this.live<Location>('location', q, (rows) => Promise.resolve(rows.map((r) => this.location(r))))];
      case 'file':
        return [this.live<MeetingDocument>('file', q, (rows) => this.files(rows, true)), ...this.deleted(['file'], q)];
      case 'paper':
      case 'consultation':
      case 'legislative-term':
        // The network has no papers, consultations or legislative terms.
        return [];
    }
  }

  /** Organization.meeting: the meetings of one public body. */
  async gremiumMeetings(bodyId: number, q: ListQuery): Promise<OparlListPage> {
    if (!(await this.repository.findLive('body', bodyId))) throw new OparlNotFound();
    const segments = [this.live<Meeting>('meeting', q, (rows) => this.meetings(rows, q.omitInternal), { bodyId }), ...this.deleted(['meeting'], q, bodyId)];
    const { data, total } = await paginate(segments, q);
    return listPage(this.urls.gremiumMeetings(bodyId), q, data, total);
  }

  // ---- single objects: the live object, else its tombstone, else 404 ----

  private async one<T extends object>(kind: LiveKind, type: TombstoneType | null, id: number, render: (rows: Dated<T>[]) => Promise<OparlObject[]>): Promise<OparlObject> {
    const row = await this.repository.findLive<T>(kind, id);
    if (row) return (await render([row]))[0];
    const tomb = type ? await this.repository.findTombstone(type, id) : null;
    if (tomb) return this.tombstone(tomb);
    throw new OparlNotFound();
  }

  organization(key: OrganizationKey): Promise<OparlObject> {
    return key.kind === 'gremium'
      ? this.one<Body>('body', 'body', key.id, (rows) => this.gremien(rows))
      : this.one<Organisation>('organisation', 'organisation', key.id, (rows) => this.institutions(rows));
  }
  person(id: number, omitInternal: boolean): Promise<OparlObject> {
    return this.one<Person>('person', 'person', id, (rows) => this.people(rows, omitInternal));
  }
  membership(id: number): Promise<OparlObject> {
    return this.one<Membership>('membership', 'membership', id, (rows) => this.memberships(rows, true));
  }
  meeting(id: number, omitInternal: boolean): Promise<OparlObject> {
    return this.one<Meeting>('meeting', 'meeting', id, (rows) => this.meetings(rows, omitInternal));
  }
  agendaItem(id: number): Promise<OparlObject> {
    return this.one<AgendaItem>('agenda_item', 'agenda_item', id, (rows) => this.agendaItems(rows, true));
  }
  file(id: number): Promise<OparlObject> {
    return this.one<MeetingDocument>('file', 'file', id, (rows) => this.files(rows, true));
  }
  locationById(id: number): Promise<OparlObject> {
    return this.one<Location>('location', null, id, (rows) => Promise.resolve(rows.map((r) => this.location(r))));
  }

  // ---- serialisation (a page at a time: one query per embedded kind) ----

  private tombstone(t: OparlTombstone): OparlObject {
    const id = this.tombstoneUrl(t.objectType, t.objectId);
    return { ...this.common(TOMBSTONE_OPARL_TYPE[t.objectType], id, t.createdAt, t.deletedAt), deleted: true };
  }

  private tombstoneUrl(type: TombstoneType, id: number): string {
    switch (type) {
      case 'body':
        return this.urls.gremium(id);
      case 'organisation':
        return this.urls.institution(id);
      case 'person':
        return this.urls.person(id);
      case 'membership':
        return this.urls.membership(id);
      case 'meeting':
        return this.urls.meeting(id);
      case 'agenda_item':
        return this.urls.agendaItem(id);
      case 'file':
        return this.urls.file(id);
    }
  }

  private async gremien(rows: Dated<Body>[]): Promise<OparlObject[]> {
    const ids = rows.map((r) => r.row.id);
    const memberships = await this.repository.membershipsOf('body', ids);
    const counts = await this.repository.memberCounts(ids, todayInBerlin());
    return rows.map(({ row: b, modified }) =>
      compact({
        ...this.common('Organization', this.urls.gremium(b.id), b.createdAt, modified),
        body: this.urls.body(),
        name: b.name,
        shortName: b.shortName ?? undefined,
        organizationType: 'Gremium',
        classification: BODY_KIND_LABELS[b.kind],
        startDate: b.foundedOn && !b.foundedYearOnly ? b.foundedOn : undefined,
        membership: memberships.filter((m) => m.row.bodyId === b.id).map((m) => this.urls.membership(m.row.id)),
        meeting: this.urls.gremiumMeetings(b.id),
        memberCount: counts.get(b.id)?.all ?? 0,
        votingMemberCount: counts.get(b.id)?.voting ?? 0,
        web: this.urls.web(`/gremien/${b.id}`),
      }),
    );
  }

  private async institutions(rows: Dated<Organisation>[]): Promise<OparlObject[]> {
    const parents = await this.repository.liveOrganisationIds(rows.map((r) => r.row.parentId).filter((id): id is number => id !== null));
    return rows.map(({ row: o, modified }) =>
      compact({
        ...this.common('Organization', this.urls.institution(o.id), o.createdAt, modified),
        body: this.urls.body(),
        name: o.name,
        shortName: o.shortName ?? undefined,
        organizationType: 'Institution',
        classification: ORGANISATION_KIND_LABELS[o.kind],
        subOrganizationOf: o.parentId !== null && parents.has(o.parentId) ? this.urls.institution(o.parentId) : undefined,
        membership: [],
        website: httpUrl(o.website),
        web: this.urls.web(`/organisationen/${o.id}`),
      }),
    );
  }

  private async people(rows: Dated<Person>[], omitInternal: boolean): Promise<OparlObject[]> {
    const ids = rows.map((r) => r.row.id);
    const withContact = new Map((await this.repository.peopleWithContact(ids)).map((p) => [p.id, p]));
    const held = omitInternal ? [] : await this.repository.membershipsOf('person', ids);
    const embedded = await this.memberships(held, false);
    const membershipsOf = (personId: number) => embedded.filter((_, i) => held[i].row.personId === personId);
    return rows.map(({ row: p, modified }) => {
      // The single place contact visibility is decided (people/person-contact.ts), for an anonymous visitor.
      const contact = visibleContact(withContact.get(p.id) ?? p, ANONYMOUS);
      return compact({
        ...this.common('Person', this.urls.person(p.id), p.createdAt, modified),
        body: this.urls.body(),
        name: personDisplayName(p),
        familyName: p.familyName,
        givenName: p.givenName || undefined,
        formOfAddress: p.formOfAddress || undefined,
        title: p.academicTitle ? [p.academicTitle] : [],
        phone: contact.phones.map((ph) => ph.number),
        email: contact.emails,
        status: p.functionTitle ? [p.functionTitle] : [],
        membership: omitInternal ? undefined : membershipsOf(p.id),
        web: this.urls.web(`/personen/${p.id}`),
      });
    });
  }

  /** Memberships; `alone` adds the back-reference to the person (left out when embedded in Person). */
  private async memberships(rows: Dated<Membership>[], alone: boolean): Promise<OparlObject[]> {
    const orgs = await this.repository.liveOrganisationIds(rows.map((r) => r.row.onBehalfOfId).filter((id): id is number => id !== null));
    return rows.map(({ row: m, modified }) =>
      compact({
        ...this.common('Membership', this.urls.membership(m.id), m.createdAt, modified),
        person: alone ? this.urls.person(m.personId) : undefined,
        organization: this.urls.gremium(m.bodyId),
        role: MEMBERSHIP_ROLE_LABELS[m.role],
        votingRight: m.votingRight,
        startDate: m.startDate ?? undefined,
        endDate: m.endDate ?? undefined,
        onBehalfOf: m.onBehalfOfId !== null && orgs.has(m.onBehalfOfId) ? this.urls.institution(m.onBehalfOfId) : undefined,
      }),
    );
  }

  private async meetings(rows: Dated<Meeting>[], omitInternal: boolean): Promise<OparlObject[]> {
    const ids = rows.map((r) => r.row.id);
    const items = omitInternal ? [] : await this.repository.agendaOf(ids);
    const embedded = await this.agendaItems(items, false);
    const agendaOf = (meetingId: number) => embedded.filter((_, i) => items[i].row.meetingId === meetingId);
    const locations = new Map((await this.repository.locations(rows.map((r) => r.row.locationId).filter((id): id is number => id !== null))).map((l) => [l.id, l]));
    const generalFiles = (await this.repository.filesOf(ids)).filter((f) => f.row.agendaItemId === null);
    const embeddedFiles = await this.files(generalFiles, false);
    const filesOf = (meetingId: number, kind: MeetingDocument['generatedKind']) =>
      embeddedFiles.filter((_, i) => generalFiles[i].row.meetingId === meetingId && generalFiles[i].row.generatedKind === kind);
    return rows.map(({ row: m, modified }) => {
      const location = m.locationId !== null ? locations.get(m.locationId) : undefined;
      return compact({
        ...this.common('Meeting', this.urls.meeting(m.id), m.createdAt, modified),
        name: m.title,
        meetingState: MEETING_STATE_LABELS[m.state],
        cancelled: m.state === 'cancelled',
        start: oparlDateTime(m.startsAt),
        end: oparlDateTime(m.endsAt),
        location: location ? this.location({ row: location, modified: location.updatedAt }) : undefined,
        organization: [this.urls.gremium(m.bodyId)],
        participant: [],
        // the generated invitation letter and approved minutes (public PDFs only), and the meeting's
        // general public papers (those of an agenda item sit in AgendaItem.auxiliaryFile)
        invitation: filesOf(m.id, 'invitation')[0],
        resultsProtocol: filesOf(m.id, 'minutes')[0],
        auxiliaryFile: filesOf(m.id, null),
        agendaItem: omitInternal ? undefined : agendaOf(m.id),
        web: this.urls.web(`/sitzungen/${m.id}`),
      });
    });
  }

  /** Agenda items with the decisions of approved minutes; `alone` adds the back-reference to the meeting. */
  private async agendaItems(rows: Dated<AgendaItem>[], alone: boolean): Promise<OparlObject[]> {
    const decisions = await this.repository.publicDecisionsOf(rows.map((r) => r.row.id));
    const itemIds = new Set(rows.map((r) => r.row.id));
    const itemFiles = (await this.repository.filesOf([...new Set(rows.map((r) => r.row.meetingId))])).filter((f) => f.row.agendaItemId !== null && itemIds.has(f.row.agendaItemId));
    const embeddedFiles = await this.files(itemFiles, false);
    const filesOf = (itemId: number) => embeddedFiles.filter((_, i) => itemFiles[i].row.agendaItemId === itemId);
    return rows.map(({ row: a, modified }) => {
      const own = decisions.filter((d) => d.agendaItemId === a.id);
      return compact({
        ...this.common('AgendaItem', this.urls.agendaItem(a.id), a.createdAt, modified),
        meeting: alone ? this.urls.meeting(a.meetingId) : undefined,
        number: a.number,
        order: a.position,
        name: a.title,
        public: true,
        result: own.length > 0 ? own.map((d) => DECISION_RESULT_LABELS[d.result]).join(', ') : undefined,
        resolutionText: own.length > 0 ? own.map((d) => `${d.number}: ${d.text}`).join('\n\n') : undefined,
        auxiliaryFile: filesOf(a.id),
      });
    });
  }

  /**
   * Public meeting documents as File, described by their newest version (the document's link always
   * serves it): accessUrl opens it (PDFs and images in the browser), downloadUrl always downloads.
   * No checksum: OParl 1.1 asks for SHA-512 (optional), the store keys the bytes by SHA-256.
   * `alone` adds the back-references to the meeting and agenda item (left out when embedded there).
   */
  private async files(rows: Dated<MeetingDocument>[], alone: boolean): Promise<OparlObject[]> {
    const versions = await this.repository.newestVersions(rows.map((r) => r.row.id));
    return rows.map(({ row: d, modified }) => {
      const v: FileVersion | undefined = versions.get(d.id);
      const url = this.urls.web(`/unterlagen/${d.id}`);
      return compact({
        ...this.common('File', this.urls.file(d.id), d.createdAt, modified),
        name: d.title,
        fileName: v?.fileName,
        mimeType: v?.mimeType,
        date: v ? berlinDay(v.uploadedAt) : undefined,
        size: v?.size,
        accessUrl: url,
        downloadUrl: `${url}?download=1`,
        meeting: alone ? [this.urls.meeting(d.meetingId)] : undefined,
        agendaItem: alone && d.agendaItemId !== null ? [this.urls.agendaItem(d.agendaItemId)] : undefined,
        web: this.urls.web(`/sitzungen/${d.meetingId}#unterlagen`),
      });
    });
  }

  private location({ row: l, modified }: Dated<Location>): OparlObject {
    const street = l.street ?? undefined;
    const place = [l.postalCode, l.locality].filter(Boolean).join(' ');
    return compact({
      ...this.common('Location', this.urls.location(l.id), l.createdAt, modified),
      description: [l.name, l.room, street, place].filter(Boolean).join(', '),
      streetAddress: street,
      room: l.room ?? undefined,
      postalCode: l.postalCode ?? undefined,
      locality: l.locality ?? undefined,
    });
  }
}

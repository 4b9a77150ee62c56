import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import { DocumentVersion, MeetingDocument } from '../documents/document.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Location } from '../meetings/location.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Decision } from '../minutes/decision.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';
import { OparlTombstone, type TombstoneType } from './oparl-tombstone.entity.js';
import { storedInstantOf, storedSecond } from './oparl-time.js';

/** The four time filters of every OParl list (instants; absent = no bound). */
export interface TimeFilter {
  createdSince?: Date;
  createdUntil?: Date;
  modifiedSince?: Date;
  modifiedUntil?: Date;
}

/** A live row and its OParl `modified` (its own change or the latest change of what it embeds). */
export interface Dated<T> {
  row: T;
  modified: Date;
}

/** The live object kinds; each with its visibility rule (public data only) and its `modified` rule. */
export type LiveKind = 'body' | 'organisation' | 'person' | 'membership' | 'meeting' | 'agenda_item' | 'location' | 'file';

/** The newest version of a public document: what its File object describes. */
export type FileVersion = Pick<DocumentVersion, 'id' | 'documentId' | 'fileName' | 'mimeType' | 'size' | 'uploadedAt'>;

/** Narrows a list: the meetings of one body (Organization.meeting). */
export interface Scope {
  bodyId?: number;
}

/**
 * The reads behind the OParl interface, on the read connection. Visibility is decided here, in SQL,
 * once for lists and single objects alike (the app's rules for anonymous visitors):
 * public, not removed bodies; every organisation not removed; people in the directory with recorded
 * consent; their memberships in public bodies; public meetings of public bodies and their public
 * agenda items; decisions only from approved minutes (minutesAccess 'public-items').
 */
@Injectable()
export class OparlRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** The latest of several instants; `first` is never null, the others may be. */
  private greatest(first: string, ...others: string[]): string {
    if (others.length === 0) return first;
    return this.postgres ? `GREATEST(${[first, ...others].join(', ')})` : `MAX(${[first, ...others.map((o) => `COALESCE(${o}, ${first})`)].join(', ')})`;
  }

  /** OParl `modified` of each kind as SQL over the row aliased `x` (one rule for lists, filters and single objects). */
  private modifiedSql(kind: LiveKind, x: string): string {
    const tomb = (type: TombstoneType, parent: string) => `(SELECT MAX(t.deleted_at) FROM oparl_tombstones t WHERE t.object_type = '${type}' AND t.parent_id = ${parent})`;
    switch (kind) {
      case 'body':
        // Organization.membership lists the public memberships: a member's consent or removal changes it too.
        return this.greatest(
          `${x}.updated_at`,
          `(SELECT MAX(ms.updated_at) FROM memberships ms WHERE ms.body_id = ${x}.id)`,
          `(SELECT MAX(mp.updated_at) FROM memberships ms JOIN people mp ON mp.id = ms.person_id WHERE ms.body_id = ${x}.id)`,
          `(SELECT MAX(t.deleted_at) FROM oparl_tombstones t JOIN memberships ms ON ms.id = t.object_id WHERE t.object_type = 'membership' AND ms.body_id = ${x}.id)`,
        );
      case 'person':
        return this.greatest(`${x}.updated_at`, `(SELECT MAX(ms.updated_at) FROM memberships ms WHERE ms.person_id = ${x}.id)`, tomb('membership', `${x}.id`));
      case 'meeting':
        return this.greatest(
          `${x}.updated_at`,
          `(SELECT MAX(ai.updated_at) FROM agenda_items ai WHERE ai.meeting_id = ${x}.id)`,
          tomb('agenda_item', `${x}.id`),
          `(SELECT MAX(d.updated_at) FROM decisions d JOIN agenda_items da ON da.id = d.agenda_item_id WHERE da.meeting_id = ${x}.id)`,
          `(SELECT MAX(mn.updated_at) FROM minutes mn WHERE mn.meeting_id = ${x}.id)`,
          `(SELECT l.updated_at FROM locations l WHERE l.id = ${x}.location_id)`,
          // its public files (Meeting.auxiliaryFile and its agenda items'): a new version or a removal
          `(SELECT MAX(dv.uploaded_at) FROM document_versions dv JOIN meeting_documents md ON md.id = dv.document_id WHERE md.meeting_id = ${x}.id AND ${this.publicDocumentSql('md')})`,
          tomb('file', `${x}.id`),
        );
      case 'agenda_item':
        return this.greatest(
          `${x}.updated_at`,
          `(SELECT MAX(d.updated_at) FROM decisions d WHERE d.agenda_item_id = ${x}.id)`,
          `(SELECT mn.updated_at FROM minutes mn WHERE mn.meeting_id = ${x}.meeting_id)`,
          `(SELECT MAX(dv.uploaded_at) FROM document_versions dv JOIN meeting_documents md ON md.id = dv.document_id WHERE md.agenda_item_id = ${x}.id AND md.visibility = 'public')`,
          // a file tombstone names its meeting: an item's modified may move with a sibling's removal (never too early, at worst once too often)
          tomb('file', `${x}.meeting_id`),
        );
      case 'file':
        return this.greatest(`${x}.created_at`, `(SELECT MAX(dv.uploaded_at) FROM document_versions dv WHERE dv.document_id = ${x}.id)`);
      case 'organisation':
      case 'membership':
      case 'location':
        return `${x}.updated_at`;
    }
  }

  /** The public rows of a kind, as a query aliased `x` (no order, no filter yet). */
  private visible(kind: LiveKind, scope: Scope = {}): SelectQueryBuilder<ObjectLiteral> {
    const yes = { yes: true };
    const publicBody = (b: string) => `${b}.deleted_at IS NULL AND ${b}.is_public = :yes`;
    const publicPerson = (p: string) => `${p}.deleted_at IS NULL AND ${p}.consent_at IS NOT NULL`;
    switch (kind) {
      case 'body':
        return this.dataSource.getRepository(Body).createQueryBuilder('x').where(publicBody('x'), yes);
      case 'organisation':
        return this.dataSource.getRepository(Organisation).createQueryBuilder('x');
      case 'person':
        return this.dataSource.getRepository(Person).createQueryBuilder('x').where(publicPerson('x'));
      case 'membership':
        return this.dataSource
          .getRepository(Membership)
          .createQueryBuilder('x')
          .where(`EXISTS (SELECT 1 FROM bodies vb WHERE vb.id = x.body_id AND ${publicBody('vb')})`, yes)
          .andWhere(`EXISTS (SELECT 1 FROM people vp WHERE vp.id = x.person_id AND ${publicPerson('vp')})`);
      case 'meeting': {
        const qb = this.dataSource
          .getRepository(Meeting)
          .createQueryBuilder('x')
          .where('x.is_public = :yes', yes)
          .andWhere(`EXISTS (SELECT 1 FROM bodies vb WHERE vb.id = x.body_id AND ${publicBody('vb')})`, yes);
        if (scope.bodyId !== undefined) qb.andWhere('x.body_id = :scopeBody', { scopeBody: scope.bodyId });
        return qb;
      }
      case 'agenda_item':
        return this.dataSource
          .getRepository(AgendaItem)
          .createQueryBuilder('x')
          .where('x.is_public = :yes', yes)
          .andWhere(`EXISTS (SELECT 1 FROM meetings vm JOIN bodies vb ON vb.id = vm.body_id WHERE vm.id = x.meeting_id AND vm.is_public = :yes AND ${publicBody('vb')})`, yes);
      case 'location':
        // only places of public meetings: the list of all rooms is an internal page (/orte)
        return this.dataSource
          .getRepository(Location)
          .createQueryBuilder('x')
          .where(`EXISTS (SELECT 1 FROM meetings vm JOIN bodies vb ON vb.id = vm.body_id WHERE vm.location_id = x.id AND vm.is_public = :yes AND ${publicBody('vb')})`, yes);
      case 'file':
        // a public document with a file, of a public meeting of a public body (the anonymous rule of canViewDocument)
        return this.dataSource
          .getRepository(MeetingDocument)
          .createQueryBuilder('x')
          .where(this.publicDocumentSql('x'), yes)
          .andWhere('EXISTS (SELECT 1 FROM document_versions fv WHERE fv.document_id = x.id)')
          .andWhere(`EXISTS (SELECT 1 FROM meetings vm JOIN bodies vb ON vb.id = vm.body_id WHERE vm.id = x.meeting_id AND vm.is_public = :yes AND ${publicBody('vb')})`, yes);
    }
  }

  /**
   * A document an anonymous visitor may open once its meeting is public (canViewDocument in SQL):
   * public itself, and a general paper or one of a public agenda item. Needs the parameter `yes`.
   */
  private publicDocumentSql(d: string): string {
    return `${d}.visibility = 'public' AND (${d}.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM agenda_items dai WHERE dai.id = ${d}.agenda_item_id AND dai.is_public = :yes))`;
  }

  private filtered(kind: LiveKind, filter: TimeFilter, scope: Scope): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.visible(kind, scope);
    const modified = this.modifiedSql(kind, 'x');
    if (filter.createdSince) qb.andWhere('x.created_at >= :createdSince', { createdSince: storedSecond(filter.createdSince) });
    if (filter.createdUntil) qb.andWhere('x.created_at < :createdUntil', { createdUntil: storedSecond(filter.createdUntil, 1) });
    if (filter.modifiedSince) qb.andWhere(`${modified} >= :modifiedSince`, { modifiedSince: storedSecond(filter.modifiedSince) });
    if (filter.modifiedUntil) qb.andWhere(`${modified} < :modifiedUntil`, { modifiedUntil: storedSecond(filter.modifiedUntil, 1) });
    return qb;
  }

  countLive(kind: LiveKind, filter: TimeFilter, scope: Scope = {}): Promise<number> {
    return this.filtered(kind, filter, scope).getCount();
  }

  /** One page of public rows in a stable order (by id), with their `modified`. */
  async pageLive<T extends ObjectLiteral>(kind: LiveKind, filter: TimeFilter, offset: number, limit: number, scope: Scope = {}): Promise<Dated<T>[]> {
    const qb = this.filtered(kind, filter, scope)
      .addSelect(this.modifiedSql(kind, 'x'), 'oparl_modified')
      .orderBy('x.id', 'ASC')
      .offset(offset)
      .limit(limit);
    const { entities, raw } = await qb.getRawAndEntities<{ oparl_modified: unknown }>();
    return entities.map((row, i) => ({ row: row as T, modified: storedInstantOf(raw[i].oparl_modified) }));
  }

  /** One public row by id, or null when it is not (or no longer) public. */
  async findLive<T extends ObjectLiteral>(kind: LiveKind, id: number): Promise<Dated<T> | null> {
    const qb = this.visible(kind).andWhere('x.id = :id', { id }).addSelect(this.modifiedSql(kind, 'x'), 'oparl_modified');
    const { entities, raw } = await qb.getRawAndEntities<{ oparl_modified: unknown }>();
    return entities.length === 0 ? null : { row: entities[0] as T, modified: storedInstantOf(raw[0].oparl_modified) };
  }

  private tombstones(types: readonly TombstoneType[], filter: TimeFilter): SelectQueryBuilder<OparlTombstone> {
    const qb = this.dataSource.getRepository(OparlTombstone).createQueryBuilder('t').where('t.object_type IN (:...types)', { types });
    if (filter.createdSince) qb.andWhere('t.created_at >= :createdSince', { createdSince: storedSecond(filter.createdSince) });
    if (filter.createdUntil) qb.andWhere('t.created_at < :createdUntil', { createdUntil: storedSecond(filter.createdUntil, 1) });
    if (filter.modifiedSince) qb.andWhere('t.deleted_at >= :modifiedSince', { modifiedSince: storedSecond(filter.modifiedSince) });
    if (filter.modifiedUntil) qb.andWhere('t.deleted_at < :modifiedUntil', { modifiedUntil: storedSecond(filter.modifiedUntil, 1) });
    return qb;
  }

  countTombstones(types: readonly TombstoneType[], filter: TimeFilter, parentBodyMeetings?: number): Promise<number> {
    return this.scopedTombstones(types, filter, parentBodyMeetings).getCount();
  }

  pageTombstones(types: readonly TombstoneType[], filter: TimeFilter, offset: number, limit: number, parentBodyMeetings?: number): Promise<OparlTombstone[]> {
    return this.scopedTombstones(types, filter, parentBodyMeetings)
      .orderBy('t.object_type', 'ASC')
      .addOrderBy('t.object_id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getMany();
  }

  /** Tombstones of a kind; for a body's meeting list only the meetings that belonged to that body. */
  private scopedTombstones(types: readonly TombstoneType[], filter: TimeFilter, bodyId?: number): SelectQueryBuilder<OparlTombstone> {
    const qb = this.tombstones(types, filter);
    if (bodyId !== undefined) qb.andWhere('t.parent_id = :tombBody', { tombBody: bodyId });
    return qb;
  }

  findTombstone(type: TombstoneType, id: number): Promise<OparlTombstone | null> {
    return this.dataSource.getRepository(OparlTombstone).findOne({ where: { objectType: type, objectId: id } });
  }

  // ---- what a page of objects embeds or refers to (one query per kind and page) ----

  /** Public memberships of these people (Person.membership), or of these bodies (Organization.membership). */
  async membershipsOf(by: 'person' | 'body', ids: number[]): Promise<Dated<Membership>[]> {
    if (ids.length === 0) return [];
    const qb = this.visible('membership')
      .andWhere(new Brackets((w) => w.where(`x.${by}_id IN (:...ids)`, { ids })))
      .addSelect(this.modifiedSql('membership', 'x'), 'oparl_modified')
      .orderBy('x.id', 'ASC');
    const { entities, raw } = await qb.getRawAndEntities<{ oparl_modified: unknown }>();
    return entities.map((row, i) => ({ row: row as Membership, modified: storedInstantOf(raw[i].oparl_modified) }));
  }

  /** Current members of each body, all and those with a vote (memberCount, votingMemberCount). */
  async memberCounts(bodyIds: number[], today: string): Promise<Map<number, { all: number; voting: number }>> {
    const counts = new Map<number, { all: number; voting: number }>();
    if (bodyIds.length === 0) return counts;
    const rows = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('m.body_id', 'bodyId')
      .addSelect('COUNT(DISTINCT m.person_id)', 'all')
      .addSelect('COUNT(DISTINCT CASE WHEN m.voting_right = :yes THEN m.person_id END)', 'voting')
      .where('m.body_id IN (:...bodyIds)', { bodyIds })
      .andWhere(currentMembershipSql('m'), { today, yes: true })
      .andWhere('EXISTS (SELECT 1 FROM people cp WHERE cp.id = m.person_id AND cp.deleted_at IS NULL)')
      .groupBy('m.body_id')
      .getRawMany<{ bodyId: number | string; all: number | string; voting: number | string }>();
    for (const r of rows) counts.set(Number(r.bodyId), { all: Number(r.all), voting: Number(r.voting) });
    return counts;
  }

  /** Public agenda items of these meetings, in agenda order, with their `modified`. */
  async agendaOf(meetingIds: number[]): Promise<Dated<AgendaItem>[]> {
    if (meetingIds.length === 0) return [];
    const qb = this.visible('agenda_item')
      .andWhere('x.meeting_id IN (:...meetingIds)', { meetingIds })
      .addSelect(this.modifiedSql('agenda_item', 'x'), 'oparl_modified')
      .orderBy('x.meeting_id', 'ASC')
      .addOrderBy('x.position', 'ASC');
    const { entities, raw } = await qb.getRawAndEntities<{ oparl_modified: unknown }>();
    return entities.map((row, i) => ({ row: row as AgendaItem, modified: storedInstantOf(raw[i].oparl_modified) }));
  }

  /** Public files of these meetings (general papers and those of agenda items), in id order, with their `modified`. */
  async filesOf(meetingIds: number[]): Promise<Dated<MeetingDocument>[]> {
    if (meetingIds.length === 0) return [];
    const qb = this.visible('file')
      .andWhere('x.meeting_id IN (:...meetingIds)', { meetingIds })
      .addSelect(this.modifiedSql('file', 'x'), 'oparl_modified')
      .orderBy('x.id', 'ASC');
    const { entities, raw } = await qb.getRawAndEntities<{ oparl_modified: unknown }>();
    return entities.map((row, i) => ({ row: row as MeetingDocument, modified: storedInstantOf(raw[i].oparl_modified) }));
  }

  /** The newest version of each of these documents (without the extracted text), by document id. */
  async newestVersions(documentIds: number[]): Promise<Map<number, FileVersion>> {
    const newest = new Map<number, FileVersion>();
    if (documentIds.length === 0) return newest;
    const versions = await this.dataSource.getRepository(DocumentVersion).find({
      where: { documentId: In(documentIds) },
      select: { id: true, documentId: true, fileName: true, mimeType: true, size: true, uploadedAt: true },
      order: { id: 'ASC' },
    });
    for (const v of versions) newest.set(v.documentId, v);
    return newest;
  }

  /** The decisions the public may read for these (public) agenda items: approved minutes only. */
  publicDecisionsOf(agendaItemIds: number[]): Promise<Decision[]> {
    if (agendaItemIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Decision)
      .createQueryBuilder('d')
      .innerJoin('d.minutes', 'mn')
      .where('d.agenda_item_id IN (:...agendaItemIds)', { agendaItemIds })
      .andWhere("mn.status = 'approved'")
      .orderBy('d.id', 'ASC')
      .getMany();
  }

  locations(ids: number[]): Promise<Location[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.dataSource.getRepository(Location).find({ where: { id: In(ids) } });
  }

  /** People with what their public contact is built from (phones, e-mails, languages, organisation). */
  peopleWithContact(ids: number[]): Promise<Person[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(Person).find({ where: { id: In(ids) }, relations: { phones: true, emails: true, languages: true, organisation: { parent: true } } });
  }

  /** Organisations not removed, among these ids (Membership.onBehalfOf, Organization.subOrganizationOf). */
  async liveOrganisationIds(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(Organisation).find({ where: { id: In(ids) }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  /** The network's first and latest change (System and Body `created` / `modified`). */
  async networkDates(): Promise<{ created: Date; modified: Date }> {
    const row = await this.dataSource
      .getRepository(Body)
      .createQueryBuilder('b')
      .withDeleted()
      .select('MIN(b.created_at)', 'created')
      .addSelect('MAX(b.updated_at)', 'modified')
      .getRawOne<{ created: unknown; modified: unknown }>();
    if (!row || row.created === null || row.modified === null) {
      const epoch = new Date(0);
      return { created: epoch, modified: epoch };
    }
    return { created: storedInstantOf(row.created), modified: storedInstantOf(row.modified) };
  }
}

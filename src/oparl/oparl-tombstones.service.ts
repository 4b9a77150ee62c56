import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { Membership } from '../bodies/membership.entity.js';
import { DomainEvents } from '../database/domain-events.js';
import { MeetingDocument } from '../documents/document.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';
import { OparlTombstone, type TombstoneType } from './oparl-tombstone.entity.js';

/** One object whose OParl visibility a write may have changed. */
interface Candidate {
  id: number;
  parentId: number | null;
  createdAt: Date;
  /** Public after the write. */
  visibleNow: boolean;
  /** Public before the write. */
  wasVisible: boolean;
}

/** SQLite binds at most a few hundred parameters comfortably per statement. */
const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const publicBody = (b: Body | null): boolean => b !== null && b.deletedAt === null && b.isPublic;
const publicPerson = (p: Person | null): boolean => p !== null && p.deletedAt === null && p.consentAt !== null;

/**
 * Keeps the record of OParl objects that were public and are not any more (oparl_tombstones), inside
 * the transaction of the write that unpublished them: the lower modules publish what they did
 * (DomainEvents), this service decides what that means for the public interface. An object that
 * becomes public again loses its tombstone. Nothing personal is kept: type, id and two instants.
 */
@Injectable()
export class OparlTombstonesService {
  constructor(events: DomainEvents) {
    events.on('person.leaving', (manager, e) => this.person(manager, e.person.id, publicPerson(e.person), true));
    events.on('person.consentChanged', (manager, e) => this.person(manager, e.personId, e.wasPublic, false));
    events.on('body.saved', (manager, e) => this.body(manager, e.bodyId, e.wasPublic));
    events.on('meeting.saved', (manager, e) => this.meeting(manager, e.meetingId, e.wasPublic));
    events.on('agendaItem.changed', (manager, e) => this.agendaItem(manager, e.meetingId, e.itemId, e.wasPublic, e.createdAt));
    events.on('organisation.changed', (manager, e) => this.organisation(manager, e.organisationId));
    events.on('document.removed', (manager, e) =>
      this.apply(manager, 'file', [{ id: e.documentId, parentId: e.meetingId, createdAt: e.createdAt, visibleNow: false, wasVisible: e.wasPublic }], new Date()),
    );
  }

  /**
   * The files (meeting documents) of these meetings, or of one agenda item, as candidates: a document
   * is public while it is public itself, its agenda item (if any) is public and `meetingVisible`
   * says its meeting was or is public (the anonymous rule of canViewDocument).
   */
  private async files(manager: EntityManager, where: { meetingIds: number[] } | { agendaItemId: number }, meetingVisible: (meetingId: number, now: boolean) => boolean, itemWasPublic?: boolean): Promise<Candidate[]> {
    const repo = manager.getRepository(MeetingDocument);
    const docs: MeetingDocument[] = [];
    if ('agendaItemId' in where) docs.push(...(await repo.find({ where: { agendaItemId: where.agendaItemId }, relations: { agendaItem: true } })));
    else for (const part of chunks(where.meetingIds)) docs.push(...(await repo.find({ where: { meetingId: In(part) }, relations: { agendaItem: true } })));
    return docs.map((d) => {
      const itemNow = d.agendaItem === null || d.agendaItem.isPublic;
      const itemBefore = itemWasPublic ?? itemNow;
      const own = d.visibility === 'public';
      return { id: d.id, parentId: d.meetingId, createdAt: d.createdAt, visibleNow: own && itemNow && meetingVisible(d.meetingId, true), wasVisible: own && itemBefore && meetingVisible(d.meetingId, false) };
    });
  }

  /** Writes the tombstones of objects that stopped being public and drops those of objects public again. */
  private async apply(manager: EntityManager, type: TombstoneType, candidates: Candidate[], now: Date): Promise<void> {
    const repo = manager.getRepository(OparlTombstone);
    for (const part of chunks(candidates.filter((c) => c.visibleNow).map((c) => c.id))) {
      await repo.delete({ objectType: type, objectId: In(part) });
    }
    for (const part of chunks(candidates.filter((c) => !c.visibleNow && c.wasVisible))) {
      const existing = new Set((await repo.find({ where: { objectType: type, objectId: In(part.map((c) => c.id)) }, select: { objectId: true } })).map((t) => t.objectId));
      const fresh = part.filter((c) => !existing.has(c.id));
      if (fresh.length > 0) {
        await repo.insert(fresh.map((c) => ({ objectType: type, objectId: c.id, parentId: c.parentId, createdAt: c.createdAt, deletedAt: now })));
      }
    }
  }

  /** A person left the directory (`leaving`) or their consent changed; their memberships follow them. */
  private async person(manager: EntityManager, personId: number, wasPublic: boolean, leaving: boolean): Promise<void> {
    const now = new Date();
    const person = await manager.getRepository(Person).findOne({ where: { id: personId }, withDeleted: true });
    if (!person) return;
    const visibleNow = !leaving && publicPerson(person);
    await this.apply(manager, 'person', [{ id: person.id, parentId: null, createdAt: person.createdAt, visibleNow, wasVisible: wasPublic }], now);
    const memberships = await manager.getRepository(Membership).find({ where: { personId } });
    const bodies = await this.bodiesById(manager, memberships.map((m) => m.bodyId));
    await this.apply(
      manager,
      'membership',
      memberships.map((m) => {
        const bodyPublic = publicBody(bodies.get(m.bodyId) ?? null);
        return { id: m.id, parentId: personId, createdAt: m.createdAt, visibleNow: visibleNow && bodyPublic, wasVisible: wasPublic && bodyPublic };
      }),
      now,
    );
  }

  /** A body was saved or removed: it, its meetings with their agenda items and its memberships. */
  private async body(manager: EntityManager, bodyId: number, wasPublic: boolean): Promise<void> {
    const now = new Date();
    const body = await manager.getRepository(Body).findOne({ where: { id: bodyId }, withDeleted: true });
    if (!body) return;
    const visibleNow = publicBody(body);
    if (visibleNow === wasPublic) return;
    await this.apply(manager, 'body', [{ id: body.id, parentId: null, createdAt: body.createdAt, visibleNow, wasVisible: wasPublic }], now);
    const meetings = await manager.getRepository(Meeting).find({ where: { bodyId }, select: { id: true, isPublic: true, createdAt: true } });
    await this.apply(
      manager,
      'meeting',
      meetings.map((m) => ({ id: m.id, parentId: bodyId, createdAt: m.createdAt, visibleNow: visibleNow && m.isPublic, wasVisible: wasPublic && m.isPublic })),
      now,
    );
    const publicMeetings = meetings.filter((m) => m.isPublic).map((m) => m.id);
    for (const part of chunks(publicMeetings)) {
      const items = await manager.getRepository(AgendaItem).find({ where: { meetingId: In(part) }, select: { id: true, meetingId: true, isPublic: true, createdAt: true } });
      await this.apply(
        manager,
        'agenda_item',
        items.map((a) => ({ id: a.id, parentId: a.meetingId, createdAt: a.createdAt, visibleNow: visibleNow && a.isPublic, wasVisible: wasPublic && a.isPublic })),
        now,
      );
    }
    await this.apply(manager, 'file', await this.files(manager, { meetingIds: publicMeetings }, (_id, current) => (current ? visibleNow : wasPublic)), now);
    const memberships = await manager.getRepository(Membership).find({ where: { bodyId } });
    const people = new Map((await manager.getRepository(Person).find({ where: { id: In(memberships.map((m) => m.personId)) } })).map((p) => [p.id, p]));
    await this.apply(
      manager,
      'membership',
      memberships.map((m) => {
        const personPublic = publicPerson(people.get(m.personId) ?? null);
        return { id: m.id, parentId: m.personId, createdAt: m.createdAt, visibleNow: visibleNow && personPublic, wasVisible: wasPublic && personPublic };
      }),
      now,
    );
  }

  /** A meeting was saved (perhaps made internal or public): it and its agenda items. */
  private async meeting(manager: EntityManager, meetingId: number, wasPublic: boolean): Promise<void> {
    const now = new Date();
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id: meetingId } });
    if (!meeting) return;
    const bodyPublic = publicBody(await manager.getRepository(Body).findOne({ where: { id: meeting.bodyId }, withDeleted: true }));
    const visibleNow = bodyPublic && meeting.isPublic;
    const wasVisible = bodyPublic && wasPublic;
    if (visibleNow === wasVisible) return;
    await this.apply(manager, 'meeting', [{ id: meeting.id, parentId: meeting.bodyId, createdAt: meeting.createdAt, visibleNow, wasVisible }], now);
    const items = await manager.getRepository(AgendaItem).find({ where: { meetingId } });
    await this.apply(
      manager,
      'agenda_item',
      items.map((a) => ({ id: a.id, parentId: meetingId, createdAt: a.createdAt, visibleNow: visibleNow && a.isPublic, wasVisible: wasVisible && a.isPublic })),
      now,
    );
    await this.apply(manager, 'file', await this.files(manager, { meetingIds: [meetingId] }, (_id, current) => (current ? visibleNow : wasVisible)), now);
  }

  /** An agenda item was changed or removed. */
  private async agendaItem(manager: EntityManager, meetingId: number, itemId: number, wasPublic: boolean, createdAt: Date): Promise<void> {
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id: meetingId } });
    if (!meeting) return;
    const meetingPublic = meeting.isPublic && publicBody(await manager.getRepository(Body).findOne({ where: { id: meeting.bodyId }, withDeleted: true }));
    const item = await manager.getRepository(AgendaItem).findOne({ where: { id: itemId } });
    const visibleNow = meetingPublic && item !== null && item.isPublic;
    const now = new Date();
    await this.apply(manager, 'agenda_item', [{ id: itemId, parentId: meetingId, createdAt, visibleNow, wasVisible: meetingPublic && wasPublic }], now);
    await this.apply(manager, 'file', await this.files(manager, { agendaItemId: itemId }, () => meetingPublic, wasPublic), now);
  }

  /** An organisation changed or was removed (every organisation not removed is public). */
  private async organisation(manager: EntityManager, organisationId: number): Promise<void> {
    const org = await manager.getRepository(Organisation).findOne({ where: { id: organisationId }, withDeleted: true });
    if (!org) return;
    await this.apply(manager, 'organisation', [{ id: org.id, parentId: null, createdAt: org.createdAt, visibleNow: org.deletedAt === null, wasVisible: true }], new Date());
  }

  private async bodiesById(manager: EntityManager, ids: number[]): Promise<Map<number, Body>> {
    if (ids.length === 0) return new Map();
    const bodies = await manager.getRepository(Body).find({ where: { id: In(ids) }, withDeleted: true });
    return new Map(bodies.map((b) => [b.id, b]));
  }
}

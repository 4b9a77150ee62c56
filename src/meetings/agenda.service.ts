import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { AgendaItem } from './agenda-item.entity.js';
import { agendaLengthWarning, agendaNumbers, effectiveLevels, moveAgendaItem, type MoveDirection } from './agenda.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { auditAgendaItem } from './meeting-audit.js';
import { MeetingEditorService } from './meeting-editor.service.js';
import { Meeting } from './meeting.entity.js';
import { MeetingsRepository } from './meetings.repository.js';
import { SearchIndexer } from '../search/search-indexer.js';

export interface AgendaItemInput {
  title: string;
  level: number;
  presenter: string | null;
  plannedMinutes: number | null;
  isPublic: boolean;
  description: string | null;
}

export interface AgendaEditorContext {
  meeting: Meeting;
  items: AgendaItem[];
  /** Planned time longer than the meeting, or null. */
  lengthWarning: string | null;
  /** The invitation went out: the chair chooses whether an agenda change is mailed (default yes). */
  offersNotification: boolean;
}

/** Whether invitees may be told of agenda changes: only once the invitation went out. */
export function agendaChangesNotifiable(meeting: Pick<Meeting, 'state'>): boolean {
  return meeting.state === 'invited';
}

/** The agenda editor: items are numbered from their order and level after every change. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repository: MeetingsRepository,
    private readonly editor: MeetingEditorService,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
    private readonly events: DomainEvents,
  ) {}

  async context(viewer: Viewer, meetingId: number): Promise<AgendaEditorContext> {
    const meeting = await this.editor.forManage(meetingId, viewer, `/sitzungen/${meetingId}/tagesordnung`);
    const items = await this.repository.findAgenda(meetingId);
    const minutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
    return { meeting, items, lengthWarning: agendaLengthWarning(items, minutes), offersNotification: agendaChangesNotifiable(meeting) };
  }

  private async editable(viewer: Viewer, meetingId: number): Promise<AgendaEditorContext> {
    const ctx = await this.context(viewer, meetingId);
    if (ctx.meeting.state === 'cancelled') throw forbidden('Die Sitzung ist abgesagt; die Tagesordnung kann nicht mehr geändert werden.');
    return ctx;
  }

  async item(viewer: Viewer, meetingId: number, itemId: number): Promise<{ ctx: AgendaEditorContext; item: AgendaItem }> {
    const ctx = await this.context(viewer, meetingId);
    const item = ctx.items.find((i) => i.id === itemId);
    if (!item) throw notFound('Diesen Tagesordnungspunkt gibt es nicht.');
    return { ctx, item };
  }

  async add(viewer: Viewer, meetingId: number, input: AgendaItemInput, notify = false): Promise<AgendaItem> {
    const { meeting, items } = await this.editable(viewer, meetingId);
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(AgendaItem);
      const created = await repo.save(repo.create({ meetingId, ...input, position: items.length, number: '?' }));
      await this.renumber(manager, meeting, [...items.map((i) => i.id), created.id], notify);
      const added = await repo.findOneByOrFail({ id: created.id });
      await auditAgendaItem(this.audit, manager, viewer, 'create', meeting, null, added);
      await this.indexer.reindexMeeting(manager, meeting.id);
      return added;
    });
  }

  async update(viewer: Viewer, meetingId: number, itemId: number, input: AgendaItemInput, notify = false): Promise<void> {
    const { meeting, items } = await this.editable(viewer, meetingId);
    const item = items.find((i) => i.id === itemId);
    if (!item) throw notFound('Diesen Tagesordnungspunkt gibt es nicht.');
    await this.db.write(async (manager) => {
      await manager.getRepository(AgendaItem).update({ id: itemId }, input);
      await this.renumber(manager, meeting, items.map((i) => i.id), notify);
      await auditAgendaItem(this.audit, manager, viewer, 'update', meeting, item, await manager.getRepository(AgendaItem).findOneByOrFail({ id: itemId }));
      await this.indexer.reindexMeeting(manager, meeting.id);
      await this.events.publish(manager, 'agendaItem.changed', { meetingId, itemId, wasPublic: item.isPublic, createdAt: item.createdAt });
    });
  }

  async remove(viewer: Viewer, meetingId: number, itemId: number, notify = false): Promise<void> {
    const { meeting, items } = await this.editable(viewer, meetingId);
    const removed = items.find((i) => i.id === itemId);
    if (!removed) throw notFound('Diesen Tagesordnungspunkt gibt es nicht.');
    await this.db.write(async (manager) => {
      await manager.getRepository(AgendaItem).delete({ id: itemId, meetingId });
      await auditAgendaItem(this.audit, manager, viewer, 'delete', meeting, removed, null);
      await this.indexer.reindexMeeting(manager, meeting.id);
      await this.events.publish(manager, 'agendaItem.changed', { meetingId, itemId, wasPublic: removed.isPublic, createdAt: removed.createdAt });
      await this.renumber(manager, meeting, items.filter((i) => i.id !== itemId).map((i) => i.id), notify);
    });
  }

  /** Up or down by one place (with its sub-items); at the ends nothing happens. */
  async move(viewer: Viewer, meetingId: number, itemId: number, direction: MoveDirection, notify = false): Promise<void> {
    const { meeting, items } = await this.editable(viewer, meetingId);
    if (!items.some((i) => i.id === itemId)) throw notFound('Diesen Tagesordnungspunkt gibt es nicht.');
    const order = moveAgendaItem(items, itemId, direction);
    if (!order) return;
    await this.db.write(async (manager) => {
      await this.renumber(manager, meeting, order, notify);
      await auditAgendaItem(this.audit, manager, viewer, 'move', meeting, items.find((i) => i.id === itemId) ?? null, await manager.getRepository(AgendaItem).findOneByOrFail({ id: itemId }));
      await this.indexer.reindexMeeting(manager, meeting.id);
    });
  }

  /**
   * Writes position and number for the given order and touches the meeting (its feeds changed).
   * With `notify` (the chair's choice, offered once the invitation went out) the meeting gets a new
   * SEQUENCE and every invitee an update with the new agenda, in this transaction.
   */
  private async renumber(manager: EntityManager, meeting: Meeting, orderedIds: number[], notify: boolean): Promise<void> {
    const meetingId = meeting.id;
    const repo = manager.getRepository(AgendaItem);
    const items = await repo.find({ where: { meetingId } });
    const byId = new Map(items.map((i) => [i.id, i]));
    const ordered = orderedIds.map((id) => byId.get(id)).filter((i): i is AgendaItem => i !== undefined);
    const numbers = agendaNumbers(ordered);
    const levels = effectiveLevels(ordered);
    for (const [position, item] of ordered.entries()) {
      if (item.position !== position || item.number !== numbers[position] || item.level !== levels[position]) {
        await repo.update({ id: item.id }, { position, number: numbers[position], level: levels[position] });
      }
    }
    const announce = notify && agendaChangesNotifiable(meeting);
    const now = new Date();
    await manager.getRepository(Meeting).update({ id: meetingId }, announce ? { updatedAt: now, sequence: () => 'sequence + 1' } : { updatedAt: now });
    if (announce) await this.editor.announce(manager, meetingId, 'update', now);
  }
}

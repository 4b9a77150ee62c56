import { Injectable } from '@nestjs/common';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { MemberViewer, Viewer } from '../auth/viewer.js';
import { berlinDay, todayInBerlin } from '../common/dates.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { ActionItem } from './action-item.entity.js';
import { normalizeText } from './minutes-merge.js';
import { editBlockedReason } from './minutes-workflow.js';
import { Minutes } from './minutes.entity.js';
import { type ActionItemFilter, type ListScope, MinutesRepository } from './minutes.repository.js';
import { germanDay } from './minutes.view-model.js';
import { MinutesService } from './minutes.service.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { auditActionItem } from './minutes-audit.js';
import { SearchIndexer } from '../search/search-indexer.js';

export interface ActionItemInput {
  agendaItemId: number | null;
  what: string;
  responsiblePersonId: number | null;
  responsibleOrganisationId: number | null;
  /** YYYY-MM-DD (Berlin) or null. */
  dueDate: string | null;
}

export const MAX_ACTION_TEXT = 2000;

/** Action items (Aufgaben): written with the minutes, tracked across all bodies, marked done by the responsible. */
@Injectable()
export class ActionItemsService {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly minutesService: MinutesService,
    private readonly db: DatabaseService,
    private readonly permissions: BodyPolicyService,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
  ) {}

  /** Action items are for members only; editors also see those of their bodies' draft minutes. */
  async list(viewer: Viewer, filter: Omit<ActionItemFilter, 'today'>, now = new Date()): Promise<[ActionItem[], number]> {
    assertMember(viewer, '/aufgaben');
    const scope: ListScope = { publicOnly: false, draftBodies: await this.permissions.manageableBodyIds(viewer) };
    return this.repository.findActionItemPage(scope, { ...filter, today: todayInBerlin(now) });
  }

  async formContext(meetingId: number, viewer: Viewer): Promise<{ meeting: Meeting; minutes: Minutes; agenda: AgendaItem[] }> {
    const { meeting, minutes, agenda } = await this.minutesService.editorContext(meetingId, viewer);
    return { meeting, minutes, agenda };
  }

  async forEdit(meetingId: number, id: number, viewer: Viewer): Promise<{ meeting: Meeting; minutes: Minutes; agenda: AgendaItem[]; item: ActionItem }> {
    const ctx = await this.formContext(meetingId, viewer);
    const item = await this.repository.findActionItem(id);
    if (!item || item.meetingId !== meetingId) throw notFound('Diese Aufgabe gibt es nicht.');
    return { ...ctx, item };
  }

  private async check(input: ActionItemInput, meeting: Meeting, agenda: AgendaItem[]): Promise<ActionItemInput> {
    const errors: Record<string, string> = {};
    const meetingDay = berlinDay(meeting.startsAt);
    // an action item arises in the meeting: it cannot be due before that day (ISO dates compare as text)
    if (input.dueDate !== null && input.dueDate < meetingDay) {
      errors.dueDate = `Die Frist kann nicht vor dem Sitzungstag (${germanDay(meetingDay)}) liegen. Bitte ein späteres Datum wählen oder das Feld leer lassen.`;
    }
    const what = normalizeText(input.what).trim();
    if (what === '') errors.what = 'Bitte beschreiben Sie die Aufgabe.';
    else if (what.length > MAX_ACTION_TEXT) errors.what = `Die Beschreibung darf höchstens ${MAX_ACTION_TEXT} Zeichen lang sein.`;
    if (input.agendaItemId !== null && !agenda.some((a) => a.id === input.agendaItemId)) errors.agendaItemId = 'Bitte einen Tagesordnungspunkt dieser Sitzung wählen.';
    if (input.responsiblePersonId === null && input.responsibleOrganisationId === null) {
      errors.responsiblePersonId = 'Bitte eine verantwortliche Person oder Organisation wählen.';
    }
    if (input.responsiblePersonId !== null && !(await this.repository.findPerson(input.responsiblePersonId))) errors.responsiblePersonId = 'Bitte eine Person aus der Liste wählen.';
    if (input.responsibleOrganisationId !== null && !(await this.repository.findOrganisation(input.responsibleOrganisationId))) {
      errors.responsibleOrganisationId = 'Bitte eine Organisation aus der Liste wählen.';
    }
    if (Object.keys(errors).length > 0) throw new FormRejected(errors);
    return { ...input, what };
  }

  async create(meetingId: number, viewer: Viewer, input: ActionItemInput): Promise<ActionItem> {
    const { meeting, minutes, agenda } = await this.formContext(meetingId, viewer);
    const checked = await this.check(input, meeting, agenda);
    return this.db.write(async (manager) => {
      await this.assertStillEditable(manager.getRepository(Minutes), minutes.id);
      const created = await manager.getRepository(ActionItem).save({ meetingId, bodyId: meeting.bodyId, status: 'open', ...checked });
      await auditActionItem(this.audit, manager, viewer, 'create', null, created);
      await this.indexer.reindex(manager, 'action-item', created.id);
      return created;
    });
  }

  async update(meetingId: number, id: number, viewer: Viewer, input: ActionItemInput): Promise<void> {
    const { meeting, minutes, agenda, item } = await this.forEdit(meetingId, id, viewer);
    const checked = await this.check(input, meeting, agenda);
    await this.db.write(async (manager) => {
      await this.assertStillEditable(manager.getRepository(Minutes), minutes.id);
      await manager.getRepository(ActionItem).update({ id: item.id }, checked);
      await auditActionItem(this.audit, manager, viewer, 'update', item, await manager.getRepository(ActionItem).findOneByOrFail({ id: item.id }));
      await this.indexer.reindex(manager, 'action-item', item.id);
    });
  }

  async remove(meetingId: number, id: number, viewer: Viewer): Promise<void> {
    const { minutes, item } = await this.forEdit(meetingId, id, viewer);
    await this.db.write(async (manager) => {
      await this.assertStillEditable(manager.getRepository(Minutes), minutes.id);
      await manager.getRepository(ActionItem).delete({ id: item.id });
      await auditActionItem(this.audit, manager, viewer, 'delete', item, null);
      await this.indexer.reindex(manager, 'action-item', item.id);
    });
  }

  /** Done (or open again): editors of the body, administrators and the responsible person themselves — also after approval. */
  async setDone(id: number, viewer: Viewer, done: boolean, now = new Date()): Promise<ActionItem> {
    assertMember(viewer, '/aufgaben');
    const item = await this.repository.findActionItem(id);
    if (!item) throw notFound('Diese Aufgabe gibt es nicht.');
    const isEditor = await this.permissions.canManageBody(viewer, item.bodyId);
    const minutes = await this.repository.findMinutesOfMeeting(item.meetingId);
    // an item of draft minutes does not exist for anyone but the editors
    if (!isEditor && (!minutes || minutes.status === 'draft')) throw notFound('Diese Aufgabe gibt es nicht.');
    if (!isEditor && !this.isResponsible(viewer, item)) {
      throw forbidden('Erledigt melden können die verantwortliche Person sowie Vorsitz und Geschäftsführung des Gremiums.');
    }
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(ActionItem);
      await repo.update({ id }, done ? { status: 'done', doneAt: now, doneByAccountId: viewer.accountId } : { status: 'open', doneAt: null, doneByAccountId: null });
      const saved = await repo.findOneOrFail({ where: { id } });
      await auditActionItem(this.audit, manager, viewer, done ? 'done' : 'reopen', item, saved);
      return saved;
    });
  }

  isResponsible(viewer: MemberViewer, item: Pick<ActionItem, 'responsiblePersonId'>): boolean {
    return viewer.personId !== null && item.responsiblePersonId === viewer.personId;
  }

  private async assertStillEditable(repo: { findOneOrFail: (o: { where: { id: number } }) => Promise<Minutes> }, minutesId: number): Promise<void> {
    const minutes = await repo.findOneOrFail({ where: { id: minutesId } });
    const blocked = editBlockedReason(minutes.status);
    if (blocked) throw forbidden(blocked);
  }
}

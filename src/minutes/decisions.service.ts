import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { isMember, type Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { foldText } from '../common/text/fold.js';
import { DatabaseService } from '../database/database.service.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { DecisionCounter } from './decision-counter.entity.js';
import { decisionYear, formatDecisionNumber, nextDecisionSequence } from './decision-number.js';
import { votesAgainstAttendance, votesCast, votesErrors } from './decision-votes.js';
import { Decision, type DecisionResult } from './decision.entity.js';
import { normalizeText } from './minutes-merge.js';
import { editBlockedReason } from './minutes-workflow.js';
import { Minutes } from './minutes.entity.js';
import { type DecisionFilter, type ListScope, MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { auditDecision } from './minutes-audit.js';
import { SearchIndexer } from '../search/search-indexer.js';

export interface DecisionInput {
  agendaItemId: number;
  text: string;
  unanimous: boolean;
  votesYes: number | null;
  votesNo: number | null;
  votesAbstain: number | null;
  result: DecisionResult;
}

export const MAX_DECISION_TEXT = 20_000;

/** Decisions (Beschlüsse): numbered per body and year in the write that creates them; the register. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly minutesService: MinutesService,
    private readonly db: DatabaseService,
    private readonly permissions: BodyPolicyService,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
  ) {}

  /** What the register may show the viewer. */
  async scope(viewer: Viewer): Promise<ListScope> {
    if (!isMember(viewer)) return { publicOnly: true, draftBodies: [] };
    return { publicOnly: false, draftBodies: await this.permissions.manageableBodyIds(viewer) };
  }

  async register(viewer: Viewer, filter: DecisionFilter): Promise<[Decision[], number]> {
    return this.repository.findDecisionPage(await this.scope(viewer), filter);
  }

  async years(viewer: Viewer): Promise<number[]> {
    return this.repository.findDecisionYears(await this.scope(viewer));
  }

  /** The latest decisions of a body the viewer may see (body page). */
  async recentOfBody(viewer: Viewer, bodyId: number, limit = 5): Promise<Decision[]> {
    return this.repository.findRecentDecisionsOfBody(await this.scope(viewer), bodyId, limit);
  }

  /** The meeting, its editable minutes and agenda — for the decision forms (editors only). */
  async formContext(meetingId: number, viewer: Viewer): Promise<{ meeting: Meeting; minutes: Minutes; agenda: AgendaItem[] }> {
    const { meeting, minutes, agenda } = await this.minutesService.editorContext(meetingId, viewer);
    return { meeting, minutes, agenda };
  }

  /** A decision of this meeting, for editing (editors only). */
  async forEdit(meetingId: number, decisionId: number, viewer: Viewer): Promise<{ meeting: Meeting; minutes: Minutes; agenda: AgendaItem[]; decision: Decision }> {
    const ctx = await this.formContext(meetingId, viewer);
    const decision = await this.repository.findDecision(decisionId);
    if (!decision || decision.minutesId !== ctx.minutes.id) throw notFound('Diesen Beschluss gibt es nicht.');
    return { ...ctx, decision };
  }

  private async check(input: DecisionInput, meeting: Meeting, agenda: AgendaItem[]): Promise<DecisionInput> {
    const errors: Record<string, string> = { ...votesErrors({ unanimous: input.unanimous, yes: input.votesYes, no: input.votesNo, abstain: input.votesAbstain, result: input.result }) };
    if (input.result !== 'postponed' && !errors.votesYes) {
      // more votes than voting members present is refused; unrecorded attendance only warns (on the minutes page)
      const { votersPresent } = await this.minutesService.presence(meeting);
      const checked = votesAgainstAttendance(votesCast({ yes: input.votesYes, no: input.votesNo, abstain: input.votesAbstain }), votersPresent);
      if (checked.kind === 'too-many') errors.votesYes = checked.message;
    }
    if (!agenda.some((a) => a.id === input.agendaItemId)) errors.agendaItemId = 'Bitte einen Tagesordnungspunkt dieser Sitzung wählen.';
    const text = normalizeText(input.text).trim();
    if (text === '') errors.text = 'Bitte den Wortlaut des Beschlusses eingeben.';
    if (text.length > MAX_DECISION_TEXT) errors.text = `Der Beschlusstext darf höchstens ${MAX_DECISION_TEXT.toLocaleString('de-DE')} Zeichen lang sein.`;
    if (Object.keys(errors).length > 0) throw new FormRejected(errors);
    return { ...input, text };
  }

  /** Creates a decision with the next number of its body and year, in one serialised write. */
  async create(meetingId: number, viewer: Viewer, input: DecisionInput): Promise<Decision> {
    const { meeting, minutes, agenda } = await this.formContext(meetingId, viewer);
    const checked = await this.check(input, meeting, agenda);
    return this.db.write(async (manager) => {
      await this.assertStillEditable(manager, minutes.id);
      const year = decisionYear(meeting.startsAt);
      const sequence = await this.takeNumber(manager, meeting.bodyId, year);
      const created = await manager.getRepository(Decision).save({
        minutesId: minutes.id,
        bodyId: meeting.bodyId,
        year,
        sequence,
        number: formatDecisionNumber(meeting.body.code, year, sequence),
        ...this.columns(checked),
      });
      await auditDecision(this.audit, manager, viewer, 'create', agenda, null, created);
      await this.indexer.reindex(manager, 'decision', created.id);
      return created;
    });
  }

  /** Changes text, votes, result or agenda item; the number stays. */
  async update(meetingId: number, decisionId: number, viewer: Viewer, input: DecisionInput): Promise<Decision> {
    const { meeting, minutes, agenda, decision } = await this.forEdit(meetingId, decisionId, viewer);
    const checked = await this.check(input, meeting, agenda);
    return this.db.write(async (manager) => {
      await this.assertStillEditable(manager, minutes.id);
      await manager.getRepository(Decision).update({ id: decision.id }, this.columns(checked));
      const saved = await manager.getRepository(Decision).findOneOrFail({ where: { id: decision.id } });
      await auditDecision(this.audit, manager, viewer, 'update', agenda, decision, saved);
      await this.indexer.reindex(manager, 'decision', saved.id);
      return saved;
    });
  }

  /** Deletes a decision of unapproved minutes; its number is not handed out again. */
  async remove(meetingId: number, decisionId: number, viewer: Viewer): Promise<void> {
    const { minutes, agenda, decision } = await this.forEdit(meetingId, decisionId, viewer);
    await this.db.write(async (manager) => {
      await this.assertStillEditable(manager, minutes.id);
      await manager.getRepository(Decision).delete({ id: decision.id });
      await auditDecision(this.audit, manager, viewer, 'delete', agenda, decision, null);
      await this.indexer.reindex(manager, 'decision', decision.id);
    });
  }

  private columns(d: DecisionInput): Pick<Decision, 'agendaItemId' | 'text' | 'searchText' | 'unanimous' | 'votesYes' | 'votesNo' | 'votesAbstain' | 'result'> {
    const postponed = d.result === 'postponed';
    return {
      agendaItemId: d.agendaItemId,
      text: d.text,
      searchText: foldText(d.text),
      unanimous: !postponed && d.unanimous,
      votesYes: postponed ? null : d.votesYes,
      votesNo: postponed || d.unanimous ? (d.unanimous ? 0 : null) : d.votesNo,
      votesAbstain: postponed || d.unanimous ? (d.unanimous ? 0 : null) : d.votesAbstain,
      result: d.result,
    };
  }

  private async assertStillEditable(manager: EntityManager, minutesId: number): Promise<void> {
    const minutes = await manager.getRepository(Minutes).findOneOrFail({ where: { id: minutesId } });
    const blocked = editBlockedReason(minutes.status);
    if (blocked) throw forbidden(blocked);
  }

  /** The next running number of the body's year; the counter survives deleted decisions. Call inside db.write. */
  private async takeNumber(manager: EntityManager, bodyId: number, year: number): Promise<number> {
    const repo = manager.getRepository(DecisionCounter);
    const counter = await repo.findOne({ where: { bodyId, year } });
    // also above any number already stored (e.g. imported decisions), so a number is never taken twice
    const maxRow = await manager
      .getRepository(Decision)
      .createQueryBuilder('d')
      .select('MAX(d.sequence)', 'max')
      .where('d.bodyId = :bodyId AND d.year = :year', { bodyId, year })
      .getRawOne<{ max: number | string | null }>();
    const highest = Math.max(counter?.lastSequence ?? 0, Number(maxRow?.max ?? 0));
    const sequence = nextDecisionSequence(highest);
    if (counter) await repo.update({ bodyId, year }, { lastSequence: sequence });
    else await repo.insert({ bodyId, year, lastSequence: sequence });
    return sequence;
  }

  /** For the assertion helpers of controllers: members only. */
  assertLoggedIn(viewer: Viewer, returnTo: string): void {
    assertMember(viewer, returnTo);
  }
}

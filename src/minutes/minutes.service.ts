import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { isMember, type MemberViewer, type Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import { ZONE } from '../common/dates.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import type { CirculationReceipt } from './minutes-events.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { personDisplayName } from '../people/person-name.js';
import type { Person } from '../people/person.entity.js';
import type { ActionItem } from './action-item.entity.js';
import { type AttendanceChoice, attendanceChoice, attendanceFields, parseGuests } from './attendance-record.js';
import type { Decision } from './decision.entity.js';
import { MinutesAmendment } from './minutes-amendment.entity.js';
import { MinutesItem } from './minutes-item.entity.js';
import { mergeFields, normalizeText, type SubmittedField } from './minutes-merge.js';
import {
  approvalMeetingError,
  editBlockedReason,
  type MinutesAccess,
  minutesAccess,
  minutesCreationBlockedReason,
  type MinutesTransition,
  TRANSITION_TARGET,
  transitionError,
} from './minutes-workflow.js';
import { Minutes } from './minutes.entity.js';
import { MinutesRepository } from './minutes.repository.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { amendmentChanges, attendanceSnapshot, auditAttendance, auditMinutes, minutesSnapshot, minutesTextChanges } from './minutes-audit.js';
import { computeQuorum, type QuorumResult } from '../bodies/quorum.js';
import { QuorumRulesService } from '../bodies/quorum-rules.service.js';
import { SearchIndexer } from '../search/search-indexer.js';

/** Keys of the text fields of the editor: opening, other business and one per agenda item ("item-12"). */
export type TextKey = string;

/** What the minutes' link and access rules need of a meeting (an entity, or the meeting page's plain MeetingFacts). */
export type MinutesMeetingScope = Pick<Meeting, 'id' | 'bodyId' | 'isPublic' | 'state' | 'startsAt'> & { body: Pick<Body, 'isPublic'> };
export const OPENING_KEY = 'opening';
export const OTHER_BUSINESS_KEY = 'otherBusiness';
export const itemKey = (agendaItemId: number): TextKey => `item-${agendaItemId}`;

export const MAX_TEXT_LENGTH = 100_000;

export interface AttendanceRow {
  person: Person;
  membership: Membership | null;
  choice: AttendanceChoice | null;
  deputy: Person | null;
}

export interface MinutesDetail {
  meeting: Meeting;
  body: Body;
  minutes: Minutes;
  access: Exclude<MinutesAccess, 'none'>;
  isEditor: boolean;
  /** Editor and not approved yet. */
  editable: boolean;
  /** The agenda the viewer may see (public items only for 'public-items'). */
  agenda: AgendaItem[];
  /** Agenda item id → Markdown source. */
  texts: Map<number, string>;
  decisions: Decision[];
  actionItems: ActionItem[];
  amendments: MinutesAmendment[];
  attendance: AttendanceRow[];
  guests: string[];
  quorum: QuorumResult;
  /** Voting members present or represented; null while attendance is not recorded (see presence). */
  votersPresent: number | null;
  /** "3/2026": the meeting's running number within the body's year. */
  minutesNumber: string;
  /** For editors of circulated minutes: later meetings of the body to approve them in. */
  approvalCandidates: Meeting[];
}

export interface MinutesLinkInfo {
  meetingId: number;
  /** null: no minutes yet. */
  status: Minutes['status'] | null;
  /** The viewer may open the minutes. */
  readable: boolean;
  /** The viewer may start the minutes (editor, meeting begun, none yet). */
  canStart: boolean;
}

export interface EditorContext {
  meeting: Meeting;
  minutes: Minutes;
  agenda: AgendaItem[];
  /** Field key → stored text. */
  texts: Record<TextKey, string>;
}

export interface TextSubmission {
  baseVersion: number;
  fields: Record<TextKey, SubmittedField>;
}

export type SaveOutcome =
  | { kind: 'saved'; version: number; merged: boolean }
  | { kind: 'conflict'; conflicts: TextKey[]; current: Record<TextKey, string>; currentVersion: number };

export interface AttendanceInput {
  baseVersion: number;
  rows: { personId: number; choice: AttendanceChoice | null; deputyPersonId: number | null }[];
  guests: string;
  chairPersonId: number | null;
  recorderPersonId: number | null;
  /** Berlin wall-clock times on the meeting's day, already resolved to instants (or null). */
  openedAt: Date | null;
  closedAt: Date | null;
  quorumCheckedAt: Date | null;
  quorumReached: boolean | null;
}

export interface AmendmentInput {
  agendaItemId: number | null;
  reason: string;
  text: string;
}

/** Minutes: who may see what, the workflow, texts with optimistic locking, attendance and amendments. */
/**
 * What the public reads of approved minutes ('public-items'): the public agenda items with their
 * texts, decisions and amendments (and the general amendments); no internal item, no action item,
 * no guests (private people). The minutes page and the generated PDF (src/documents) both use this.
 */
export function publicMinutesContent(d: MinutesDetail): MinutesDetail {
  const agenda = d.agenda.filter((a) => a.isPublic);
  const visible = new Set(agenda.map((a) => a.id));
  return {
    ...d,
    access: 'public-items',
    agenda,
    texts: new Map([...d.texts].filter(([id]) => visible.has(id))),
    decisions: d.decisions.filter((x) => visible.has(x.agendaItemId)),
    actionItems: [],
    amendments: d.amendments.filter((a) => a.agendaItemId === null || visible.has(a.agendaItemId)),
    guests: [],
  };
}

@Injectable()
export class MinutesService {
  constructor(
    private readonly repository: MinutesRepository,
    private readonly db: DatabaseService,
    private readonly permissions: BodyPolicyService,
    private readonly quorumRules: QuorumRulesService,
    private readonly meetings: MeetingsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
  ) {}

  /** A meeting the viewer may know about (the meetings module's one visibility rule), or 404. */
  visibleMeeting(meetingId: number, viewer: Viewer): Promise<Meeting> {
    return this.meetings.visibleMeeting(meetingId, viewer);
  }

  isEditor(viewer: Viewer, bodyId: number): Promise<boolean> {
    return this.permissions.canManageBody(viewer, bodyId);
  }

  /** Throws: anonymous → login, member without the right → 403. */
  private async assertEditor(viewer: Viewer, bodyId: number, returnTo: string): Promise<MemberViewer> {
    assertMember(viewer, returnTo);
    if (!(await this.permissions.canManageBody(viewer, bodyId))) {
      throw forbidden('Protokolle schreiben nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung dieses Gremiums.');
    }
    return viewer;
  }

  /** Whether minutes exist for the meeting and the viewer may read them (for links from meeting pages). */
  async accessFor(meetingId: number, viewer: Viewer): Promise<{ minutes: Minutes | null; access: MinutesAccess; isEditor: boolean }> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    const minutes = await this.repository.findMinutesOfMeeting(meetingId);
    const isEditor = await this.isEditor(viewer, meeting.bodyId);
    if (!minutes) return { minutes: null, access: 'none', isEditor };
    return { minutes, access: this.access(minutes.status, meeting, viewer, isEditor), isEditor };
  }

  /**
   * For the meeting page (meetings module): whether the viewer gets a link to the minutes, or — as
   * an editor of a meeting that has begun — a link to start them. Pass the meeting as already loaded
   * (with its body) and checked for visibility.
   */
  /**
   * What the meeting page links to. `isEditor`: whether the viewer may manage the body, when the
   * caller knows it already (the page asks once for its own buttons).
   */
  async linkInfo(meeting: MinutesMeetingScope, viewer: Viewer, now = new Date(), isEditor?: boolean): Promise<MinutesLinkInfo> {
    const [status, editor] = await Promise.all([this.repository.findStatusOfMeeting(meeting.id), isEditor ?? this.isEditor(viewer, meeting.bodyId)]);
    if (!status) {
      return { meetingId: meeting.id, status: null, readable: false, canStart: editor && minutesCreationBlockedReason(meeting, now) === null };
    }
    return { meetingId: meeting.id, status, readable: this.access(status, meeting, viewer, editor) !== 'none', canStart: false };
  }

  private access(status: Minutes['status'], meeting: MinutesMeetingScope, viewer: Viewer, isEditor: boolean): MinutesAccess {
    return minutesAccess({
      status,
      meetingIsPublic: meeting.isPublic,
      bodyIsPublic: meeting.body.isPublic,
      viewerIsMember: isMember(viewer),
      viewerIsEditor: isEditor,
    });
  }

  /** The minutes as the viewer may read them; 404 when they do not exist for the viewer. */
  async detail(meetingId: number, viewer: Viewer): Promise<MinutesDetail> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    const minutes = await this.repository.findMinutesOfMeeting(meetingId);
    const isEditor = await this.isEditor(viewer, meeting.bodyId);
    const access = minutes ? this.access(minutes.status, meeting, viewer, isEditor) : 'none';
    if (!minutes || access === 'none') {
      throw notFound(
        isMember(viewer)
          ? 'Für diese Sitzung gibt es noch kein freigegebenes Protokoll.'
          : 'Für diese Sitzung ist kein öffentliches Protokoll vorhanden. Mitglieder melden sich an, um interne Protokolle zu lesen.',
      );
    }
    const [agenda, items, decisions, actionItems, amendments, attendance, guests, presence, minutesNumber] = await Promise.all([
      this.repository.findAgenda(meetingId),
      this.repository.findItems(minutes.id),
      this.repository.findDecisionsOfMinutes(minutes.id),
      isMember(viewer) ? this.repository.findActionItemsOfMeeting(meetingId) : Promise.resolve([]),
      this.repository.findAmendments(minutes.id),
      this.attendanceSheet(meeting),
      Promise.resolve(parseGuests(minutes.guests ?? '')),
      this.presence(meeting),
      this.minutesNumber(meeting),
    ]);
    const approvalCandidates = isEditor && minutes.status === 'circulated' ? await this.laterMeetings(meeting) : [];
    const all: MinutesDetail = {
      meeting,
      body: meeting.body,
      minutes,
      access,
      isEditor,
      editable: isEditor && editBlockedReason(minutes.status) === null,
      agenda,
      texts: new Map(items.map((i) => [i.agendaItemId, i.text])),
      decisions,
      actionItems,
      amendments,
      attendance,
      guests,
      quorum: presence.quorum,
      votersPresent: presence.votersPresent,
      minutesNumber,
      approvalCandidates,
    };
    return access === 'public-items' ? publicMinutesContent(all) : all;
  }

  /** "3/2026": the meeting's position among the body's not cancelled meetings of its (Berlin) year. */
  async minutesNumber(meeting: Meeting): Promise<string> {
    const start = DateTime.fromJSDate(meeting.startsAt).setZone(ZONE);
    const yearStart = start.startOf('year').toJSDate();
    const earlier = await this.repository.countEarlierMeetingsInYear(meeting.bodyId, yearStart, meeting.startsAt, meeting.id);
    return `${earlier + 1}/${start.year}`;
  }

  /** Every current member of the body on the meeting's day with what was recorded, plus other recorded attendees. */
  async attendanceSheet(meeting: Meeting): Promise<AttendanceRow[]> {
    const day = DateTime.fromJSDate(meeting.startsAt).setZone(ZONE).toISODate() ?? '';
    const [memberships, rows] = await Promise.all([this.repository.findMembershipsOn(meeting.bodyId, day), this.repository.findAttendance(meeting.id)]);
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    const seen = new Set<number>();
    const sheet: AttendanceRow[] = [];
    for (const m of memberships) {
      if (seen.has(m.personId)) continue;
      seen.add(m.personId);
      const a = byPerson.get(m.personId);
      // a person with several roles: the one with a voting right decides
      const best = memberships.filter((x) => x.personId === m.personId).sort((x, y) => Number(y.votingRight) - Number(x.votingRight))[0];
      sheet.push({ person: m.person, membership: best, choice: attendanceChoice(a), deputy: a?.deputyPerson ?? null });
    }
    for (const a of rows) {
      if (seen.has(a.personId) || a.attended === null) continue;
      seen.add(a.personId);
      sheet.push({ person: a.person, membership: null, choice: attendanceChoice(a), deputy: a.deputyPerson });
    }
    return sheet;
  }

  /**
   * The quorum and the voting members present or represented — the quorum's own count (deputies
   * counted), so votes and quorum use one rule; votersPresent is null while no voting member's
   * attendance is recorded.
   */
  async presence(meeting: Meeting): Promise<{ quorum: QuorumResult; votersPresent: number | null }> {
    const [sheet, rule] = await Promise.all([this.attendanceSheet(meeting), this.quorumRules.ruleOf(meeting.bodyId)]);
    const seats = sheet
      .filter((r) => r.membership?.votingRight === true)
      .map((r) => {
        const choice = r.choice;
        const fields = choice ? attendanceFields(choice, r.deputy?.id ?? null) : { attended: null, deputyPersonId: null };
        return { personId: r.person.id, ...fields };
      });
    const quorum = computeQuorum(seats, rule);
    return { quorum, votersPresent: seats.some((s) => s.attended !== null) ? quorum.votes : null };
  }

  /** Starts the minutes of a meeting (editors); returns the existing ones when already started. */
  async create(meetingId: number, viewer: Viewer, now = new Date()): Promise<Minutes> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    const editor = await this.assertEditor(viewer, meeting.bodyId, `/sitzungen/${meetingId}/protokoll`);
    const blocked = minutesCreationBlockedReason(meeting, now);
    if (blocked) throw forbidden(blocked);
    const day = DateTime.fromJSDate(meeting.startsAt).setZone(ZONE).toISODate() ?? '';
    const chair = (await this.repository.findMembershipsOn(meeting.bodyId, day)).find((m) => m.role === 'chair');
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Minutes);
      const existing = await repo.findOne({ where: { meetingId } });
      if (existing) return existing;
      const created = await repo.save(
        repo.create({
          meetingId,
          status: 'draft',
          chairPersonId: chair?.personId ?? null,
          recorderPersonId: editor.personId,
          openingText: null,
          otherBusinessText: null,
          guests: null,
        }),
      );
      await auditMinutes(this.audit, manager, viewer, 'create', meeting, null, created);
      await this.indexer.reindexMeeting(manager, meeting.id);
      return created;
    });
  }

  /** What the editor needs: the minutes must exist, the viewer edit them, and they not be approved. */
  async editorContext(meetingId: number, viewer: Viewer): Promise<EditorContext> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    await this.assertEditor(viewer, meeting.bodyId, `/sitzungen/${meetingId}/protokoll/bearbeiten`);
    const minutes = await this.repository.findMinutesOfMeeting(meetingId);
    if (!minutes) throw notFound('Für diese Sitzung wurde noch kein Protokoll angelegt.');
    const blocked = editBlockedReason(minutes.status);
    if (blocked) throw forbidden(blocked);
    const [agenda, items] = await Promise.all([this.repository.findAgenda(meetingId), this.repository.findItems(minutes.id)]);
    return { meeting, minutes, agenda, texts: this.textsOf(minutes, agenda, items) };
  }

  private textsOf(minutes: Minutes, agenda: AgendaItem[], items: MinutesItem[]): Record<TextKey, string> {
    const byItem = new Map(items.map((i) => [i.agendaItemId, i.text]));
    const texts: Record<TextKey, string> = { [OPENING_KEY]: minutes.openingText ?? '' };
    for (const a of agenda) texts[itemKey(a.id)] = byItem.get(a.id) ?? '';
    texts[OTHER_BUSINESS_KEY] = minutes.otherBusinessText ?? '';
    return texts;
  }

  /**
   * Saves the editor's texts. Based on the current version: saved as is. Based on an older version:
   * merged field by field (see mergeFields) — saved when nobody else touched the same text, else a
   * conflict with both versions and nothing written.
   */
  async saveTexts(meetingId: number, viewer: Viewer, submission: TextSubmission): Promise<SaveOutcome> {
    const { meeting, agenda } = await this.editorContext(meetingId, viewer);
    const known = new Set<TextKey>([OPENING_KEY, OTHER_BUSINESS_KEY, ...agenda.map((a) => itemKey(a.id))]);
    const tooLong = Object.entries(submission.fields).find(([, f]) => f.value.length > MAX_TEXT_LENGTH);
    if (tooLong) throw new FormRejected({ [tooLong[0]]: `Der Text darf höchstens ${MAX_TEXT_LENGTH.toLocaleString('de-DE')} Zeichen lang sein.` });
    return this.db.write(async (manager) => {
      const minutes = await manager.getRepository(Minutes).findOneOrFail({ where: { meetingId: meeting.id } });
      const blocked = editBlockedReason(minutes.status);
      if (blocked) throw forbidden(blocked);
      const items = await manager.getRepository(MinutesItem).find({ where: { minutesId: minutes.id } });
      const current = this.textsOf(minutes, agenda, items);
      const submitted: Record<TextKey, SubmittedField> = {};
      for (const [key, field] of Object.entries(submission.fields)) if (known.has(key)) submitted[key] = field;
      let values: Record<TextKey, string>;
      let merged = false;
      if (submission.baseVersion === minutes.version) {
        values = { ...current };
        for (const [key, field] of Object.entries(submitted)) values[key] = normalizeText(field.value);
      } else {
        const outcome = mergeFields(current, submitted);
        if (outcome.conflicts.length > 0) {
          return { kind: 'conflict', conflicts: outcome.conflicts, current, currentVersion: minutes.version };
        }
        values = outcome.merged;
        merged = true;
      }
      const version = await this.writeTexts(manager, minutes, agenda, items, current, values);
      await auditMinutes(this.audit, manager, viewer, 'update', meeting, minutes, minutes, minutesTextChanges(agenda, current, values));
      await this.indexer.reindexMeeting(manager, meeting.id);
      return { kind: 'saved', version, merged };
    });
  }

  private async writeTexts(
    manager: EntityManager,
    minutes: Minutes,
    agenda: AgendaItem[],
    items: MinutesItem[],
    current: Record<TextKey, string>,
    values: Record<TextKey, string>,
  ): Promise<number> {
    const itemRepo = manager.getRepository(MinutesItem);
    for (const a of agenda) {
      const key = itemKey(a.id);
      if (values[key] === current[key]) continue;
      const existing = items.find((i) => i.agendaItemId === a.id);
      if (existing) await itemRepo.update({ id: existing.id }, { text: values[key] });
      else await itemRepo.insert({ minutesId: minutes.id, agendaItemId: a.id, text: values[key] });
    }
    const blankToNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);
    // the version is raised by every save, also when only item texts changed (TypeORM adds version + 1)
    const result = await manager
      .getRepository(Minutes)
      .update({ id: minutes.id, version: minutes.version }, { openingText: blankToNull(values[OPENING_KEY]), otherBusinessText: blankToNull(values[OTHER_BUSINESS_KEY]) });
    if (result.affected === 0) throw new Error('Minutes changed inside a serialised write');
    return minutes.version + 1;
  }

  /**
   * Moves the minutes along the workflow (editors). Circulating tells every current member of the body
   * by mail ('minutes.circulated', handled by mail in this transaction); the receipt says who was told.
   */
  async transition(
    meetingId: number,
    viewer: Viewer,
    transition: MinutesTransition,
    approvingMeetingId: number | null,
    now = new Date(),
  ): Promise<{ minutes: Minutes; receipt: CirculationReceipt | null }> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    await this.assertEditor(viewer, meeting.bodyId, `/sitzungen/${meetingId}/protokoll`);
    let approving: Meeting | null = null;
    if (transition === 'approve') {
      approving = approvingMeetingId === null ? null : await this.repository.findMeeting(approvingMeetingId);
      const error = approvalMeetingError(meeting, approving, now);
      if (error) throw new FormRejected({ approvedInMeetingId: error });
    }
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Minutes);
      const minutes = await repo.findOne({ where: { meetingId } });
      if (!minutes) throw notFound('Für diese Sitzung wurde noch kein Protokoll angelegt.');
      const error = transitionError(minutes.status, transition);
      if (error) throw forbidden(error);
      const before = minutesSnapshot(minutes);
      minutes.status = TRANSITION_TARGET[transition];
      if (transition === 'circulate') minutes.circulatedAt = now;
      if (transition === 'withdraw') minutes.circulatedAt = null;
      if (transition === 'approve' && approving) {
        minutes.approvedInMeetingId = approving.id;
        minutes.approvedAt = now;
      }
      const saved = await repo.save(minutes);
      await auditMinutes(this.audit, manager, viewer, transition, meeting, before, saved);
      await this.indexer.reindexMeeting(manager, meeting.id);
      if (transition === 'approve') await this.events.publish(manager, 'minutes.approved', { minutesId: saved.id, meetingId, at: now, viewer });
      if (transition !== 'circulate') return { minutes: saved, receipt: null };
      const receipt: CirculationReceipt = { notified: 0, alreadyNotified: 0, withoutEmail: [] };
      await this.events.publish(manager, 'minutes.circulated', { minutesId: saved.id, meetingId, at: now, receipt });
      return { minutes: saved, receipt };
    });
  }

  /** Records attendance, guests, chair, recorder, times and quorum (editors, until approval). */
  async recordAttendance(meetingId: number, viewer: Viewer, input: AttendanceInput): Promise<{ kind: 'saved' } | { kind: 'conflict' }> {
    const { meeting, minutes } = await this.editorContext(meetingId, viewer);
    const sheet = await this.attendanceSheet(meeting);
    const members = new Set(sheet.map((r) => r.person.id));
    const errors: Record<string, string> = {};
    const deputyIds = input.rows.map((r) => r.deputyPersonId).filter((id): id is number => id !== null);
    const known = new Set((await this.repository.findPeople([...deputyIds, ...[input.chairPersonId, input.recorderPersonId].filter((x): x is number => x !== null)])).map((p) => p.id));
    for (const r of input.rows) {
      if (!members.has(r.personId)) continue;
      if (r.choice === 'represented' && (r.deputyPersonId === null || !known.has(r.deputyPersonId))) {
        errors[`deputy-${r.personId}`] = 'Bitte die Vertretung auswählen.';
      }
      if (r.choice === 'represented' && r.deputyPersonId === r.personId) errors[`deputy-${r.personId}`] = 'Niemand kann sich selbst vertreten.';
    }
    if (input.chairPersonId !== null && !known.has(input.chairPersonId)) errors.chairPersonId = 'Bitte eine Person aus der Liste wählen.';
    if (input.recorderPersonId !== null && !known.has(input.recorderPersonId)) errors.recorderPersonId = 'Bitte eine Person aus der Liste wählen.';
    if (input.openedAt && input.closedAt && input.closedAt.getTime() <= input.openedAt.getTime()) errors.closedAt = 'Das Ende muss nach dem Beginn liegen.';
    if (Object.keys(errors).length > 0) throw new FormRejected(errors);
    return this.db.write(async (manager) => {
      const current = await manager.getRepository(Minutes).findOneOrFail({ where: { id: minutes.id } });
      if (current.version !== input.baseVersion) return { kind: 'conflict' };
      const before = await attendanceSnapshot(manager, meetingId);
      const attendanceRepo = manager.getRepository(Attendance);
      for (const r of input.rows) {
        if (!members.has(r.personId)) continue;
        const fields = r.choice ? attendanceFields(r.choice, r.deputyPersonId) : { attended: null, deputyPersonId: null };
        const existing = await attendanceRepo.findOne({ where: { meetingId, personId: r.personId } });
        if (existing) await attendanceRepo.update({ id: existing.id }, fields);
        else if (r.choice !== null) await attendanceRepo.insert({ meetingId, personId: r.personId, ...fields });
      }
      const guests = parseGuests(input.guests);
      await manager.getRepository(Minutes).update(
        { id: current.id, version: current.version },
        {
          guests: guests.length > 0 ? guests.join('\n') : null,
          chairPersonId: input.chairPersonId,
          recorderPersonId: input.recorderPersonId,
          openedAt: input.openedAt,
          closedAt: input.closedAt,
          quorumCheckedAt: input.quorumCheckedAt,
          quorumReached: input.quorumReached,
        },
      );
      await auditAttendance(this.audit, manager, viewer, meeting, before, await attendanceSnapshot(manager, meetingId));
      return { kind: 'saved' };
    });
  }

  /** A correction of approved minutes, with reason; the approved text stays as it was (editors). */
  async addAmendment(meetingId: number, viewer: Viewer, input: AmendmentInput): Promise<MinutesAmendment> {
    const meeting = await this.visibleMeeting(meetingId, viewer);
    const editor = await this.assertEditor(viewer, meeting.bodyId, `/sitzungen/${meetingId}/protokoll`);
    const minutes = await this.repository.findMinutesOfMeeting(meetingId);
    if (!minutes) throw notFound('Für diese Sitzung wurde noch kein Protokoll angelegt.');
    if (minutes.status !== 'approved') throw forbidden('Berichtigungen gibt es nur für genehmigte Protokolle; ein Entwurf wird direkt bearbeitet.');
    if (input.agendaItemId !== null && !(await this.repository.findAgenda(meetingId)).some((a) => a.id === input.agendaItemId)) {
      throw new FormRejected({ agendaItemId: 'Bitte einen Tagesordnungspunkt dieser Sitzung wählen.' });
    }
    const author = editor.personId !== null ? await this.repository.findPerson(editor.personId) : null;
    return this.db.write(async (manager) => {
      const amendment = await manager.getRepository(MinutesAmendment).save({
        minutesId: minutes.id,
        agendaItemId: input.agendaItemId,
        reason: normalizeText(input.reason.trim()),
        text: normalizeText(input.text),
        authorAccountId: editor.accountId,
        authorName: author ? personDisplayName(author) : 'Administration',
      });
      await auditMinutes(this.audit, manager, viewer, 'amend', meeting, minutes, minutes, amendmentChanges(amendment.reason, amendment.text));
      return amendment;
    });
  }

  /**
   * For keeping text that arrived after the session expired: the meeting, its minutes and agenda,
   * without the viewer's rights (unknown without a session; PendingDraftsService checks the expired
   * session's account). Null when there are no minutes.
   */
  async stashTarget(meetingId: number): Promise<{ meeting: Meeting; minutes: Minutes; agenda: AgendaItem[] } | null> {
    const [meeting, minutes] = await Promise.all([this.repository.findMeeting(meetingId), this.repository.findMinutesOfMeeting(meetingId)]);
    if (!meeting || !minutes) return null;
    return { meeting, minutes, agenda: await this.repository.findAgenda(meetingId) };
  }

  /** The meetings the minutes may be approved in: later meetings of the body that have begun (approvalMeetingError). */
  async laterMeetings(meeting: Meeting, now = new Date()): Promise<Meeting[]> {
    const later = await this.repository.findLaterMeetings(meeting.bodyId, meeting.startsAt);
    return later.filter((m) => approvalMeetingError(meeting, m, now) === null);
  }

  peopleOptions(): Promise<Person[]> {
    return this.repository.findPeopleOptions();
  }
}

import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditChange } from '../audit/audit-entry.entity.js';
import { auditChanges, type AuditLog, type AuditValues } from '../audit/audit-log.service.js';
import type { Viewer } from '../auth/viewer.js';
import { formatDateTime } from '../common/dates.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { meetingAuditLabel } from '../meetings/meeting-audit.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import type { ActionItem } from './action-item.entity.js';
import { ATTENDANCE_CHOICE_LABELS, attendanceChoice } from './attendance-record.js';
import type { Decision } from './decision.entity.js';
import { ACTION_ITEM_STATUS_LABELS, DECISION_RESULT_LABELS, MINUTES_STATUS_LABELS } from './minutes-labels.js';
import { Minutes } from './minutes.entity.js';

type MeetingRef = Pick<Meeting, 'id' | 'bodyId' | 'title' | 'startsAt'>;

/** Long texts are kept in the log shortened (the minutes themselves keep the full text). */
const MAX_LOGGED_TEXT = 300;

function shortened(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)} …` : text;
}

async function personName(manager: EntityManager, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const p = await manager.getRepository(Person).findOne({ where: { id }, withDeleted: true });
  return p ? personDisplayName(p) : `Person ${id}`;
}

async function organisationName(manager: EntityManager, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const o = await manager.getRepository(Organisation).findOne({ where: { id }, withDeleted: true });
  return o ? o.name : `Organisation ${id}`;
}

const time = (d: Date | null): string | null => (d ? formatDateTime(d) : null);

export const MINUTES_AUDIT_LABELS: Record<string, string> = {
  status: 'Status',
  approvedIn: 'Genehmigt in Sitzung',
};

/** A copy of the minutes' audited fields before they are changed in place. */
export function minutesSnapshot(m: Minutes): Minutes {
  return { ...m };
}

/** Records a state change of the minutes (created, circulated, withdrawn, approved) or an amendment. */
export async function auditMinutes(
  audit: AuditLog,
  manager: EntityManager,
  viewer: Viewer,
  action: AuditAction,
  meeting: MeetingRef,
  before: Minutes | null,
  after: Minutes,
  extra: AuditChange[] = [],
): Promise<void> {
  const values = async (m: Minutes): Promise<AuditValues> => {
    const approving = m.approvedInMeetingId === null ? null : await manager.getRepository(Meeting).findOne({ where: { id: m.approvedInMeetingId } });
    return { status: MINUTES_STATUS_LABELS[m.status], approvedIn: approving ? meetingAuditLabel(approving) : null };
  };
  await audit.record(manager, viewer, {
    action,
    entityType: 'minutes',
    entityId: after.id,
    label: `Protokoll: ${meetingAuditLabel(meeting)}`,
    bodyId: meeting.bodyId,
    changes: [...auditChanges(MINUTES_AUDIT_LABELS, before ? await values(before) : null, await values(after)), ...extra],
  });
}

/** The changed texts of the minutes editor (opening, per agenda item, other business), shortened. */
export function minutesTextChanges(agenda: Pick<AgendaItem, 'id' | 'number' | 'title'>[], before: Record<string, string>, after: Record<string, string>): AuditChange[] {
  const labels: Record<string, string> = { opening: 'Eröffnung' };
  for (const a of agenda) labels[`item-${a.id}`] = `TOP ${a.number} ${a.title}`;
  labels.otherBusiness = 'Verschiedenes';
  const pick = (texts: Record<string, string>): AuditValues => Object.fromEntries(Object.keys(labels).map((k) => [k, shortened(texts[k])]));
  return auditChanges(labels, pick(before), pick(after));
}

/** What an amendment adds, as changes (nothing is overwritten: old values are empty). */
export function amendmentChanges(reason: string, text: string): AuditChange[] {
  return auditChanges({ reason: 'Grund der Berichtigung', text: 'Berichtigung' }, null, { reason: shortened(reason), text: shortened(text) });
}

/** Attendance of a meeting as the minutes record it: one value per person plus the minutes' session data. */
export interface AttendanceSnapshot {
  labels: Record<string, string>;
  values: AuditValues;
}

/** Reads the recorded attendance (inside the write transaction), for the before/after of an entry. */
export async function attendanceSnapshot(manager: EntityManager, meetingId: number): Promise<AttendanceSnapshot> {
  const rows = await manager.getRepository(Attendance).find({ where: { meetingId }, order: { id: 'ASC' } });
  const minutes = await manager.getRepository(Minutes).findOne({ where: { meetingId } });
  const labels: Record<string, string> = {};
  const values: AuditValues = {};
  for (const r of rows) {
    const key = `person-${r.personId}`;
    labels[key] = (await personName(manager, r.personId)) ?? key;
    const choice = attendanceChoice(r);
    const deputy = choice === 'represented' ? await personName(manager, r.deputyPersonId) : null;
    values[key] = choice === null ? null : `${ATTENDANCE_CHOICE_LABELS[choice]}${deputy ? ` ${deputy}` : ''}`;
  }
  Object.assign(labels, {
    guests: 'Gäste',
    chair: 'Sitzungsleitung',
    recorder: 'Protokoll',
    openedAt: 'Beginn',
    closedAt: 'Ende',
    quorumCheckedAt: 'Beschlussfähigkeit festgestellt um',
    quorumReached: 'Beschlussfähig',
  });
  if (minutes) {
    Object.assign(values, {
      guests: minutes.guests ? minutes.guests.split('\n').join(', ') : null,
      chair: await personName(manager, minutes.chairPersonId),
      recorder: await personName(manager, minutes.recorderPersonId),
      openedAt: time(minutes.openedAt),
      closedAt: time(minutes.closedAt),
      quorumCheckedAt: time(minutes.quorumCheckedAt),
      quorumReached: minutes.quorumReached === null ? null : minutes.quorumReached ? 'ja' : 'nein',
    });
  }
  return { labels, values };
}

/**
 * Records the attendance as saved with the minutes, only what changed: one entry per person whose
 * attendance changed (that person is the person concerned, so erasing them scrubs it) and one for the
 * session data (guests, chair, recorder, times, quorum).
 */
export async function auditAttendance(audit: AuditLog, manager: EntityManager, viewer: Viewer, meeting: MeetingRef, before: AttendanceSnapshot, after: AttendanceSnapshot): Promise<void> {
  const changes = auditChanges({ ...before.labels, ...after.labels }, before.values, after.values);
  const base = { action: 'record' as const, entityType: 'attendance' as const, entityId: meeting.id, bodyId: meeting.bodyId };
  const session: AuditChange[] = [];
  for (const c of changes) {
    const person = /^person-(\d+)$/.exec(c.field);
    if (!person) {
      session.push(c);
      continue;
    }
    await audit.record(manager, viewer, { ...base, label: `Anwesenheit ${c.label}: ${meetingAuditLabel(meeting)}`, subjectPersonId: Number(person[1]), changes: [c] });
  }
  if (session.length > 0) await audit.record(manager, viewer, { ...base, label: `Anwesenheit: ${meetingAuditLabel(meeting)}`, changes: session });
}

export const DECISION_AUDIT_LABELS: Record<string, string> = {
  number: 'Nummer',
  agendaItem: 'Tagesordnungspunkt',
  text: 'Wortlaut',
  unanimous: 'Einstimmig',
  votesYes: 'Ja-Stimmen',
  votesNo: 'Nein-Stimmen',
  votesAbstain: 'Enthaltungen',
  result: 'Ergebnis',
};

type DecisionFields = Pick<Decision, 'id' | 'bodyId' | 'number' | 'agendaItemId' | 'text' | 'unanimous' | 'votesYes' | 'votesNo' | 'votesAbstain' | 'result'>;

const count = (n: number | null): string | null => (n === null ? null : String(n));

function agendaItemName(agenda: Pick<AgendaItem, 'id' | 'number' | 'title'>[], id: number | null): string | null {
  if (id === null) return null;
  const a = agenda.find((x) => x.id === id);
  return a ? `TOP ${a.number} ${a.title}` : `TOP ${id}`;
}

/** Records a decision created, changed (text, votes, result) or deleted. */
export async function auditDecision(
  audit: AuditLog,
  manager: EntityManager,
  viewer: Viewer,
  action: AuditAction,
  agenda: Pick<AgendaItem, 'id' | 'number' | 'title'>[],
  before: DecisionFields | null,
  after: DecisionFields | null,
): Promise<void> {
  const d = after ?? before;
  if (!d) return;
  const values = (x: DecisionFields): AuditValues => ({
    number: x.number,
    agendaItem: agendaItemName(agenda, x.agendaItemId),
    text: shortened(x.text),
    unanimous: x.unanimous ? 'ja' : 'nein',
    votesYes: count(x.votesYes),
    votesNo: count(x.votesNo),
    votesAbstain: count(x.votesAbstain),
    result: DECISION_RESULT_LABELS[x.result],
  });
  await audit.record(manager, viewer, {
    action,
    entityType: 'decision',
    entityId: d.id,
    label: `Beschluss ${d.number}`,
    bodyId: d.bodyId,
    changes: auditChanges(DECISION_AUDIT_LABELS, before ? values(before) : null, after ? values(after) : null),
  });
}

export const ACTION_ITEM_AUDIT_LABELS: Record<string, string> = {
  what: 'Aufgabe',
  agendaItem: 'Tagesordnungspunkt',
  responsiblePerson: 'Verantwortliche Person',
  responsibleOrganisation: 'Verantwortliche Organisation',
  dueDate: 'Fällig am',
  status: 'Status',
};

type ActionItemFields = Pick<ActionItem, 'id' | 'bodyId' | 'meetingId' | 'agendaItemId' | 'what' | 'responsiblePersonId' | 'responsibleOrganisationId' | 'dueDate' | 'status'>;

/** Records an action item created, changed, done, reopened or deleted; the responsible person is the person concerned. */
export async function auditActionItem(
  audit: AuditLog,
  manager: EntityManager,
  viewer: Viewer,
  action: AuditAction,
  before: ActionItemFields | null,
  after: ActionItemFields | null,
): Promise<void> {
  const item = after ?? before;
  if (!item) return;
  const agenda = await manager.getRepository(Meeting).findOne({ where: { id: item.meetingId }, relations: { agendaItems: true } });
  const values = async (x: ActionItemFields): Promise<AuditValues> => ({
    what: shortened(x.what),
    agendaItem: agendaItemName(agenda?.agendaItems ?? [], x.agendaItemId),
    responsiblePerson: await personName(manager, x.responsiblePersonId),
    responsibleOrganisation: await organisationName(manager, x.responsibleOrganisationId),
    dueDate: x.dueDate ? formatGermanDate(x.dueDate) : null,
    status: ACTION_ITEM_STATUS_LABELS[x.status],
  });
  await audit.record(manager, viewer, {
    action,
    entityType: 'action_item',
    entityId: item.id,
    label: shortened(item.what) ?? `Aufgabe ${item.id}`,
    bodyId: item.bodyId,
    subjectPersonId: item.responsiblePersonId,
    changes: auditChanges(ACTION_ITEM_AUDIT_LABELS, before ? await values(before) : null, after ? await values(after) : null),
  });
}

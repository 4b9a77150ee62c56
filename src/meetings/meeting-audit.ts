import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-entry.entity.js';
import { auditChanges, type AuditLog, type AuditValues } from '../audit/audit-log.service.js';
import type { Viewer } from '../auth/viewer.js';
import { formatDateTime } from '../common/dates.js';
import type { AgendaItem } from './agenda-item.entity.js';
import { Location } from './location.entity.js';
import { MEETING_STATE_LABELS } from './meeting-labels.js';
import { type Meeting } from './meeting.entity.js';

/** The audited fields of a meeting and their German names. */
export const MEETING_AUDIT_LABELS: Record<string, string> = {
  title: 'Titel',
  startsAt: 'Beginn',
  endsAt: 'Ende',
  location: 'Ort',
  onlineLink: 'Online-Link',
  isPublic: 'Öffentlich',
  description: 'Beschreibung',
  state: 'Status',
  cancelReason: 'Grund der Absage',
};

export const AGENDA_ITEM_AUDIT_LABELS: Record<string, string> = {
  number: 'Nummer',
  title: 'Titel',
  level: 'Ebene',
  presenter: 'Vortragende Person',
  plannedMinutes: 'Geplante Minuten',
  isPublic: 'Öffentlich',
  description: 'Beschreibung',
};

export const LOCATION_AUDIT_LABELS: Record<string, string> = {
  name: 'Name',
  room: 'Raum',
  street: 'Straße',
  postalCode: 'PLZ',
  locality: 'Ort',
  accessibilityNotes: 'Barrierefreiheit',
  onlineLink: 'Online-Link',
};

type MeetingFields = Pick<Meeting, 'title' | 'startsAt' | 'endsAt' | 'locationId' | 'onlineLink' | 'isPublic' | 'description' | 'state' | 'cancelReason'>;

export type MeetingSnapshot = MeetingFields & Pick<Meeting, 'id' | 'bodyId'>;

/** A copy of the meeting's audited fields before it is changed in place. */
export function meetingSnapshot(m: Meeting): MeetingSnapshot {
  const { id, bodyId, title, startsAt, endsAt, locationId, onlineLink, isPublic, description, state, cancelReason } = m;
  return { id, bodyId, title, startsAt, endsAt, locationId, onlineLink, isPublic, description, state, cancelReason };
}

/** "Sitzung Begleitbeirat (12.03.2026, 17:00)": how the log names a meeting. */
export function meetingAuditLabel(m: Pick<Meeting, 'title' | 'startsAt'>): string {
  return `${m.title} (${formatDateTime(m.startsAt)})`;
}

async function locationName(manager: EntityManager, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const found = await manager.getRepository(Location).findOne({ where: { id } });
  return found ? found.name : `Ort ${id}`;
}

async function meetingAuditValues(manager: EntityManager, m: MeetingFields): Promise<AuditValues> {
  return {
    title: m.title,
    startsAt: formatDateTime(m.startsAt),
    endsAt: formatDateTime(m.endsAt),
    location: await locationName(manager, m.locationId),
    onlineLink: m.onlineLink,
    isPublic: m.isPublic ? 'ja' : 'nein',
    description: m.description,
    state: MEETING_STATE_LABELS[m.state],
    cancelReason: m.cancelReason ?? null,
  };
}

/** Records a meeting's change (inside the write transaction): before = null for a new meeting. */
export async function auditMeeting(audit: AuditLog, manager: EntityManager, viewer: Viewer, action: AuditAction, before: MeetingSnapshot | null, after: MeetingSnapshot): Promise<void> {
  const changes = auditChanges(MEETING_AUDIT_LABELS, before ? await meetingAuditValues(manager, before) : null, await meetingAuditValues(manager, after));
  await audit.record(manager, viewer, { action, entityType: 'meeting', entityId: after.id, label: meetingAuditLabel(after), bodyId: after.bodyId, changes });
}

function agendaItemAuditValues(i: AgendaItem): AuditValues {
  return {
    number: i.number,
    title: i.title,
    level: String(i.level + 1),
    presenter: i.presenter,
    plannedMinutes: i.plannedMinutes === null ? null : String(i.plannedMinutes),
    isPublic: i.isPublic ? 'ja' : 'nein',
    description: i.description,
  };
}

/**
 * Records a change of an agenda item (inside the write transaction). Pass the item as it was and as
 * it is now (read through the transaction's manager after renumbering); null for added/removed.
 */
export async function auditAgendaItem(
  audit: AuditLog,
  manager: EntityManager,
  viewer: Viewer,
  action: AuditAction,
  meeting: Pick<Meeting, 'id' | 'bodyId' | 'title' | 'startsAt'>,
  before: AgendaItem | null,
  after: AgendaItem | null,
): Promise<void> {
  const item = after ?? before;
  if (!item) return;
  await audit.record(manager, viewer, {
    action,
    entityType: 'agenda_item',
    entityId: item.id,
    label: `TOP ${item.number} ${item.title} – ${meetingAuditLabel(meeting)}`,
    bodyId: meeting.bodyId,
    changes: auditChanges(AGENDA_ITEM_AUDIT_LABELS, before ? agendaItemAuditValues(before) : null, after ? agendaItemAuditValues(after) : null),
  });
}

type LocationFields = Pick<Location, 'id' | 'name' | 'room' | 'street' | 'postalCode' | 'locality' | 'accessibilityNotes' | 'onlineLink'>;

function locationAuditValues(l: LocationFields): AuditValues {
  return { name: l.name, room: l.room, street: l.street, postalCode: l.postalCode, locality: l.locality, accessibilityNotes: l.accessibilityNotes, onlineLink: l.onlineLink };
}

/** Records a new or changed meeting place (places belong to no body). */
export async function auditLocation(audit: AuditLog, manager: EntityManager, viewer: Viewer, before: LocationFields | null, after: LocationFields): Promise<void> {
  await audit.record(manager, viewer, {
    action: before ? 'update' : 'create',
    entityType: 'location',
    entityId: after.id,
    label: after.name,
    changes: auditChanges(LOCATION_AUDIT_LABELS, before ? locationAuditValues(before) : null, locationAuditValues(after)),
  });
}

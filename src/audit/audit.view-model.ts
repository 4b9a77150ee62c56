import { DateTime } from 'luxon';
import { formatDateTime, ZONE } from '../common/dates.js';
import { parseGermanDate } from '../common/forms/field-formats.js';
import { queryText } from '../common/http/pagination.js';
import { foldText } from '../common/text/fold.js';
import { AUDIT_ENTITY_TYPES, type AuditChange, type AuditEntry, type AuditEntityType } from './audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS } from './audit-labels.js';

/** The filters of the log page as read from the query string; anything unreadable is left out. */
export interface AuditQuery {
  entityType?: AuditEntityType;
  accountId?: number;
  /** ISO dates (Berlin calendar days), inclusive. */
  fromDate?: string;
  toDate?: string;
  text: string;
}

export function parseAuditQuery(raw: { typ?: unknown; konto?: unknown; von?: unknown; bis?: unknown; q?: unknown }): AuditQuery {
  const type = queryText(raw.typ, 30);
  const account = queryText(raw.konto, 16);
  const fromDate = parseGermanDate(queryText(raw.von, 20)) ?? undefined;
  const toDate = parseGermanDate(queryText(raw.bis, 20)) ?? undefined;
  return {
    entityType: (AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? (type as AuditEntityType) : undefined,
    accountId: /^[1-9]\d{0,14}$/.test(account) ? Number(account) : undefined,
    fromDate,
    toDate,
    text: queryText(raw.q, 100),
  };
}

/** Start of a Berlin calendar day as a UTC instant. */
export function berlinDayStart(isoDate: string, plusDays = 0): Date {
  return DateTime.fromISO(isoDate, { zone: ZONE }).plus({ days: plusDays }).startOf('day').toJSDate();
}

export function foldedQueryText(text: string): string | undefined {
  const folded = foldText(text).trim();
  return folded.length > 0 ? folded : undefined;
}

const RECORD_PATHS: Partial<Record<AuditEntityType, string>> = { organisation: 'organisationen', person: 'personen', body: 'gremien' };

export interface AuditRowView {
  when: string;
  actor: string;
  action: string;
  entityType: string;
  label: string;
  href: string | null;
  changes: { label: string; old: string; new: string }[];
}

export function auditRow(e: AuditEntry): AuditRowView {
  const path = RECORD_PATHS[e.entityType];
  const changes = JSON.parse(e.changes) as AuditChange[];
  return {
    when: formatDateTime(e.createdAt),
    actor: e.actorName,
    action: AUDIT_ACTION_LABELS[e.action],
    entityType: AUDIT_ENTITY_TYPE_LABELS[e.entityType],
    label: e.label,
    href: path && e.entityId !== null && e.action !== 'erase' && e.action !== 'delete' ? `/${path}/${e.entityId}` : null,
    changes: changes.map((c) => ({ label: c.label, old: c.old ?? '–', new: c.new ?? '–' })),
  };
}

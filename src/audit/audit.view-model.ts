import { DateTime } from 'luxon';
import { formatDateTime, ZONE } from '../common/dates.js';
import { parseGermanDate } from '../common/forms/field-formats.js';
import { queryText } from '../common/http/pagination.js';
import { foldText } from '../common/text/fold.js';
import type { AuditPersonRole } from './audit.repository.js';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditChange, type AuditEntry, type AuditEntityType } from './audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS } from './audit-labels.js';

/** The filters of the log page as read from the query string; invalid values are left out (see errors). */
export interface AuditQuery {
  entityType?: AuditEntityType;
  action?: AuditAction;
  bodyId?: number;
  accountId?: number;
  personId?: number;
  personRole: AuditPersonRole;
  /** ISO dates (Berlin calendar days), inclusive. */
  fromDate?: string;
  toDate?: string;
  /** The date fields as typed (kept in the form when they cannot be read). */
  fromText: string;
  toText: string;
  text: string;
  /** Field name → German message, for values that cannot be used. */
  errors: Record<string, string>;
}

export interface RawAuditQuery {
  typ?: unknown;
  aktion?: unknown;
  gremium?: unknown;
  konto?: unknown;
  person?: unknown;
  bezug?: unknown;
  von?: unknown;
  bis?: unknown;
  q?: unknown;
}

/** What the query values are checked against: the ids the filter form offers. */
export interface AuditQueryChoices {
  bodyIds: ReadonlySet<number>;
  personIds: ReadonlySet<number>;
  accountIds: ReadonlySet<number>;
}

/** The query-string names of the person roles ("bezug"). */
export const PERSON_ROLE_PARAMS: Record<AuditPersonRole, string> = { either: '', actor: 'von', subject: 'betroffen' };

const ID = /^[1-9]\d{0,14}$/;

/** A query value as text: absent → '', anything but one string (e.g. a repeated parameter) → null. */
function single(raw: unknown, maxLength: number): string | null {
  if (raw === undefined) return '';
  return typeof raw === 'string' ? queryText(raw, maxLength) : null;
}

/**
 * Reads the filters. A value that cannot be used (unknown kind, body or person, a date that does not
 * exist, a repeated parameter) is left out of the filter and explained in German in `errors`.
 */
export function parseAuditQuery(raw: RawAuditQuery, choices: AuditQueryChoices): AuditQuery {
  const errors: Record<string, string> = {};
  const type = single(raw.typ, 30);
  const actionText = single(raw.aktion, 30);
  const body = single(raw.gremium, 16);
  const account = single(raw.konto, 16);
  const person = single(raw.person, 16);
  const role = single(raw.bezug, 20);
  const fromText = single(raw.von, 20);
  const toText = single(raw.bis, 20);
  const text = single(raw.q, 100) ?? '';

  let entityType: AuditEntityType | undefined;
  if (type !== '' && type !== null && (AUDIT_ENTITY_TYPES as readonly string[]).includes(type)) entityType = type as AuditEntityType;
  else if (type !== '') errors.typ = 'Diese Art von Datensatz gibt es nicht. Bitte eine Art aus der Liste wählen.';

  let action: AuditAction | undefined;
  if (actionText !== '' && actionText !== null && (AUDIT_ACTIONS as readonly string[]).includes(actionText)) action = actionText as AuditAction;
  else if (actionText !== '') errors.aktion = 'Diese Art von Änderung gibt es nicht. Bitte eine Art aus der Liste wählen.';

  let bodyId: number | undefined;
  if (body !== '' && body !== null && ID.test(body) && choices.bodyIds.has(Number(body))) bodyId = Number(body);
  else if (body !== '') errors.gremium = 'Dieses Gremium gibt es nicht. Bitte ein Gremium aus der Liste wählen.';

  let accountId: number | undefined;
  if (account !== '' && account !== null && ID.test(account) && choices.accountIds.has(Number(account))) accountId = Number(account);
  else if (account !== '') errors.konto = 'Bitte ein Konto aus der Liste wählen.';

  let personId: number | undefined;
  if (person !== '' && person !== null && ID.test(person) && choices.personIds.has(Number(person))) personId = Number(person);
  else if (person !== '') errors.person = 'Diese Person kommt im Änderungsprotokoll nicht vor. Bitte eine Person aus der Liste wählen.';

  const roleEntry = Object.entries(PERSON_ROLE_PARAMS).find(([, param]) => param === role);
  if (!roleEntry) errors.bezug = 'Bitte wählen Sie, ob die Person die Änderung vorgenommen hat, von ihr betroffen ist oder beides.';
  const personRole = (roleEntry?.[0] ?? 'either') as AuditPersonRole;

  const dateError = 'Bitte ein Datum im Format TT.MM.JJJJ eingeben (zum Beispiel 01.03.2026).';
  const fromDate = fromText ? (parseGermanDate(fromText) ?? undefined) : undefined;
  const toDate = toText ? (parseGermanDate(toText) ?? undefined) : undefined;
  if (fromText === null || (fromText !== '' && !fromDate)) errors.von = dateError;
  if (toText === null || (toText !== '' && !toDate)) errors.bis = dateError;
  if (fromDate && toDate && toDate < fromDate) errors.bis = 'Das Ende des Zeitraums liegt vor seinem Beginn.';

  return {
    entityType,
    action,
    bodyId,
    accountId,
    personId,
    personRole,
    fromDate,
    toDate: errors.bis ? undefined : toDate,
    fromText: fromText ?? '',
    toText: toText ?? '',
    text,
    errors,
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

/** The filter errors for the page: a summary with links to the fields, and each field's message. */
export interface FilterErrorsView {
  list: { href: string; message: string }[];
  byField: Record<string, string>;
}

const FILTER_FIELDS = ['typ', 'aktion', 'gremium', 'konto', 'person', 'bezug', 'von', 'bis'] as const;

export function filterErrors(errors: Record<string, string>): FilterErrorsView {
  const list = FILTER_FIELDS.filter((f) => errors[f] !== undefined).map((f) => ({ href: `#protokoll-${f}`, message: errors[f] }));
  return { list, byField: errors };
}

const PERSON_ROLE_LABELS: Record<AuditPersonRole, string> = {
  either: 'hat geändert oder ist betroffen',
  actor: 'hat geändert',
  subject: 'ist betroffen',
};

export function personRoleOptions(selected: AuditPersonRole): { value: string; label: string; selected: boolean }[] {
  return (Object.keys(PERSON_ROLE_LABELS) as AuditPersonRole[]).map((r) => ({ value: PERSON_ROLE_PARAMS[r], label: PERSON_ROLE_LABELS[r], selected: r === selected }));
}

const RECORD_PATHS: Partial<Record<AuditEntityType, string>> = { organisation: 'organisationen', person: 'personen', body: 'gremien', meeting: 'sitzungen' };

export interface AuditRowView {
  when: string;
  actor: string;
  action: string;
  entityType: string;
  label: string;
  href: string | null;
  /** The body the record belongs to, or null. */
  body: string | null;
  changes: { label: string; old: string; new: string }[];
}

export function auditRow(e: AuditEntry, bodyNames: ReadonlyMap<number, string> = new Map()): AuditRowView {
  const path = RECORD_PATHS[e.entityType];
  const changes = JSON.parse(e.changes) as AuditChange[];
  return {
    when: formatDateTime(e.createdAt),
    actor: e.actorName,
    action: AUDIT_ACTION_LABELS[e.action],
    entityType: AUDIT_ENTITY_TYPE_LABELS[e.entityType],
    label: e.label,
    href: path && e.entityId !== null && e.action !== 'erase' && e.action !== 'delete' ? `/${path}/${e.entityId}` : null,
    body: e.bodyId === null || e.entityType === 'body' ? null : (bodyNames.get(e.bodyId) ?? `Gremium ${e.bodyId}`),
    changes: changes.map((c) => ({ label: c.label, old: c.old ?? '–', new: c.new ?? '–' })),
  };
}

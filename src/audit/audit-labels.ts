import type { AuditAction, AuditEntityType } from './audit-entry.entity.js';

/** German labels of the audit log's codes (kept beside the log: the UI never shows a code). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'angelegt',
  update: 'geändert',
  delete: 'entfernt',
  erase: 'gelöscht (DSGVO)',
  import: 'importiert',
  consent: 'Einwilligung',
  postpone: 'verschoben (neuer Termin)',
  cancel: 'abgesagt',
  invite: 'eingeladen',
  held: 'als stattgefunden markiert',
  move: 'umgestellt (Reihenfolge)',
  record: 'erfasst',
  circulate: 'verschickt',
  approve: 'genehmigt',
  withdraw: 'zurückgezogen',
  amend: 'berichtigt',
  done: 'erledigt',
  reopen: 'wieder geöffnet',
  answer: 'beantwortet',
  close: 'geschlossen',
  decide: 'entschieden (Termin gewählt)',
};

export const AUDIT_ENTITY_TYPE_LABELS: Record<AuditEntityType, string> = {
  organisation: 'Organisation',
  person: 'Person',
  body: 'Gremium',
  membership: 'Mitgliedschaft',
  account: 'Konto',
  meeting: 'Sitzung',
  agenda_item: 'Tagesordnungspunkt',
  attendance: 'Anwesenheit',
  minutes: 'Sitzungsprotokoll',
  decision: 'Beschluss',
  action_item: 'Aufgabe',
  location: 'Ort',
  date_poll: 'Terminumfrage',
  circular: 'Rundschreiben',
};

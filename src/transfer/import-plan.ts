import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log.service.js';
import type { AuditChange } from '../audit/audit-entry.entity.js';
import { foldText } from '../common/text/fold.js';

export type RowStatus = 'new' | 'changed' | 'unchanged' | 'error';

/** One CSV row as the preview shows it and the confirmation applies it. */
export interface PlannedRow {
  /** Row number as Excel shows it (header = 1). */
  line: number;
  /** The record's name ("Dimitri Avramenko", "Fachstelle Integration"). */
  label: string;
  status: RowStatus;
  /** Existing record's id, null for new ones. */
  id: number | null;
  changes: AuditChange[];
  /** German messages, each naming the column. */
  errors: string[];
  /** A row without ID that matched an entry already in the directory: it updates that entry, never adds a second one. */
  existingMatch?: boolean;
  /** Writes the row inside the import transaction (absent for unchanged and broken rows). */
  apply?: (manager: EntityManager, actor: AuditActor) => Promise<unknown>;
}

export interface ImportPlan {
  /** Problems with the file as a whole (unknown columns, no rows …). */
  fileErrors: string[];
  rows: PlannedRow[];
}

/** Column name → index, for a header; `unknown` are headers no column spec knows, `duplicate` those given twice. */
export function columnIndex(header: string[], known: readonly string[]): { index: Map<string, number>; unknown: string[]; duplicate: string[] } {
  const byFolded = new Map(known.map((k) => [foldText(k), k]));
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((h, i) => {
    const name = byFolded.get(foldText(h));
    if (name === undefined) unknown.push(h);
    else if (index.has(name)) duplicate.push(h);
    else index.set(name, i);
  });
  return { index, unknown, duplicate };
}

/** The standard file errors for a header. */
export function headerErrors(cols: { unknown: string[]; duplicate: string[] }, required: readonly string[], index: Map<string, number>): string[] {
  return [
    ...cols.unknown.map((u) => `Unbekannte Spalte „${u}“. Bitte verwenden Sie die Spaltennamen aus dem Export.`),
    ...cols.duplicate.map((d) => `Die Spalte „${d}“ kommt zweimal vor.`),
    ...required.filter((r) => !index.has(r)).map((r) => `Die Spalte „${r}“ fehlt.`),
  ];
}

/** A cell of a row by column name; undefined when the file has no such column. */
export function cellOf(cells: string[], index: Map<string, number>, column: string): string | undefined {
  const i = index.get(column);
  return i === undefined ? undefined : (cells[i] ?? '');
}

/** Reads the ID cell: '' → new; a positive integer; else an error message. */
export function parseIdCell(text: string | undefined): { id: number | null } | { error: string } {
  const t = (text ?? '').trim();
  if (t === '') return { id: null };
  return /^[1-9]\d{0,14}$/.test(t) ? { id: Number(t) } : { error: `ID: „${t}“ ist keine gültige ID (leer lassen für neue Einträge).` };
}

/** Names compared as the directory compares them (case, accents, spaces). */
export function nameKey(name: string): string {
  return foldText(name).replace(/\s+/g, ' ').trim();
}

/** "Bitte …" messages of a validated form, prefixed with the column each field came from. */
export function columnMessages(errors: Record<string, string | undefined>, columnOfField: (field: string) => string): string[] {
  return Object.entries(errors)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([field, message]) => `${columnOfField(field)}: ${message}`);
}

/** Status of a row from its errors and changes. */
export function rowStatus(id: number | null, errors: string[], changes: AuditChange[]): RowStatus {
  if (errors.length > 0) return 'error';
  if (id === null) return 'new';
  return changes.length > 0 ? 'changed' : 'unchanged';
}

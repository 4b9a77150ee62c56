import type { EntityManager } from 'typeorm';
import { auditChanges } from '../audit/audit-log.service.js';
import { normalisePhoneNumber } from '../common/forms/field-formats.js';
import { type FormValues, validateForm } from '../common/forms/form.js';
import { ORGANISATION_KIND_LABELS } from '../organisations/organisation-labels.js';
import { OrganisationDto, type OrganisationInput, organisationInput } from '../organisations/dto/organisation.dto.js';
import { ORGANISATION_AUDIT_LABELS, organisationAuditValues } from '../organisations/organisation-audit.js';
import { ORGANISATION_KINDS, Organisation } from '../organisations/organisation.entity.js';
import { ORGANISATION_FORM } from '../organisations/organisations.forms.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import { organisationFormValues } from '../organisations/organisations.view-model.js';
import type { ParsedCsv } from './csv-format.js';
import { cellOf, columnIndex, columnMessages, headerErrors, type ImportPlan, nameKey, parseIdCell, type PlannedRow, rowStatus } from './import-plan.js';

export const ORGANISATION_COLUMNS = ['ID', 'Name', 'Kurzname', 'Art', 'Gehört zu', 'Straße', 'PLZ', 'Ort', 'Telefon', 'Fax', 'E-Mail', 'Internetseite', 'Beschreibung'] as const;

const FIELD_OF_COLUMN: Record<string, string> = {
  Name: 'name',
  Kurzname: 'shortName',
  Straße: 'street',
  PLZ: 'postalCode',
  Ort: 'locality',
  Telefon: 'phone',
  Fax: 'fax',
  'E-Mail': 'email',
  Internetseite: 'website',
  Beschreibung: 'description',
};
const COLUMN_OF_FIELD: Record<string, string> = { ...Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([c, f]) => [f, c])), kind: 'Art', parentId: 'Gehört zu' };

/** Every organisation of the directory as CSV rows (in the order of ORGANISATION_COLUMNS). */
export async function organisationRows(manager: EntityManager): Promise<(string | null)[][]> {
  const orgs = await manager.getRepository(Organisation).find({ relations: { parent: true }, order: { name: 'ASC', id: 'ASC' } });
  return orgs.map((o) => [String(o.id), o.name, o.shortName, ORGANISATION_KIND_LABELS[o.kind], o.parent?.name ?? null, o.street, o.postalCode, o.locality, o.phone, o.fax, o.email, o.website, o.description]);
}

const KIND_BY_NAME = new Map<string, string>(ORGANISATION_KINDS.flatMap((k) => [[nameKey(k), k], [nameKey(ORGANISATION_KIND_LABELS[k]), k]]));

/** What importing the file would do, row by row; reads only. */
export async function planOrganisations(manager: EntityManager, csv: ParsedCsv, service: OrganisationsService): Promise<ImportPlan> {
  const cols = columnIndex(csv.header, ORGANISATION_COLUMNS);
  const fileErrors = headerErrors(cols, [], cols.index);
  if (fileErrors.length > 0) return { fileErrors, rows: [] };
  const all = await manager.getRepository(Organisation).find({ relations: { parent: true } });
  const byId = new Map(all.map((o) => [o.id, o]));
  const byName = new Map<string, Organisation[]>();
  for (const o of all) byName.set(nameKey(o.name), [...(byName.get(nameKey(o.name)) ?? []), o]);
  const seenIds = new Set<number>();
  const rows: PlannedRow[] = [];

  for (const { line, cells } of csv.rows) {
    const errors: string[] = [];
    const cell = (c: string): string | undefined => cellOf(cells, cols.index, c);
    const idCell = parseIdCell(cell('ID'));
    let existing: Organisation | null = null;
    if ('error' in idCell) errors.push(idCell.error);
    else if (idCell.id !== null) {
      existing = byId.get(idCell.id) ?? null;
      if (!existing) errors.push(`ID: Eine Organisation mit der ID ${idCell.id} gibt es nicht.`);
      if (seenIds.has(idCell.id)) errors.push(`ID: Die ID ${idCell.id} steht mehrmals in der Datei.`);
      seenIds.add(idCell.id);
    }
    const values: Record<string, string> = existing ? organisationFormValues(existing) : { kind: 'other' };
    for (const [column, field] of Object.entries(FIELD_OF_COLUMN)) {
      const v = cell(column);
      if (v !== undefined) values[field] = v;
    }
    const kind = cell('Art');
    if (kind !== undefined) values.kind = KIND_BY_NAME.get(nameKey(kind)) ?? (kind === '' ? 'other' : kind);
    const parent = cell('Gehört zu');
    let parentName: string | null = existing?.parent?.name ?? null;
    if (parent !== undefined) {
      parentName = parent === '' ? null : parent;
      const found = parent === '' ? [] : (byName.get(nameKey(parent)) ?? []);
      if (parent !== '' && found.length === 0) errors.push(`Gehört zu: Eine Organisation „${parent}“ gibt es nicht im Verzeichnis.`);
      if (found.length > 1) errors.push(`Gehört zu: Den Namen „${parent}“ tragen mehrere Organisationen; bitte im Verzeichnis eindeutig benennen.`);
      values.parentId = found.length === 1 ? String(found[0].id) : '';
      if (found.length === 1) parentName = found[0].name;
    }
    const formValues = { ...emptyOrganisationValues(), ...values } as FormValues<keyof typeof ORGANISATION_FORM.fields>;
    const result = await validateForm(ORGANISATION_FORM, OrganisationDto, formValues);
    if (!result.ok) errors.push(...columnMessages(result.errors, (f) => COLUMN_OF_FIELD[f] ?? f));
    const input = result.ok ? keepStoredNumbers(organisationInput(result.value), existing) : null;
    const changes = input
      ? auditChanges(ORGANISATION_AUDIT_LABELS, existing ? organisationAuditValues(existing, existing.parent?.name ?? null) : null, organisationAuditValues(input, parentName))
      : [];
    const id = existing?.id ?? null;
    const status = rowStatus(id, errors, changes);
    rows.push({
      line,
      label: input?.name ?? values.name ?? '',
      status,
      id,
      changes,
      errors,
      apply: input && (status === 'new' || status === 'changed') ? (m, actor) => service.saveInTransaction(m, actor, id, input, 'import') : undefined,
    });
  }
  return { fileErrors: csv.rows.length === 0 ? ['Die Datei enthält keine Datenzeilen.'] : [], rows };
}

function emptyOrganisationValues(): Record<string, string> {
  return Object.fromEntries(Object.keys(ORGANISATION_FORM.fields).map((k) => [k, '']));
}

/** Stored numbers may predate normalisation ("+49 385 545-1263"): an equal number is not a change. */
function keepStoredNumbers(input: OrganisationInput, existing: Organisation | null): OrganisationInput {
  if (!existing) return input;
  const same = (stored: string | null, typed: string | null): boolean => stored !== null && typed !== null && (normalisePhoneNumber(stored) ?? stored) === typed;
  return { ...input, phone: same(existing.phone, input.phone) ? existing.phone : input.phone, fax: same(existing.fax, input.fax) ? existing.fax : input.fax };
}

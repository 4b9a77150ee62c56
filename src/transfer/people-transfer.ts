import type { EntityManager } from 'typeorm';
import { auditChanges } from '../audit/audit-log.service.js';
import { formatDateTime } from '../common/dates.js';
import { normalisePhoneNumber } from '../common/forms/field-formats.js';
import { type FormValues, validateForm } from '../common/forms/form.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PersonDto, type PersonInput, personInput } from '../people/dto/person.dto.js';
import { EMAIL_SLOTS, PERSON_FORM, type PersonFieldName, PHONE_SLOTS, VISIBILITY_LABELS } from '../people/people.forms.js';
import { personAuditSource, type PeopleEditorService } from '../people/people-editor.service.js';
import { NEW_PERSON_VALUES, personFormValues } from '../people/people-form.view-model.js';
import { PERSON_AUDIT_LABELS, personAuditValues } from '../people/person-audit.js';
import { languagesText } from '../people/person-languages.js';
import { isLikelySamePerson, loadDuplicateCandidates, type PersonKey, personKeyOf } from '../people/person-duplicates.js';
import { personDisplayName } from '../people/person-name.js';
import type { PhoneKind } from '../people/person-phone.entity.js';
import { Person, VISIBILITIES, type Visibility } from '../people/person.entity.js';
import type { ParsedCsv } from './csv-format.js';
import { cellOf, columnIndex, columnMessages, headerErrors, type ImportPlan, nameKey, parseIdCell, type PlannedRow, rowStatus } from './import-plan.js';

export const PEOPLE_COLUMNS = [
  'ID', 'Anrede', 'Titel', 'Vorname', 'Nachname', 'Funktion', 'Organisation', 'Raum', 'Straße', 'PLZ', 'Ort',
  'Telefon', 'Mobil', 'Fax', 'E-Mail', 'Sprachen', 'Profil', 'Sichtbarkeit Telefon', 'Sichtbarkeit E-Mail', 'Sichtbarkeit Anschrift',
  'Einwilligung am', 'Einwilligung erfasst von',
] as const;

const TEXT_COLUMNS: Record<string, string> = {
  Anrede: 'formOfAddress',
  Titel: 'academicTitle',
  Vorname: 'givenName',
  Nachname: 'familyName',
  Funktion: 'functionTitle',
  Raum: 'room',
  Straße: 'street',
  PLZ: 'postalCode',
  Ort: 'locality',
  Sprachen: 'languages',
  Profil: 'profile',
};
const VISIBILITY_COLUMNS: Record<string, string> = { 'Sichtbarkeit Telefon': 'phoneVisibility', 'Sichtbarkeit E-Mail': 'emailVisibility', 'Sichtbarkeit Anschrift': 'addressVisibility' };
const PHONE_COLUMNS: Record<PhoneKind, string> = { work: 'Telefon', mobile: 'Mobil', fax: 'Fax' };
const CSV_VISIBILITY: Record<Visibility, string> = { public: 'öffentlich', members: 'Mitglieder', hidden: 'verborgen' };
const VISIBILITY_BY_NAME = new Map<string, Visibility>(
  VISIBILITIES.flatMap((v): [string, Visibility][] => [[nameKey(v), v], [nameKey(CSV_VISIBILITY[v]), v], [nameKey(VISIBILITY_LABELS[v]), v]]),
);

function columnOfField(field: string): string {
  if (/^phone(Kind)?\d$/.test(field)) return 'Telefon/Mobil/Fax';
  if (/^email\d$/.test(field)) return 'E-Mail';
  if (field === 'organisationId') return 'Organisation';
  const text = Object.entries(TEXT_COLUMNS).find(([, f]) => f === field);
  if (text) return text[0];
  const vis = Object.entries(VISIBILITY_COLUMNS).find(([, f]) => f === field);
  return vis ? vis[0] : field;
}

/** Several values in one cell: "a, b" (also ";" or line breaks). */
function listCell(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every person of the directory as CSV rows (in the order of PEOPLE_COLUMNS). */
export async function peopleRows(manager: EntityManager): Promise<(string | null)[][]> {
  const people = await manager.getRepository(Person).find({ relations: { phones: true, emails: true, languages: true, organisation: true }, order: { sortKey: 'ASC', id: 'ASC' } });
  return people.map((p) => {
    const s = personAuditSource(p);
    const phones = (kind: PhoneKind): string => s.phones.filter((ph) => ph.kind === kind).map((ph) => ph.number).join(', ');
    return [
      String(p.id), p.formOfAddress, p.academicTitle, p.givenName, p.familyName, p.functionTitle, p.organisation?.name ?? null, p.room, p.street, p.postalCode, p.locality,
      phones('work'), phones('mobile'), phones('fax'), s.emails.join(', '), languagesText(s.languages), p.profile,
      CSV_VISIBILITY[p.phoneVisibility], CSV_VISIBILITY[p.emailVisibility], CSV_VISIBILITY[p.addressVisibility],
      p.consentAt ? formatDateTime(p.consentAt) : null, p.consentRecordedBy,
    ];
  });
}

/** Keeps the stored phone numbers (order and spelling) when the file lists the same numbers, grouped by kind. */
function keepPhoneOrder(input: PersonInput, existing: Person | null): PersonInput {
  if (!existing) return input;
  const stored = personAuditSource(existing).phones;
  // stored numbers may predate normalisation ("+49 385 545-1263"): compare them normalised
  const key = (p: { kind: string; number: string }): string => `${p.kind} ${normalisePhoneNumber(p.number) ?? p.number}`;
  const same = stored.length === input.phones.length && [...stored.map(key)].sort().join('|') === [...input.phones.map(key)].sort().join('|');
  return same ? { ...input, phones: stored } : input;
}

/** What importing the file would do, row by row; reads only. Consent columns are exported but never imported. */
export async function planPeople(manager: EntityManager, csv: ParsedCsv, editor: PeopleEditorService): Promise<ImportPlan> {
  const cols = columnIndex(csv.header, PEOPLE_COLUMNS);
  const fileErrors = headerErrors(cols, [], cols.index);
  if (fileErrors.length > 0) return { fileErrors, rows: [] };
  const orgs = await manager.getRepository(Organisation).find();
  const orgsByName = new Map<string, Organisation[]>();
  for (const o of orgs) orgsByName.set(nameKey(o.name), [...(orgsByName.get(nameKey(o.name)) ?? []), o]);
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  const ids = csv.rows.map((r) => parseIdCell(cellOf(r.cells, cols.index, 'ID'))).flatMap((c) => ('id' in c && c.id !== null ? [c.id] : []));
  const existingPeople = ids.length === 0 ? [] : await manager.getRepository(Person).createQueryBuilder('p')
    .leftJoinAndSelect('p.phones', 'phones').leftJoinAndSelect('p.emails', 'emails').leftJoinAndSelect('p.languages', 'languages').leftJoinAndSelect('p.organisation', 'organisation')
    .where('p.id IN (:...ids)', { ids }).getMany();
  const byId = new Map(existingPeople.map((p) => [p.id, p]));
  const seenIds = new Set<number>();
  const rows: PlannedRow[] = [];
  // entries already updated by a row of this file (by ID or as a likely duplicate): one row each
  const claimed = new Set<number>(ids);
  // new rows of this file so far: a second row for the same person is an error, not a second entry
  const newRows: { line: number; key: PersonKey }[] = [];
  const candidates = await loadDuplicateCandidates(manager);

  for (const { line, cells } of csv.rows) {
    const idErrors: string[] = [];
    const cell = (c: string): string | undefined => cellOf(cells, cols.index, c);
    const idCell = parseIdCell(cell('ID'));
    let existing: Person | null = null;
    if ('error' in idCell) idErrors.push(idCell.error);
    else if (idCell.id !== null) {
      existing = byId.get(idCell.id) ?? null;
      if (!existing) idErrors.push(`ID: Eine Person mit der ID ${idCell.id} gibt es nicht im Verzeichnis.`);
      if (seenIds.has(idCell.id)) idErrors.push(`ID: Die ID ${idCell.id} steht mehrmals in der Datei.`);
      seenIds.add(idCell.id);
    }
    /** The row's values, errors and input, on top of `base` (the existing entry it updates, or none). */
    const build = async (base: Person | null) => {
      const errors: string[] = [...idErrors];
      const existing = base;
      const values: Record<string, string> = { ...Object.fromEntries(Object.keys(PERSON_FORM.fields).map((k) => [k, ''])), ...(existing ? personFormValues(existing) : NEW_PERSON_VALUES) };
      for (const [column, field] of Object.entries(TEXT_COLUMNS)) {
        const v = cell(column);
        if (v !== undefined) values[field] = v;
      }
      for (const [column, field] of Object.entries(VISIBILITY_COLUMNS)) {
        const v = cell(column);
        if (v !== undefined) values[field] = VISIBILITY_BY_NAME.get(nameKey(v)) ?? (v === '' ? 'members' : v);
      }
      const organisation = cell('Organisation');
      if (organisation !== undefined) {
        const found = organisation === '' ? [] : (orgsByName.get(nameKey(organisation)) ?? []);
        if (organisation !== '' && found.length === 0) errors.push(`Organisation: Eine Organisation „${organisation}“ gibt es nicht im Verzeichnis.`);
        if (found.length > 1) errors.push(`Organisation: Den Namen „${organisation}“ tragen mehrere Organisationen.`);
        values.organisationId = found.length === 1 ? String(found[0].id) : '';
      }
      if ((['work', 'mobile', 'fax'] as const).some((k) => cell(PHONE_COLUMNS[k]) !== undefined)) {
        const stored = existing ? personAuditSource(existing).phones : [];
        const phones = (['work', 'mobile', 'fax'] as const).flatMap((kind) => {
          const v = cell(PHONE_COLUMNS[kind]);
          return v === undefined ? stored.filter((p) => p.kind === kind) : listCell(v).map((number) => ({ kind, number }));
        });
        if (phones.length > PHONE_SLOTS) errors.push(`Telefon/Mobil/Fax: Höchstens ${PHONE_SLOTS} Nummern je Person.`);
        for (let n = 1; n <= PHONE_SLOTS; n++) {
          values[`phoneKind${n}`] = phones[n - 1]?.kind ?? 'work';
          values[`phone${n}`] = phones[n - 1]?.number ?? '';
        }
      }
      const emailCell = cell('E-Mail');
      if (emailCell !== undefined) {
        const emails = listCell(emailCell);
        if (emails.length > EMAIL_SLOTS) errors.push(`E-Mail: Höchstens ${EMAIL_SLOTS} Adressen je Person.`);
        for (let n = 1; n <= EMAIL_SLOTS; n++) values[`email${n}`] = emails[n - 1] ?? '';
      }
      const result = await validateForm(PERSON_FORM, PersonDto, values as FormValues<PersonFieldName>);
      if (!result.ok) errors.push(...columnMessages(result.errors, columnOfField));
      const input = result.ok ? keepPhoneOrder(personInput(result.value), existing) : null;
      return { values, errors, input };
    };
    let built = await build(existing);
    // a new row that is likely somebody already in the directory updates that entry instead of creating it twice
    let duplicateOf: Person | null = null;
    if (existing === null && built.input && built.errors.length === 0) {
      const key = built.input;
      duplicateOf = candidates.find((c) => !claimed.has(c.id) && isLikelySamePerson(key, personKeyOf(c))) ?? null;
      if (duplicateOf) {
        existing = duplicateOf;
        claimed.add(duplicateOf.id);
        built = await build(existing);
      }
    }
    const { values, errors, input } = built;
    if (existing === null && input) {
      const earlier = newRows.find((r) => isLikelySamePerson(input, r.key));
      if (earlier) errors.push(`Diese Person steht schon in Zeile ${earlier.line} der Datei (gleiche E-Mail-Adresse oder gleicher Name bei derselben Organisation).`);
      else newRows.push({ line, key: input });
    }
    const changes = input
      ? auditChanges(
          PERSON_AUDIT_LABELS,
          existing ? personAuditValues(personAuditSource(existing), existing.organisation?.name ?? null) : null,
          personAuditValues(input, input.organisationId === null ? null : (orgNames.get(input.organisationId) ?? null)),
        )
      : [];
    const id = existing?.id ?? null;
    const status = rowStatus(id, errors, changes);
    rows.push({
      line,
      label: personDisplayName({ academicTitle: values.academicTitle || null, givenName: values.givenName ?? '', familyName: values.familyName ?? '' }),
      status,
      id,
      changes,
      errors,
      existingMatch: duplicateOf !== null,
      apply: input && (status === 'new' || status === 'changed') ? (m, actor) => editor.saveInTransaction(m, actor, id, input, 'import') : undefined,
    });
  }
  return { fileErrors: csv.rows.length === 0 ? ['Die Datei enthält keine Datenzeilen.'] : [], rows };
}

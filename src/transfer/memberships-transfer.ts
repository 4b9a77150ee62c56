import type { EntityManager } from 'typeorm';
import { auditChanges } from '../audit/audit-log.service.js';
import { MembershipDto, membershipInput } from '../bodies/dto/membership.dto.js';
import { MEMBERSHIP_FORM } from '../bodies/bodies.forms.js';
import { membershipFormValues } from '../bodies/bodies-form.view-model.js';
import { Body } from '../bodies/body.entity.js';
import { MEMBERSHIP_AUDIT_LABELS, membershipAuditValues } from '../bodies/membership-audit.js';
import { MEMBERSHIP_ROLES, Membership } from '../bodies/membership.entity.js';
import type { MembershipsService } from '../bodies/memberships.service.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { type FormValues, validateForm } from '../common/forms/form.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import type { ParsedCsv } from './csv-format.js';
import { cellOf, columnIndex, columnMessages, headerErrors, type ImportPlan, nameKey, parseIdCell, type PlannedRow, rowStatus } from './import-plan.js';

/** "Gremium" and "Person" are for reading only; the import goes by "Kürzel" and "Person-ID". */
export const MEMBERSHIP_COLUMNS = ['ID', 'Kürzel', 'Gremium', 'Person-ID', 'Person', 'Rolle', 'Stimmrecht', 'Für Organisation', 'Beginn', 'Ende', 'Anmerkung'] as const;

const COLUMN_OF_FIELD: Record<string, string> = { role: 'Rolle', votingRight: 'Stimmrecht', onBehalfOfId: 'Für Organisation', startDate: 'Beginn', endDate: 'Ende', note: 'Anmerkung' };
const ROLE_BY_NAME = new Map<string, string>(MEMBERSHIP_ROLES.flatMap((r) => [[nameKey(r), r], [nameKey(MEMBERSHIP_ROLE_LABELS[r]), r]]));
const YES = new Set(['ja', 'j', 'x', '1', 'yes', 'true', 'wahr']);
const NO = new Set(['nein', 'n', '', '0', 'no', 'false', 'falsch']);

/** Memberships (current and history) of people and bodies in the directory, as CSV rows. */
export async function membershipRows(manager: EntityManager): Promise<(string | null)[][]> {
  const list = await manager
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoinAndSelect('m.body', 'body')
    .innerJoinAndSelect('m.person', 'person')
    .leftJoinAndSelect('m.onBehalfOf', 'onBehalfOf')
    .orderBy('body.name', 'ASC')
    .addOrderBy('person.sortKey', 'ASC')
    .addOrderBy('m.startDate', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
  return list.map((m) => [
    String(m.id), m.body.code, m.body.name, String(m.personId), personDisplayName(m.person), MEMBERSHIP_ROLE_LABELS[m.role], m.votingRight ? 'ja' : 'nein',
    m.onBehalfOf?.name ?? null, formatGermanDate(m.startDate), formatGermanDate(m.endDate), m.note,
  ]);
}

export async function planMemberships(manager: EntityManager, csv: ParsedCsv, service: MembershipsService): Promise<ImportPlan> {
  const cols = columnIndex(csv.header, MEMBERSHIP_COLUMNS);
  const fileErrors = headerErrors(cols, [], cols.index);
  if (fileErrors.length > 0) return { fileErrors, rows: [] };
  const bodies = new Map((await manager.getRepository(Body).find()).map((b) => [b.code.toUpperCase(), b]));
  const orgs = await manager.getRepository(Organisation).find();
  const orgsByName = new Map<string, Organisation[]>();
  for (const o of orgs) orgsByName.set(nameKey(o.name), [...(orgsByName.get(nameKey(o.name)) ?? []), o]);
  const seenIds = new Set<number>();
  const rows: PlannedRow[] = [];

  for (const { line, cells } of csv.rows) {
    const errors: string[] = [];
    const cell = (c: string): string | undefined => cellOf(cells, cols.index, c);
    const idCell = parseIdCell(cell('ID'));
    let existing: Membership | null = null;
    if ('error' in idCell) errors.push(idCell.error);
    else if (idCell.id !== null) {
      existing = await manager.getRepository(Membership).findOne({ where: { id: idCell.id }, relations: { body: true, person: true, onBehalfOf: true }, withDeleted: true });
      if (!existing) errors.push(`ID: Eine Mitgliedschaft mit der ID ${idCell.id} gibt es nicht.`);
      if (seenIds.has(idCell.id)) errors.push(`ID: Die ID ${idCell.id} steht mehrmals in der Datei.`);
      seenIds.add(idCell.id);
    }
    const code = (cell('Kürzel') ?? '').trim().toUpperCase();
    let body: Body | null = existing?.body ?? null;
    if (code !== '') {
      const found = bodies.get(code) ?? null;
      if (!found) errors.push(`Kürzel: Ein Gremium mit dem Kürzel „${code}“ gibt es nicht.`);
      else if (existing && existing.bodyId !== found.id) errors.push('Kürzel: Eine bestehende Mitgliedschaft kann nicht in ein anderes Gremium wechseln.');
      else body = found;
    } else if (!existing) errors.push('Kürzel: Bitte geben Sie das Kürzel des Gremiums an, z. B. BB.');
    const personCell = (cell('Person-ID') ?? '').trim();
    let person: Person | null = existing?.person ?? null;
    if (personCell !== '') {
      const pid = /^[1-9]\d{0,14}$/.test(personCell) ? Number(personCell) : null;
      const found = pid === null ? null : await manager.getRepository(Person).findOne({ where: { id: pid } });
      if (!found) errors.push(`Person-ID: Eine Person mit der ID „${personCell}“ gibt es nicht im Verzeichnis.`);
      else if (existing && existing.personId !== found.id) errors.push('Person-ID: Eine bestehende Mitgliedschaft kann nicht die Person wechseln.');
      else person = found;
    } else if (!existing) errors.push('Person-ID: Bitte geben Sie die ID der Person an (siehe Personen-Export).');

    const values: Record<string, string> = existing ? membershipFormValues(existing) : { role: '', votingRight: '', onBehalfOfId: '', startDate: '', endDate: '', note: '' };
    const role = cell('Rolle');
    if (role !== undefined) values.role = ROLE_BY_NAME.get(nameKey(role)) ?? role;
    const voting = cell('Stimmrecht');
    if (voting !== undefined) {
      const v = nameKey(voting);
      if (YES.has(v)) values.votingRight = 'on';
      else if (NO.has(v)) values.votingRight = '';
      else errors.push(`Stimmrecht: Bitte „ja“ oder „nein“ angeben, nicht „${voting}“.`);
    }
    const org = cell('Für Organisation');
    let orgName: string | null = existing?.onBehalfOf?.name ?? null;
    if (org !== undefined) {
      const found = org === '' ? [] : (orgsByName.get(nameKey(org)) ?? []);
      if (org !== '' && found.length === 0) errors.push(`Für Organisation: Eine Organisation „${org}“ gibt es nicht im Verzeichnis.`);
      if (found.length > 1) errors.push(`Für Organisation: Den Namen „${org}“ tragen mehrere Organisationen.`);
      values.onBehalfOfId = found.length === 1 ? String(found[0].id) : '';
      orgName = found.length === 1 ? found[0].name : null;
    }
    for (const [column, field] of [['Beginn', 'startDate'], ['Ende', 'endDate'], ['Anmerkung', 'note']] as const) {
      const v = cell(column);
      if (v !== undefined) values[field] = v;
    }
    const result = await validateForm(MEMBERSHIP_FORM, MembershipDto, values as FormValues<keyof typeof MEMBERSHIP_FORM.fields>);
    if (!result.ok) errors.push(...columnMessages(result.errors, (f) => COLUMN_OF_FIELD[f] ?? f));
    const input = result.ok ? membershipInput(result.value) : null;
    const changes = input ? auditChanges(MEMBERSHIP_AUDIT_LABELS, existing ? membershipAuditValues(existing, existing.onBehalfOf?.name ?? null) : null, membershipAuditValues(input, orgName)) : [];
    const id = existing?.id ?? null;
    const status = rowStatus(id, errors, changes);
    const target = body;
    const personId = person?.id ?? null;
    rows.push({
      line,
      label: `${person ? personDisplayName(person) : '?'} – ${body?.name ?? '?'}`,
      status,
      id,
      changes,
      errors,
      apply: input && target && personId !== null && (status === 'new' || status === 'changed') ? (m, actor) => service.saveInTransaction(m, actor, target, id, personId, input, 'import') : undefined,
    });
  }
  return { fileErrors: csv.rows.length === 0 ? ['Die Datei enthält keine Datenzeilen.'] : [], rows };
}

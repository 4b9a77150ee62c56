import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import type { AuditChange } from '../../src/audit/audit-entry.entity.js';
import type { TestApp } from './test-app.js';

/** The id in a 303 Location like "/personen/42". */
export function idFromLocation(location: string | undefined, prefix: string): number {
  const match = new RegExp(`^${prefix}/(\\d+)$`).exec(location ?? '');
  if (!match) throw new Error(`unexpected redirect ${location ?? '(none)'}`);
  return Number(match[1]);
}

/** The audit entries about one record, oldest first, with parsed changes. */
export async function auditEntriesOf(t: TestApp, entityType: string, entityId: number): Promise<(AuditEntry & { parsed: AuditChange[] })[]> {
  const rows = await t.app
    .get(DataSource)
    .getRepository(AuditEntry)
    .find({ where: { entityType: entityType as AuditEntry['entityType'], entityId }, order: { id: 'ASC' } });
  return rows.map((r) => ({ ...r, parsed: JSON.parse(r.changes) as AuditChange[] }));
}

/** The HTML-escaped form Handlebars writes for text in attributes and content. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;').replace(/`/g, '&#x60;');
}

/** A complete person form as a browser sends it (every field, empty ones included). */
export function personForm(fields: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {
    formOfAddress: '',
    academicTitle: '',
    givenName: '',
    familyName: '',
    functionTitle: '',
    organisationId: '',
    room: '',
    street: '',
    postalCode: '',
    locality: '',
    languages: '',
    profile: '',
    phoneVisibility: 'members',
    emailVisibility: 'members',
    addressVisibility: 'members',
  };
  for (let n = 1; n <= 5; n++) {
    form[`phoneKind${n}`] = 'work';
    form[`phone${n}`] = '';
  }
  for (let n = 1; n <= 3; n++) form[`email${n}`] = '';
  return { ...form, ...fields };
}

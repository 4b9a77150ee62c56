import type { AuditValues } from '../audit/audit-log.service.js';
import { ORGANISATION_KIND_LABELS } from './organisation-labels.js';
import type { Organisation } from './organisation.entity.js';

/** The audited fields of an organisation and their German names. */
export const ORGANISATION_AUDIT_LABELS: Record<string, string> = {
  name: 'Name',
  shortName: 'Kurzname',
  kind: 'Art',
  parent: 'Gehört zu',
  street: 'Straße',
  postalCode: 'Postleitzahl',
  locality: 'Ort',
  phone: 'Telefon',
  fax: 'Fax',
  email: 'E-Mail',
  website: 'Internetseite',
  description: 'Beschreibung',
};

/** Display values of an organisation; `parentName` is the name of the organisation it belongs to. */
export function organisationAuditValues(o: Omit<Organisation, 'id' | 'parent' | 'topics' | 'createdAt' | 'updatedAt' | 'deletedAt'>, parentName: string | null): AuditValues {
  return {
    name: o.name,
    shortName: o.shortName,
    kind: ORGANISATION_KIND_LABELS[o.kind],
    parent: parentName,
    street: o.street,
    postalCode: o.postalCode,
    locality: o.locality,
    phone: o.phone,
    fax: o.fax,
    email: o.email,
    website: o.website,
    description: o.description,
  };
}

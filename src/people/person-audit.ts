import type { AuditValues } from '../audit/audit-log.service.js';
import { formatDateTime } from '../common/dates.js';
import { languageLabel, PHONE_KIND_LABELS } from './person-labels.js';
import { VISIBILITY_LABELS } from './people.forms.js';
import type { PhoneKind } from './person-phone.entity.js';
import type { Visibility } from './person.entity.js';

/** The audited fields of a person and their German names. */
export const PERSON_AUDIT_LABELS: Record<string, string> = {
  formOfAddress: 'Anrede',
  academicTitle: 'Titel',
  givenName: 'Vorname',
  familyName: 'Nachname',
  functionTitle: 'Funktion',
  organisation: 'Organisation',
  room: 'Raum',
  street: 'Straße',
  postalCode: 'Postleitzahl',
  locality: 'Ort',
  phones: 'Telefonnummern',
  emails: 'E-Mail-Adressen',
  languages: 'Sprachen',
  profile: 'Profil',
  phoneVisibility: 'Sichtbarkeit Telefon',
  emailVisibility: 'Sichtbarkeit E-Mail',
  addressVisibility: 'Sichtbarkeit Anschrift',
};

export const CONSENT_AUDIT_LABELS: Record<string, string> = {
  consentAt: 'Einwilligung erteilt am',
  consentRecordedBy: 'Einwilligung erfasst von',
};

export interface PersonAuditSource {
  formOfAddress: string;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  functionTitle: string | null;
  room: string | null;
  street: string | null;
  postalCode: string | null;
  locality: string | null;
  profile: string | null;
  phoneVisibility: Visibility;
  emailVisibility: Visibility;
  addressVisibility: Visibility;
  phones: { kind: PhoneKind; number: string }[];
  emails: string[];
  languages: string[];
}

/** Display values of a person; `organisationName` is the name of their organisation. */
export function personAuditValues(p: PersonAuditSource, organisationName: string | null): AuditValues {
  return {
    formOfAddress: p.formOfAddress,
    academicTitle: p.academicTitle,
    givenName: p.givenName,
    familyName: p.familyName,
    functionTitle: p.functionTitle,
    organisation: organisationName,
    room: p.room,
    street: p.street,
    postalCode: p.postalCode,
    locality: p.locality,
    phones: p.phones.map((ph) => `${PHONE_KIND_LABELS[ph.kind]} ${ph.number}`).join('; '),
    emails: p.emails.join('; '),
    languages: [...p.languages].sort().map(languageLabel).join(', '),
    profile: p.profile,
    phoneVisibility: VISIBILITY_LABELS[p.phoneVisibility],
    emailVisibility: VISIBILITY_LABELS[p.emailVisibility],
    addressVisibility: VISIBILITY_LABELS[p.addressVisibility],
  };
}

export function consentAuditValues(p: { consentAt: Date | null; consentRecordedBy: string | null }): AuditValues {
  return { consentAt: p.consentAt ? formatDateTime(p.consentAt) : null, consentRecordedBy: p.consentRecordedBy };
}

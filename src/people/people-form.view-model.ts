import type { Organisation } from '../organisations/organisation.entity.js';
import type { SelectOption } from '../common/forms/form.js';
import { consentDay } from './person-consent.js';
import { EMAIL_SLOTS, PHONE_SLOTS, type PersonFieldName } from './people.forms.js';
import { personAuditSource } from './people-editor.service.js';
import { languagesText } from './person-languages.js';
import type { Person } from './person.entity.js';

/** Values of a new person's form: contact details for members only until consent is recorded. */
export const NEW_PERSON_VALUES: Partial<Record<PersonFieldName, string>> = {
  phoneVisibility: 'members',
  emailVisibility: 'members',
  addressVisibility: 'members',
};

/** A person as values of the edit form (phones and e-mails in their slots). */
export function personFormValues(p: Person): Partial<Record<PersonFieldName, string>> {
  const source = personAuditSource(p);
  const values: Partial<Record<PersonFieldName, string>> = {
    formOfAddress: p.formOfAddress,
    academicTitle: p.academicTitle ?? '',
    givenName: p.givenName,
    familyName: p.familyName,
    functionTitle: p.functionTitle ?? '',
    organisationId: p.organisationId === null ? '' : String(p.organisationId),
    room: p.room ?? '',
    street: p.street ?? '',
    postalCode: p.postalCode ?? '',
    locality: p.locality ?? '',
    languages: languagesText(source.languages),
    profile: p.profile ?? '',
    phoneVisibility: p.phoneVisibility,
    emailVisibility: p.emailVisibility,
    addressVisibility: p.addressVisibility,
  };
  const fields = values as Record<string, string>;
  source.phones.slice(0, PHONE_SLOTS).forEach((ph, i) => {
    fields[`phoneKind${i + 1}`] = ph.kind;
    fields[`phone${i + 1}`] = ph.number;
  });
  source.emails.slice(0, EMAIL_SLOTS).forEach((e, i) => {
    fields[`email${i + 1}`] = e;
  });
  return values;
}

export function organisationOptions(orgs: Pick<Organisation, 'id' | 'name'>[]): { organisationId: SelectOption[] } {
  return { organisationId: orgs.map((o) => ({ value: String(o.id), label: o.name })) };
}

/** "Einwilligung erfasst am … von …" or the note that there is none, for the edit page. */
export function consentText(p: Pick<Person, 'consentAt' | 'consentRecordedBy'>): string {
  if (!p.consentAt) return 'Keine Einwilligung erfasst: als „öffentlich“ markierte Angaben sehen nur angemeldete Mitglieder.';
  return `Einwilligung erteilt am ${consentDay(p.consentAt)}${p.consentRecordedBy ? `, erfasst von ${p.consentRecordedBy}` : ''}.`;
}

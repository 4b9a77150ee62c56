import { defineForm, type FieldSpec } from '../common/forms/form.js';
import { PERSON_FORM, type PersonFieldName } from './people.forms.js';

/**
 * The fields a member keeps current on their own entry; everything else (name, organisation,
 * e-mail addresses, memberships) stays the administration's and is shown read-only.
 */
export const SELF_EDITABLE_FIELDS = [
  'functionTitle',
  'room',
  'street',
  'postalCode',
  'locality',
  'phoneKind1', 'phone1', 'phoneKind2', 'phone2', 'phoneKind3', 'phone3', 'phoneKind4', 'phone4', 'phoneKind5', 'phone5',
  'phoneVisibility',
  'emailVisibility',
  'addressVisibility',
  'languages',
  'profile',
] as const satisfies readonly PersonFieldName[];

export type SelfEditableField = (typeof SELF_EDITABLE_FIELDS)[number];
export type OwnEntryFieldName = SelfEditableField | 'consent';

/** What a member agrees to when giving consent on their own entry (recorded with the consent). */
export const SELF_CONSENT_TEXT =
  'Ich bin einverstanden, dass die Angaben, die ich als „öffentlich“ markiert habe, auch ohne Anmeldung sichtbar sind: im Verzeichnis, in Kontaktkarten (vCard) und über die Schnittstellen. Ich kann diese Einwilligung hier jederzeit widerrufen.';

/** Who recorded a consent the member gave themselves. */
export const SELF_CONSENT_RECORDED_BY = 'selbst erteilt über „Mein Eintrag“';

const selfFields = Object.fromEntries(SELF_EDITABLE_FIELDS.map((name) => [name, PERSON_FORM.fields[name]])) as Record<SelfEditableField, FieldSpec>;

export const OWN_ENTRY_FORM = defineForm<OwnEntryFieldName>('eintrag', {
  ...selfFields,
  consent: { label: SELF_CONSENT_TEXT, control: 'checkbox', hint: 'Ohne Einwilligung sehen auch „öffentliche“ Angaben nur angemeldete Mitglieder. Ein Haken entfernt – und die Einwilligung ist widerrufen.' },
});

export const CHANGE_REQUEST_FORM = defineForm('aenderung', {
  message: {
    label: 'Was soll geändert werden?',
    control: 'textarea',
    required: true,
    rows: 4,
    maxLength: 2000,
    hint: 'Zum Beispiel: neuer Nachname, andere Organisation, Ende einer Mitgliedschaft. Die Geschäftsstelle bekommt Ihre Nachricht per E-Mail.',
  },
});

import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm, type FieldSpec } from '../common/forms/form.js';
import { CONSENT_METHOD_LABELS, CONSENT_METHODS } from './person-consent.js';
import { PHONE_KIND_LABELS } from './person-labels.js';
import { PHONE_KINDS } from './person-phone.entity.js';
import { type Visibility } from './person.entity.js';

/** How many phone numbers and e-mail addresses the form offers (no JavaScript: fixed slots). */
export const PHONE_SLOTS = 5;
export const EMAIL_SLOTS = 3;

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Öffentlich (erst sichtbar, wenn die Einwilligung erfasst ist)',
  members: 'Nur für angemeldete Mitglieder',
  hidden: 'Nicht anzeigen',
};

const visibility = (label: string): FieldSpec => ({
  label,
  control: 'select',
  required: true,
  options: (['public', 'members', 'hidden'] as const).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] })),
});

const phoneFields: Record<string, FieldSpec> = {};
for (let n = 1; n <= PHONE_SLOTS; n++) {
  phoneFields[`phoneKind${n}`] = { label: `Art der Nummer ${n}`, control: 'select', options: PHONE_KINDS.map((k) => ({ value: k, label: PHONE_KIND_LABELS[k] })) };
  phoneFields[`phone${n}`] = {
    label: `Nummer ${n}`,
    type: 'tel',
    maxLength: 40,
    ...(n === 1 ? { hint: 'Mit Vorwahl, z. B. 0385 545-1263 oder +7 912 345-67-89. Wird einheitlich international gespeichert.' } : {}),
  };
}
const emailFields: Record<string, FieldSpec> = {};
for (let n = 1; n <= EMAIL_SLOTS; n++) {
  emailFields[`email${n}`] = { label: `E-Mail-Adresse ${n}`, type: 'email', maxLength: 200 };
}

export type PersonFieldName =
  | 'formOfAddress' | 'academicTitle' | 'givenName' | 'familyName' | 'functionTitle' | 'organisationId'
  | 'room' | 'street' | 'postalCode' | 'locality' | 'languages' | 'profile'
  | 'phoneVisibility' | 'emailVisibility' | 'addressVisibility'
  | `phoneKind${1 | 2 | 3 | 4 | 5}` | `phone${1 | 2 | 3 | 4 | 5}` | `email${1 | 2 | 3}`;

export const PERSON_FORM = defineForm<PersonFieldName>('person', {
  formOfAddress: { label: 'Anrede', control: 'select', options: [{ value: '', label: 'Keine Anrede' }, { value: 'Frau', label: 'Frau' }, { value: 'Herr', label: 'Herr' }] },
  academicTitle: { label: 'Akademischer Titel', maxLength: 50, hint: 'z. B. Dr. oder Prof. Dr.', autocomplete: 'honorific-prefix' },
  givenName: { label: 'Vorname', maxLength: 100, autocomplete: 'off' },
  familyName: { label: 'Nachname', required: true, maxLength: 100, autocomplete: 'off' },
  functionTitle: { label: 'Funktion', maxLength: 200, hint: 'z. B. Integrationsbeauftragter' },
  organisationId: { label: 'Organisation', control: 'select', emptyOption: 'Keine Organisation' },
  room: { label: 'Raum', maxLength: 100, hint: 'z. B. 5.020 - Aufzug C' },
  street: { label: 'Straße und Hausnummer', maxLength: 200, hint: 'Nur ausfüllen, wenn die Person nicht unter der Anschrift ihrer Organisation erreichbar ist.' },
  postalCode: { label: 'Postleitzahl', maxLength: 10 },
  locality: { label: 'Ort', maxLength: 100 },
  ...(phoneFields as Record<`phoneKind${1 | 2 | 3 | 4 | 5}` | `phone${1 | 2 | 3 | 4 | 5}`, FieldSpec>),
  ...(emailFields as Record<`email${1 | 2 | 3}`, FieldSpec>),
  languages: { label: 'Sprachen', maxLength: 500, hint: 'Durch Komma getrennt, z. B. Deutsch, Arabisch, Russisch (auch Kürzel wie ar, ru).' },
  profile: {
    label: 'Profil (Aufgaben und Ziele)',
    control: 'textarea',
    rows: 10,
    maxLength: 20000,
    hint: 'Einfacher Text. Eine Zeile „## Überschrift“ wird zur Überschrift, Zeilen mit „- “ am Anfang zur Liste.',
  },
  phoneVisibility: visibility('Telefonnummern sichtbar für'),
  emailVisibility: visibility('E-Mail-Adressen sichtbar für'),
  addressVisibility: visibility('Raum und Anschrift sichtbar für'),
});

export const REMOVE_PERSON_FORM = confirmForm('entfernen', 'Ja, diese Person aus dem Verzeichnis entfernen');

export type NewPersonFieldName = PersonFieldName | 'consentGiven' | 'consentDate' | 'consentMethod' | 'createAnyway';

/** "Person anlegen": the person's fields and, in the same form, the consent the person gave. */
export const NEW_PERSON_FORM = defineForm<NewPersonFieldName>('person', {
  ...PERSON_FORM.fields,
  consentGiven: { label: 'Die Person hat eingewilligt, dass ihre als „öffentlich“ markierten Angaben veröffentlicht werden.', control: 'checkbox' },
  consentDate: { label: 'Einwilligung erteilt am (TT.MM.JJJJ)', maxLength: 10, hint: 'z. B. 01.03.2026.' },
  consentMethod: {
    label: 'Wie wurde eingewilligt?',
    control: 'select',
    emptyOption: 'Bitte wählen',
    options: CONSENT_METHODS.map((m) => ({ value: m, label: CONSENT_METHOD_LABELS[m] })),
  },
  createAnyway: { label: 'Es ist eine andere Person: trotzdem neu anlegen', control: 'checkbox' },
});

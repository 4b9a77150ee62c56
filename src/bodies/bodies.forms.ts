import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm, type FieldSpec } from '../common/forms/form.js';
import { BODY_KIND_LABELS, MEMBERSHIP_ROLE_LABELS } from './body-labels.js';
import { BODY_KINDS } from './body.entity.js';
import { MEMBERSHIP_ROLES } from './membership.entity.js';

export const BODY_FORM = defineForm('gremium', {
  name: { label: 'Name', required: true, maxLength: 200 },
  shortName: { label: 'Kurzname', maxLength: 50, hint: 'z. B. „Begleitbeirat“.' },
  code: { label: 'Kürzel für Beschlussnummern', required: true, maxLength: 10, hint: '2 bis 10 Großbuchstaben oder Ziffern, z. B. BB für „BB-2026-07“. Muss eindeutig sein.' },
  kind: {
    label: 'Art des Gremiums',
    control: 'select',
    required: true,
    emptyOption: 'Bitte wählen',
    options: BODY_KINDS.map((k) => ({ value: k, label: BODY_KIND_LABELS[k] })),
  },
  description: { label: 'Beschreibung', control: 'textarea', rows: 6, maxLength: 10000 },
  foundedOn: { label: 'Gegründet', maxLength: 10, hint: 'Datum als TT.MM.JJJJ oder nur das Jahr, z. B. 2003.' },
  isPublic: { label: 'Öffentliches Gremium (auch ohne Anmeldung sichtbar)', control: 'checkbox' },
  defaultDurationMinutes: { label: 'Übliche Sitzungsdauer in Minuten', type: 'number', required: true, maxLength: 3 },
  noticePeriodDays: { label: 'Einladungsfrist in Tagen', type: 'number', required: true, maxLength: 2, hint: 'So viele Tage vor einer Sitzung muss die Einladung verschickt sein.' },
});

export const REMOVE_BODY_FORM = confirmForm('entfernen', 'Ja, dieses Gremium aus dem Verzeichnis entfernen');

const membershipFields = {
  role: {
    label: 'Rolle',
    control: 'select',
    required: true,
    emptyOption: 'Bitte wählen',
    options: MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] })),
  },
  votingRight: { label: 'Stimmberechtigt', control: 'checkbox' },
  onBehalfOfId: { label: 'Für Organisation', control: 'select', emptyOption: 'Keine (persönlich)', hint: 'Die Organisation, die die Person in diesem Gremium vertritt.' },
  startDate: { label: 'Beginn (TT.MM.JJJJ)', maxLength: 10 },
  endDate: { label: 'Ende (TT.MM.JJJJ)', maxLength: 10, hint: 'Leer lassen, solange die Mitgliedschaft läuft. Beendete Mitgliedschaften bleiben als Historie erhalten.' },
  note: { label: 'Anmerkung', maxLength: 200, hint: 'z. B. „Leitung und Geschäftsführung“.' },
} satisfies Record<string, FieldSpec>;

export const MEMBERSHIP_FORM = defineForm('mitgliedschaft', membershipFields);

export const NEW_MEMBERSHIP_FORM = defineForm('mitgliedschaft', {
  personId: { label: 'Person', control: 'select', required: true, emptyOption: 'Bitte wählen' },
  ...membershipFields,
});

export const END_MEMBERSHIP_FORM = defineForm('beenden', {
  endDate: { label: 'Ende der Mitgliedschaft (TT.MM.JJJJ)', required: true, maxLength: 10, hint: 'Der letzte Tag der Mitgliedschaft. Sie bleibt danach als frühere Mitgliedschaft sichtbar.' },
});

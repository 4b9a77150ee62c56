import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm } from '../common/forms/form.js';
import { ORGANISATION_KIND_LABELS } from './organisation-labels.js';
import { ORGANISATION_KINDS } from './organisation.entity.js';

const PHONE_HINT = 'Mit Vorwahl, z. B. 0385 545-1263 oder +49 385 5451263. Wird einheitlich international gespeichert.';

export const ORGANISATION_FORM = defineForm('organisation', {
  name: { label: 'Name', required: true, maxLength: 200, autocomplete: 'organization' },
  shortName: { label: 'Kurzname', maxLength: 50, hint: 'Abkürzung, z. B. „KIZ“.' },
  kind: {
    label: 'Art der Organisation',
    control: 'select',
    required: true,
    emptyOption: 'Bitte wählen',
    options: ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] })),
  },
  parentId: { label: 'Gehört zu (übergeordnete Organisation)', control: 'select', emptyOption: 'Keine – eigenständige Organisation' },
  street: { label: 'Straße und Hausnummer', maxLength: 200, autocomplete: 'address-line1' },
  postalCode: { label: 'Postleitzahl', maxLength: 10, autocomplete: 'postal-code' },
  locality: { label: 'Ort', maxLength: 100, autocomplete: 'address-level2' },
  phone: { label: 'Telefon', type: 'tel', maxLength: 40, hint: PHONE_HINT },
  fax: { label: 'Fax', type: 'tel', maxLength: 40 },
  email: { label: 'E-Mail-Adresse', type: 'email', maxLength: 200 },
  website: { label: 'Internetseite', type: 'url', maxLength: 300, hint: 'Vollständige Adresse, z. B. https://www.schwerin.de' },
  description: { label: 'Beschreibung', control: 'textarea', rows: 6, maxLength: 10000 },
});

export const REMOVE_ORGANISATION_FORM = confirmForm('entfernen', 'Ja, diese Organisation aus dem Verzeichnis entfernen');

import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm } from '../common/forms/form.js';

export const TOPIC_NAME_MAX = 100;

export const NEW_TOPIC_FORM = defineForm('topic-new', {
  name: { label: 'Neues Thema oder Angebot', required: true, maxLength: TOPIC_NAME_MAX, hint: 'z. B. Asylberatung, Sprachkurs, Kita.' },
});

export const RENAME_TOPIC_FORM = defineForm('topic-rename', {
  name: { label: 'Name', required: true, maxLength: TOPIC_NAME_MAX },
});

export const REMOVE_TOPIC_FORM = confirmForm('entfernen', 'Ja, dieses Thema entfernen und bei allen Einträgen austragen');

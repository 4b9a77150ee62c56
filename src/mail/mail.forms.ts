import { defineForm } from '../common/forms/form.js';

export const BODY_MAIL_SETTINGS_FORM = defineForm('erinnerungen', {
  reminderDaysBefore: {
    label: 'Erinnerung so viele Tage vor der Sitzung',
    type: 'number',
    maxLength: 2,
    hint: 'Mitglieder, die auf die Einladung noch nicht geantwortet haben, bekommen dann eine Erinnerung. 0: keine Erinnerung. Leer: die Voreinstellung.',
  },
});

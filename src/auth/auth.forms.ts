import { defineForm } from '../common/forms/form.js';
import { PASSWORD_MIN_LENGTH } from './password-policy.js';

const NEW_PASSWORD_HINT = `Mindestens ${PASSWORD_MIN_LENGTH} Zeichen. Am besten mehrere Wörter, die nur Sie verbinden; keine bekannten Passwörter wie „passwort123“.`;

export const LOGIN_FORM = defineForm('anmelden', {
  email: { label: 'E-Mail-Adresse', type: 'email', autocomplete: 'username', required: true, maxLength: 254 },
  password: { label: 'Passwort', type: 'password', autocomplete: 'current-password', required: true, keepValue: false },
});

export const CHANGE_PASSWORD_FORM = defineForm('passwort', {
  currentPassword: { label: 'Aktuelles Passwort', type: 'password', autocomplete: 'current-password', required: true, keepValue: false },
  newPassword: { label: 'Neues Passwort', type: 'password', autocomplete: 'new-password', required: true, keepValue: false, hint: NEW_PASSWORD_HINT },
  repeatPassword: { label: 'Neues Passwort wiederholen', type: 'password', autocomplete: 'new-password', required: true, keepValue: false },
});

export const SET_PASSWORD_FORM = defineForm('passwort-setzen', {
  newPassword: { label: 'Neues Passwort', type: 'password', autocomplete: 'new-password', required: true, keepValue: false, hint: NEW_PASSWORD_HINT },
  repeatPassword: { label: 'Neues Passwort wiederholen', type: 'password', autocomplete: 'new-password', required: true, keepValue: false },
});

export const CREATE_ACCOUNT_FORM = defineForm('konto', {
  email: { label: 'E-Mail-Adresse', type: 'email', autocomplete: 'off', required: true, maxLength: 254 },
  personId: {
    label: 'Person im Verzeichnis',
    control: 'select',
    emptyOption: 'Keine Person verknüpfen',
    hint: 'Rechte als Vorsitz oder Geschäftsführung eines Gremiums kommen aus den Mitgliedschaften dieser Person.',
  },
  isAdmin: { label: 'Administrationsrechte (Konten, Verzeichnis, Import/Export)', control: 'checkbox' },
});

export const FORGOT_PASSWORD_FORM = defineForm('passwort-vergessen', {
  email: {
    label: 'E-Mail-Adresse',
    type: 'email',
    autocomplete: 'username',
    required: true,
    maxLength: 254,
    hint: 'Die Adresse, mit der Sie sich anmelden.',
  },
});


export const DEVICE_PASSWORD_FORM = defineForm('geraetepasswort', {
  name: { label: 'Name des Geräts', autocomplete: 'off', required: true, maxLength: 60, hint: 'Zum Beispiel „iPhone“, „Tablet“ oder „Thunderbird Büro“.' },
});


export const CHANGE_EMAIL_FORM = defineForm('email-aendern', {
  newEmail: { label: 'Neue E-Mail-Adresse', type: 'email', autocomplete: 'email', required: true, maxLength: 254, hint: 'An diese Adresse schicken wir einen Link. Erst wenn Sie ihn öffnen und bestätigen, gilt die neue Adresse.' },
  currentPassword: { label: 'Ihr aktuelles Passwort', type: 'password', autocomplete: 'current-password', required: true, keepValue: false },
});

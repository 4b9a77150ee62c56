import type { MailKind, OutboxStatus } from './outbox-mail.entity.js';

/** German labels of the mail module's codes. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  invitation: 'Einladung',
  update: 'Änderung',
  cancellation: 'Absage',
  reminder: 'Erinnerung an die Sitzung',
  action_item_reminder: 'Erinnerung an eine Aufgabe',
  set_password: 'Link zum Passwortsetzen',
  minutes_circulated: 'Protokoll zur Durchsicht',
  poll: 'Terminumfrage',
  poll_reminder: 'Erinnerung an die Terminumfrage',
  poll_outcome: 'Ergebnis der Terminumfrage',
  change_request: 'Änderungswunsch zu einem Eintrag',
  email_change: 'Änderung der E-Mail-Adresse',
  circular: 'Rundschreiben',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Wartet auf Versand',
  sending: 'Wird gerade gesendet',
  sent: 'Versendet',
  failed: 'Fehlgeschlagen',
};

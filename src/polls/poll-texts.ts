import { formatDateTime } from '../common/dates.js';
import { greeting, type MailText, meetingWhen, type Salutation } from '../mail/mail-texts.js';

/**
 * The German texts of the date poll mails, as plain text. Pure functions: the service gathers the
 * facts, these only word them.
 */

export interface PollFacts {
  title: string;
  bodyName: string;
  /** "Donnerstag, 26. März 2026, 18:00 bis 20:00 Uhr (Rathaus, Raum 1)" per slot. */
  slots: string[];
  deadline: Date;
  note: string | null;
  /** Who signs: the chair's name, or the body's. */
  signature: string;
  siteName: string;
}

function footer(siteName: string): string[] {
  return ['', '-- ', `Diese Nachricht wurde automatisch von ${siteName} verschickt.`];
}

/** The deadline as members read it: the last day on which answers count ("bis 12.03.2026, 24:00 Uhr"). */
export function deadlineText(deadline: Date): string {
  const lastDay = formatDateTime(new Date(deadline.getTime() - 60_000)).slice(0, 10);
  return `${lastDay}, 24:00 Uhr`;
}

export function slotLine(startsAt: Date, endsAt: Date, place: string | null): string {
  return `${meetingWhen(startsAt, endsAt)}${place ? ` (${place})` : ''}`;
}

function slotBlock(f: PollFacts): string[] {
  return ['Vorgeschlagene Termine:', ...f.slots.map((s, i) => `${i + 1}. ${s}`)];
}

/** The poll itself, with the member's personal answer link. */
export function pollInvitationText(f: PollFacts, to: Salutation, link: { url: string }): MailText {
  const lines = [
    greeting(to),
    '',
    `für die nächste Sitzung von „${f.bodyName}“ suchen wir einen Termin, der möglichst vielen passt. Bitte geben Sie bis ${deadlineText(f.deadline)} an, welche Termine Ihnen passen (ja, wenn nötig oder nein).`,
    '',
    ...slotBlock(f),
  ];
  if (f.note) lines.push('', f.note);
  lines.push(
    '',
    'Ihre Antwort (ohne Anmeldung, nur für Sie):',
    link.url,
    '',
    'Sie können Ihre Antworten bis zum Ende der Umfrage über denselben Link ändern.',
    '',
    'Mit freundlichen Grüßen',
    f.signature,
    ...footer(f.siteName),
  );
  return { subject: `Terminumfrage: ${f.title} (${f.bodyName}) – bitte bis ${deadlineText(f.deadline).slice(0, 10)} antworten`, text: lines.join('\n') };
}

/** The reminder to members who have not answered yet. */
export function pollReminderText(f: PollFacts, to: Salutation, link: { url: string }): MailText {
  const lines = [
    greeting(to),
    '',
    `Sie haben auf die Terminumfrage „${f.title}“ (${f.bodyName}) noch nicht geantwortet. Die Umfrage endet am ${deadlineText(f.deadline)}.`,
    '',
    ...slotBlock(f),
    '',
    'Ihre Antwort (ohne Anmeldung, nur für Sie):',
    link.url,
    '',
    'Mit freundlichen Grüßen',
    f.signature,
    ...footer(f.siteName),
  ];
  return { subject: `Erinnerung: Terminumfrage ${f.title} (${f.bodyName}) endet am ${deadlineText(f.deadline).slice(0, 10)}`, text: lines.join('\n') };
}

/** The outcome, to everyone who answered. */
export function pollOutcomeText(f: PollFacts, to: Salutation, outcome: { startsAt: Date; endsAt: Date; place: string | null; meetingUrl: string; invited: boolean }): MailText {
  const lines = [
    greeting(to),
    '',
    `vielen Dank für Ihre Antwort auf die Terminumfrage „${f.title}“ (${f.bodyName}). Der Termin steht fest:`,
    '',
    slotLine(outcome.startsAt, outcome.endsAt, outcome.place),
    '',
    outcome.invited ? 'Die Einladung mit Tagesordnung erhalten Sie in einer eigenen Nachricht.' : 'Die Einladung mit Tagesordnung folgt.',
    `Sitzung: ${outcome.meetingUrl}`,
    '',
    'Mit freundlichen Grüßen',
    f.signature,
    ...footer(f.siteName),
  ];
  return { subject: `Termin steht fest: ${f.title} (${f.bodyName}) am ${formatDateTime(outcome.startsAt)}`, text: lines.join('\n') };
}

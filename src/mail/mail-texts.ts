import { berlinDay, formatDateTime, formatIsoDate, formatLongDate, formatShortDate, formatTime } from '../common/dates.js';
import type { MeetingChange } from '../meetings/meeting-events.js';
import type { ParticipantNote } from '../meetings/participant-notes.js';

/**
 * The German texts of every mail, as plain text (readable in every client and by screen readers).
 * Pure functions: the service gathers the facts, these only word them.
 */

export interface Salutation {
  formOfAddress: string;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
}

/** "Guten Tag Frau Dr. Petrova," — or with the full name when no form of address is recorded. */
export function greeting(p: Salutation): string {
  const title = p.academicTitle ? `${p.academicTitle} ` : '';
  if (p.formOfAddress === 'Herr' || p.formOfAddress === 'Frau') return `Guten Tag ${p.formOfAddress} ${title}${p.familyName},`;
  return `Guten Tag ${title}${[p.givenName, p.familyName].filter((s) => s !== '').join(' ')},`;
}

/** "Donnerstag, 26. März 2026, 18:00 bis 20:00 Uhr" (the end with its date when on another day). */
export function meetingWhen(startsAt: Date, endsAt: Date): string {
  const day = formatLongDate(startsAt);
  if (berlinDay(startsAt) === berlinDay(endsAt)) return `${day}, ${formatTime(startsAt)} bis ${formatTime(endsAt)} Uhr`;
  return `${day}, ${formatTime(startsAt)} Uhr bis ${formatLongDate(endsAt)}, ${formatTime(endsAt)} Uhr`;
}

/** "26.03.2026, 18:00 Uhr" for subjects. */
export function shortWhen(instant: Date): string {
  return formatDateTime(instant);
}

/** "26. März 2026" for a Berlin date (YYYY-MM-DD). */
export function longDate(isoDate: string): string {
  return formatIsoDate(isoDate);
}

export interface MeetingFacts {
  /** As calendars show it: "BB: 12. Sitzung". */
  summary: string;
  title: string;
  bodyName: string;
  startsAt: Date;
  endsAt: Date;
  /** Address line, or null. */
  place: string | null;
  onlineLink: string | null;
  /** Accessibility, the meeting's notes, where the documents are (participantNotes, shared with the printed letter). */
  notes: ParticipantNote[];
  cancelReason: string | null;
  /** "TOP 1 Begrüßung (Dr. Petrova)" lines, sub-items indented. */
  agenda: string[];
  /** "- TOP 1: Vorlage (PDF, 1,2 MB): https://…" lines of the meeting's documents (src/documents); none when absent. */
  documents?: string[];
  pageUrl: string;
  /** Who signs: the chair's name, or the body's. */
  signature: string;
  siteName: string;
}

export interface MailText {
  subject: string;
  text: string;
}

function footer(siteName: string): string[] {
  return ['', '-- ', `Diese Nachricht wurde automatisch von ${siteName} verschickt.`];
}

function meetingBlock(f: MeetingFacts): string[] {
  const lines = [`Sitzung: ${f.title}`, `Gremium: ${f.bodyName}`, `Wann: ${meetingWhen(f.startsAt, f.endsAt)}`];
  if (f.place) lines.push(`Ort: ${f.place}`);
  if (f.onlineLink) lines.push(`Online: ${f.onlineLink}`);
  if (f.agenda.length > 0) lines.push('', 'Tagesordnung:', ...f.agenda);
  if (f.documents && f.documents.length > 0) lines.push('', 'Unterlagen:', ...f.documents);
  return lines;
}

/** The notes to participants, one "Label: text" line each (the same notes as the printed letter). */
function notesBlock(f: MeetingFacts): string[] {
  return f.notes.map((n) => `${n.label}: ${n.text}`);
}

function rsvpBlock(rsvpUrl: string, validUntil: Date): string[] {
  return [
    'Bitte sagen Sie zu oder ab – ohne Anmeldung über diesen persönlichen Link',
    `(gültig bis ${shortWhen(validUntil)}; bitte nicht weitergeben):`,
    rsvpUrl,
  ];
}

/** Invitation, update (changed or postponed) or cancellation of a meeting, for one recipient. */
export function meetingMailText(change: MeetingChange, f: MeetingFacts, to: Salutation, rsvp: { url: string; validUntil: Date } | null, answersReset = false): MailText {
  const when = shortWhen(f.startsAt);
  const lines = [greeting(to), ''];
  let subject: string;
  switch (change) {
    case 'invitation':
      subject = `Einladung: ${f.summary} am ${when}`;
      lines.push(`hiermit laden wir Sie zur Sitzung des Gremiums „${f.bodyName}“ ein.`);
      break;
    case 'update':
      subject = `Geänderte Einladung: ${f.summary} am ${when}`;
      lines.push(`die Sitzung des Gremiums „${f.bodyName}“ wurde geändert. Es gelten diese Angaben:`);
      break;
    case 'postponement':
      subject = `Verschoben: ${f.summary} – neu am ${when}`;
      lines.push(`die Sitzung des Gremiums „${f.bodyName}“ wurde verschoben.`);
      lines.push(
        answersReset
          ? 'Ihre bisherige Antwort ist damit hinfällig: Bitte sagen Sie für den neuen Termin erneut zu oder ab.'
          : 'Ihre bisherige Antwort gilt weiter; wenn Sie zum neuen Termin nicht (mehr) können, ändern Sie sie bitte.',
      );
      lines.push('', 'Der neue Termin:');
      break;
    case 'cancellation':
      subject = `Abgesagt: ${f.summary} am ${when}`;
      lines.push(`die Sitzung „${f.title}“ des Gremiums „${f.bodyName}“ ist abgesagt.`, '');
      lines.push(`Sitzung: ${f.title}`, `Gremium: ${f.bodyName}`, `Wann: ${meetingWhen(f.startsAt, f.endsAt)}`);
      if (f.cancelReason) lines.push('', `Grund: ${f.cancelReason}`);
      lines.push('', 'Der beiliegende Kalendereintrag entfernt den Termin aus Ihrem Kalender.', '', `Sitzungsseite: ${f.pageUrl}`);
      lines.push('', 'Mit freundlichen Grüßen', f.signature, f.bodyName, ...footer(f.siteName));
      return { subject, text: lines.join('\n') };
  }
  lines.push('', ...meetingBlock(f), '');
  if (rsvp) lines.push(...rsvpBlock(rsvp.url, rsvp.validUntil), '');
  lines.push(...notesBlock(f), '');
  lines.push('Der Termin liegt als Kalendereintrag bei; Ihr Kalenderprogramm kann ihn direkt übernehmen.');
  if (change !== 'invitation') lines.push('Ein schon eingetragener Termin wird dabei aktualisiert.');
  lines.push('', 'Mit freundlichen Grüßen', f.signature, f.bodyName, ...footer(f.siteName));
  return { subject, text: lines.join('\n') };
}

/** Reminder to a member who has not answered yet. */
export function meetingReminderText(f: MeetingFacts, to: Salutation, rsvp: { url: string; validUntil: Date }): MailText {
  const lines = [
    greeting(to),
    '',
    `Sie haben auf die Einladung zur Sitzung des Gremiums „${f.bodyName}“ noch nicht geantwortet.`,
    '',
    ...meetingBlock(f),
    '',
    ...rsvpBlock(rsvp.url, rsvp.validUntil),
    '',
    ...notesBlock(f),
    '',
    'Mit freundlichen Grüßen',
    f.signature,
    f.bodyName,
    ...footer(f.siteName),
  ];
  return { subject: `Erinnerung: ${f.summary} am ${shortWhen(f.startsAt)} – bitte zu- oder absagen`, text: lines.join('\n') };
}

export interface ActionItemFacts {
  what: string;
  /** YYYY-MM-DD (Berlin). */
  dueDate: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  bodyName: string;
  tasksUrl: string;
  siteName: string;
}

/** Reminder to the person responsible for an open action item. */
export function actionItemReminderText(f: ActionItemFacts, to: Salutation): MailText {
  const firstLine = f.what.split('\n')[0];
  const short = firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
  const lines = [
    greeting(to),
    '',
    `diese Aufgabe aus der Sitzung „${f.meetingTitle}“ (${f.bodyName}, ${shortWhen(f.meetingStartsAt)}) ist am ${longDate(f.dueDate)} fällig:`,
    '',
    f.what,
    '',
    `Wenn sie erledigt ist, melden Sie das bitte in der Aufgabenübersicht: ${f.tasksUrl}`,
    '',
    'Mit freundlichen Grüßen',
    f.bodyName,
    ...footer(f.siteName),
  ];
  return { subject: `Erinnerung: Aufgabe fällig am ${longDate(f.dueDate)} – ${short}`, text: lines.join('\n') };
}

export interface CirculatedMinutesFacts {
  meetingTitle: string;
  bodyName: string;
  meetingStartsAt: Date;
  /** The login page that returns to the minutes (they are for members only). */
  loginUrl: string;
  /** The minutes page itself. */
  minutesUrl: string;
  /** Who signs: the chair's name, or the body's. */
  signature: string;
  siteName: string;
}

/** Minutes circulated to the members for reading (before they are approved in a later meeting). */
export function minutesCirculatedText(f: CirculatedMinutesFacts, to: Salutation): MailText {
  const day = formatLongDate(f.meetingStartsAt);
  const lines = [
    greeting(to),
    '',
    `das Protokoll der Sitzung „${f.meetingTitle}“ des Gremiums „${f.bodyName}“ vom ${day} liegt zur Durchsicht vor.`,
    'Es ist noch nicht genehmigt; genehmigt wird es in einer der nächsten Sitzungen. Hinweise und Korrekturwünsche bringen Sie bitte vorher ein.',
    '',
    `Sitzung: ${f.meetingTitle}`,
    `Gremium: ${f.bodyName}`,
    `Datum: ${day}`,
    '',
    'Das Protokoll ist nur für Mitglieder sichtbar. Bitte melden Sie sich mit Ihrem Zugang an, um es zu lesen:',
    f.loginUrl,
    '',
    `Bereits angemeldet? Dann direkt zum Protokoll: ${f.minutesUrl}`,
    'Wenn Sie noch keinen Zugang haben, wenden Sie sich bitte an die Geschäftsführung des Gremiums.',
    '',
    'Mit freundlichen Grüßen',
    f.signature,
    f.bodyName,
    ...footer(f.siteName),
  ];
  return { subject: `Protokoll zur Durchsicht: ${f.meetingTitle} (${f.bodyName}, ${formatShortDate(f.meetingStartsAt)})`, text: lines.join('\n') };
}

/** The one-time link to set a password (new account, or a new link for an existing one). */
export function setPasswordText(input: { siteName: string; url: string; expiresAt: Date; email: string; newAccount: boolean; to: Salutation | null }): MailText {
  const lines = [input.to ? greeting(input.to) : 'Guten Tag,', ''];
  if (input.newAccount) {
    lines.push(`für Sie wurde ein Zugang zu ${input.siteName} angelegt (Anmeldename: ${input.email}).`, '', 'Bitte legen Sie über diesen Link Ihr Passwort fest:');
  } else {
    lines.push(`für Ihren Zugang zu ${input.siteName} (${input.email}) wurde ein Link zum Festlegen eines neuen Passworts erstellt:`);
  }
  lines.push(
    input.url,
    '',
    `Der Link gilt bis ${shortWhen(input.expiresAt)} und nur für eine einzige Verwendung.`,
    'Wenn Sie diese Nachricht nicht erwartet haben, können Sie sie ignorieren; Ihr Zugang bleibt dann unverändert.',
    ...footer(input.siteName),
  );
  return { subject: input.newAccount ? `Ihr Zugang zu ${input.siteName}` : `Neues Passwort für ${input.siteName} festlegen`, text: lines.join('\n') };
}

/** What replaces a secret-bearing body once it is sent. */
export const SCRUBBED_BODY = '(Der Inhalt wurde nach dem Versand entfernt, weil er einen Link zum Passwortsetzen enthielt.)';

/** A member asks the coordinating office to change what only the administration may change on their entry. */
export function changeRequestText(input: { siteName: string; personName: string; personUrl: string; editUrl: string; message: string; from: string }): MailText {
  const lines = [
    'Guten Tag,',
    '',
    `${input.personName} (${input.from}) bittet um eine Änderung am eigenen Eintrag im Verzeichnis:`,
    '',
    ...input.message.split(/\r?\n/).map((l) => `> ${l}`),
    '',
    `Eintrag: ${input.personUrl}`,
    `Bearbeiten: ${input.editUrl}`,
    '',
    'Eine Antwort an diese Adresse erreicht das Mitglied direkt.',
    ...footer(input.siteName),
  ];
  return { subject: `Änderungswunsch: ${input.personName}`, text: lines.join('\n') };
}

/** To the new address: the link that confirms it. */
export function emailChangeConfirmText(input: { siteName: string; oldEmail: string; newEmail: string; url: string; expiresAt: Date }): MailText {
  const lines = [
    'Guten Tag,',
    '',
    `für Ihren Zugang zu ${input.siteName} (bisher ${input.oldEmail}) soll künftig diese Adresse gelten: ${input.newEmail}.`,
    'Bitte bestätigen Sie das über diesen Link:',
    input.url,
    '',
    `Der Link gilt bis ${shortWhen(input.expiresAt)} und nur einmal. Bis dahin bleibt die bisherige Adresse gültig.`,
    'Wenn Sie das nicht angefragt haben, ignorieren Sie diese Nachricht einfach.',
    ...footer(input.siteName),
  ];
  return { subject: `Neue E-Mail-Adresse für ${input.siteName} bestätigen`, text: lines.join('\n') };
}

/** To the old address: a change was asked for (nothing changes until the new address is confirmed). */
export function emailChangeNoticeText(input: { siteName: string; oldEmail: string; newEmail: string }): MailText {
  const lines = [
    'Guten Tag,',
    '',
    `für Ihren Zugang zu ${input.siteName} (${input.oldEmail}) wurde soeben die Änderung der E-Mail-Adresse auf ${input.newEmail} angefragt.`,
    'Die Änderung gilt erst, wenn sie über einen Link an die neue Adresse bestätigt wird.',
    '',
    'Waren Sie das nicht? Dann ändern Sie bitte sofort Ihr Passwort („Passwort vergessen“ auf der Anmeldeseite) und informieren Sie die Administration.',
    ...footer(input.siteName),
  ];
  return { subject: `Änderung Ihrer E-Mail-Adresse bei ${input.siteName}`, text: lines.join('\n') };
}

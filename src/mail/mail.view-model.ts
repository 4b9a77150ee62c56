import { formatDateTime } from '../common/dates.js';
import { personDisplayName } from '../people/person-name.js';
import type { RsvpResponse } from '../meetings/attendance.entity.js';
import { MAIL_KIND_LABELS, OUTBOX_STATUS_LABELS } from './mail-labels.js';
import { RSVP_RESPONSE_LABELS } from '../meetings/meeting-labels.js';
import { meetingWhen } from './mail-texts.js';
import { ERASED_ADDRESS, invitationKeyPrefix } from './mail.service.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { OUTBOX_STATUSES, type OutboxMail, type OutboxStatus } from './outbox-mail.entity.js';
import type { StatusCounts } from './outbox.service.js';
import type { RsvpContext } from './rsvp.service.js';

export interface MailRowView {
  id: number;
  created: string;
  kindLabel: string;
  recipient: string;
  address: string;
  subject: string;
  statusLabel: string;
  isFailed: boolean;
  isSent: boolean;
  /** "Versendet am …", "Versuch 2 fehlgeschlagen: … Nächster Versuch …", "Fehlgeschlagen: …". */
  detail: string;
  meetingTitle: string | null;
  meetingHref: string | null;
  emlHref: string | null;
  retryAction: string;
}

/** What one mail's status means, in a sentence. */
export function statusDetail(mail: OutboxMail): string {
  switch (mail.status) {
    case 'sent':
      return `Versendet am ${mail.sentAt ? formatDateTime(mail.sentAt) : '–'}${mail.deliveredVia === 'file' ? ' (in den Postausgang-Ordner)' : ''}.`;
    case 'failed':
      return `Nach ${mail.attempts} ${mail.attempts === 1 ? 'Versuch' : 'Versuchen'} aufgegeben. Grund: ${mail.lastError ?? 'unbekannt'}`;
    case 'sending':
      return `Versuch ${mail.attempts} läuft seit ${mail.claimedAt ? formatDateTime(mail.claimedAt) : '–'}.`;
    case 'queued':
      return mail.attempts === 0
        ? `Wird in Kürze gesendet.`
        : `Versuch ${mail.attempts} fehlgeschlagen: ${mail.lastError ?? 'unbekannt'} Nächster Versuch am ${formatDateTime(mail.nextAttemptAt)}.`;
  }
}

export function mailRow(mail: OutboxMail, retryBase: string): MailRowView {
  return {
    id: mail.id,
    created: formatDateTime(mail.createdAt),
    kindLabel: MAIL_KIND_LABELS[mail.kind],
    recipient: mail.person ? personDisplayName(mail.person) : (mail.toName ?? mail.toAddress),
    address: mail.toAddress,
    subject: mail.subject,
    statusLabel: OUTBOX_STATUS_LABELS[mail.status],
    isFailed: mail.status === 'failed' && mail.toAddress !== ERASED_ADDRESS,
    isSent: mail.status === 'sent',
    detail: statusDetail(mail),
    meetingTitle: mail.meeting ? mail.meeting.title : null,
    meetingHref: mail.meetingId !== null ? `/sitzungen/${mail.meetingId}` : null,
    emlHref: mail.deliveredVia === 'file' ? `/admin/postausgang/${mail.id}/eml` : null,
    retryAction: `${retryBase}/${mail.id}/erneut`,
  };
}

export interface CountView {
  label: string;
  count: number;
}

export function countsView(counts: StatusCounts): CountView[] {
  return OUTBOX_STATUSES.map((s) => ({ label: OUTBOX_STATUS_LABELS[s], count: counts[s] }));
}

export function statusOptions(selected: OutboxStatus | null): { value: string; label: string; selected: boolean }[] {
  return [{ value: '', label: 'Alle', selected: selected === null }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: OUTBOX_STATUS_LABELS[s], selected: s === selected }))];
}

/** ?status= read leniently: anything unknown means all. */
export function statusFilter(raw: unknown): OutboxStatus | null {
  return typeof raw === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(raw) ? (raw as OutboxStatus) : null;
}

export interface RsvpChoiceView {
  value: string;
  label: string;
  current: boolean;
}

export interface RsvpPageView {
  pageTitle: string;
  meetingTitle: string;
  bodyName: string;
  when: string;
  place: string | null;
  personName: string;
  currentAnswer: string;
  answered: boolean;
  closedReason: string | null;
  saved: string | null;
  error: string | null;
  action: string;
  choices: RsvpChoiceView[];
  meetingHref: string;
}

const CHOICE_LABELS: Record<Exclude<RsvpResponse, 'none'>, string> = {
  accepted: 'Ich komme (Zusage)',
  tentative: 'Ich komme vielleicht',
  declined: 'Ich komme nicht (Absage)',
};

export function rsvpPage(ctx: RsvpContext, token: string, place: string | null, saved: boolean, error: string | null = null): RsvpPageView {
  const response = ctx.attendance?.response ?? 'none';
  return {
    pageTitle: error ? 'Fehler: Antwort auf die Einladung' : 'Antwort auf die Einladung',
    meetingTitle: ctx.meeting.title,
    bodyName: ctx.meeting.body.name,
    when: meetingWhen(ctx.meeting.startsAt, ctx.meeting.endsAt),
    place,
    personName: personDisplayName(ctx.person),
    currentAnswer: RSVP_RESPONSE_LABELS[response],
    answered: response !== 'none',
    closedReason: ctx.closedReason,
    saved: saved && response !== 'none' ? `Vielen Dank! Ihre Antwort „${RSVP_RESPONSE_LABELS[response]}“ ist gespeichert.` : null,
    error,
    action: `/antwort/${token}`,
    choices: (['accepted', 'tentative', 'declined'] as const).map((value) => ({ value, label: CHOICE_LABELS[value], current: value === response })),
    meetingHref: `/sitzungen/${ctx.meeting.id}`,
  };
}

export interface InvitationResultView {
  queued: number;
  sent: number;
  waiting: number;
  failed: { recipient: string; reason: string }[];
  /** "Einladung an 4 Mitglieder vorgemerkt: 3 versendet, 1 wartet, keine fehlgeschlagen." */
  summary: string;
}

/** The mails of the meeting's latest invitation issue (queued, sent so far, failed with reason); null before the first. */
export function invitationResult(meeting: Pick<Meeting, 'id' | 'sequence' | 'invitedAt'>, mails: readonly OutboxMail[]): InvitationResultView | null {
  if (!meeting.invitedAt) return null;
  const prefix = invitationKeyPrefix(meeting);
  const issue = mails.filter((m) => m.dedupKey?.startsWith(prefix) === true);
  const sent = issue.filter((m) => m.status === 'sent').length;
  const failed = issue.filter((m) => m.status === 'failed').map((m) => ({ recipient: mailRow(m, '').recipient, reason: m.lastError ?? 'unbekannt' }));
  const waiting = issue.length - sent - failed.length;
  const members = issue.length === 1 ? '1 Mitglied' : `${issue.length} Mitglieder`;
  const failedText = failed.length === 0 ? 'keine fehlgeschlagen' : `${failed.length} fehlgeschlagen`;
  return {
    queued: issue.length,
    sent,
    waiting,
    failed,
    summary: `Einladung an ${members} vorgemerkt: ${sent} versendet, ${waiting} ${waiting === 1 ? 'wartet' : 'warten'} noch, ${failedText}.`,
  };
}

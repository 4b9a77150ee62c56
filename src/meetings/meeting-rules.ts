import { addDays, berlinDateOf, compareDates, germanDate, type LocalDate } from '../common/berlin-time.js';
import { DEFAULT_QUORUM_RULE, type QuorumRule, votesNeeded } from '../bodies/quorum.js';
import type { RsvpResponse } from './attendance.entity.js';
import type { MeetingState } from './meeting.entity.js';

/** What a calendar shows of a meeting; a change to any of these raises the iCalendar SEQUENCE. */
export interface CalendarRelevant {
  title: string;
  startsAt: Date;
  endsAt: Date;
  locationId: number | null;
  onlineLink: string | null;
  state: MeetingState;
}

export function calendarRelevantChange(before: CalendarRelevant, after: CalendarRelevant): boolean {
  return (
    before.title !== after.title ||
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.locationId !== after.locationId ||
    (before.onlineLink ?? null) !== (after.onlineLink ?? null) ||
    before.state !== after.state
  );
}

/** The sequence after a change: +1 when a calendar must see it, unchanged otherwise. */
export function nextSequence(sequence: number, before: CalendarRelevant, after: CalendarRelevant): number {
  return calendarRelevantChange(before, after) ? sequence + 1 : sequence;
}

export const MAX_MEETING_MINUTES = 24 * 60;

/** End after start and at most one day long; returns a German error or null. */
export function timeRangeError(startsAt: Date, endsAt: Date): string | null {
  if (endsAt.getTime() <= startsAt.getTime()) return 'Das Ende muss nach dem Beginn liegen.';
  if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_MINUTES * 60_000) return 'Eine Sitzung dauert höchstens 24 Stunden.';
  return null;
}

/** Whether the meeting may still be edited, postponed or cancelled; a German reason when not. */
export function changeBlockedReason(state: MeetingState): string | null {
  if (state === 'cancelled') return 'Die Sitzung ist abgesagt und kann nicht mehr geändert werden.';
  if (state === 'held') return 'Die Sitzung hat bereits stattgefunden und kann nicht mehr verschoben oder abgesagt werden.';
  return null;
}

export const MAX_CANCEL_REASON = 1000;

/** A cancel reason is required; returns the trimmed reason or a German error. */
export function validateCancelReason(raw: unknown): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason === '') return { ok: false, error: 'Bitte einen Grund für die Absage angeben.' };
  if (reason.length > MAX_CANCEL_REASON) return { ok: false, error: `Der Grund darf höchstens ${MAX_CANCEL_REASON} Zeichen lang sein.` };
  return { ok: true, reason };
}

/** The last Berlin calendar day on which the invitation meets the body's notice period. */
export function invitationDeadline(startsAt: Date, noticePeriodDays: number): LocalDate {
  return addDays(berlinDateOf(startsAt), -Math.max(0, noticePeriodDays));
}

/** A German warning when issuing the invitation now is later than the notice period allows, else null. */
export function noticePeriodWarning(startsAt: Date, noticePeriodDays: number, now: Date): string | null {
  if (noticePeriodDays <= 0) return null;
  const deadline = invitationDeadline(startsAt, noticePeriodDays);
  if (compareDates(berlinDateOf(now), deadline) <= 0) return null;
  return `Die Einladungsfrist von ${noticePeriodDays} Tagen ist nicht eingehalten: Die Einladung hätte bis zum ${germanDate(deadline)} verschickt werden müssen.`;
}

/** Only scheduled (or already invited, to re-issue after a change) meetings can be invited to. */
export function invitationBlockedReason(state: MeetingState): string | null {
  if (state === 'cancelled') return 'Zu einer abgesagten Sitzung kann nicht eingeladen werden.';
  if (state === 'held') return 'Die Sitzung hat bereits stattgefunden.';
  return null;
}

export interface VotingAnswer {
  response: RsvpResponse;
  hasDeputy: boolean;
}

export interface QuorumForecast {
  votingMembers: number;
  /** Votes needed: more than half of the voting members. */
  needed: number;
  /** Voting members who accepted, plus those who declined and sent a deputy. */
  expected: number;
  tentative: number;
  reached: boolean;
  /** Reached only if the tentative ones come as well. */
  reachableWithTentative: boolean;
}

/**
 * Voting members expected (in person or by deputy) against the votes needed under the body's quorum
 * rule (bodies/quorum.ts: the same rule the minutes record).
 */
export function quorumForecast(answers: readonly VotingAnswer[], rule: QuorumRule = DEFAULT_QUORUM_RULE): QuorumForecast {
  const votingMembers = answers.length;
  const needed = votesNeeded(rule, votingMembers);
  const expected = answers.filter((a) => a.response === 'accepted' || (a.response !== 'tentative' && a.hasDeputy)).length;
  const tentative = answers.filter((a) => a.response === 'tentative').length;
  return {
    votingMembers,
    needed,
    expected,
    tentative,
    reached: votingMembers > 0 && expected >= needed,
    reachableWithTentative: votingMembers > 0 && expected + tentative >= needed,
  };
}

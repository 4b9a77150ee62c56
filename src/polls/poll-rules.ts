import { addDays, berlinToUtc, isoDate, parseLocalDate } from '../common/berlin-time.js';
import { berlinDay, formatDateTime } from '../common/dates.js';
import { resolveMeetingTimes } from '../meetings/meeting-editor.service.js';
import type { RsvpResponse } from '../meetings/attendance.entity.js';
import type { PollAnswer, PollState } from './date-poll.entity.js';

export const MIN_SLOTS = 2;
export const MAX_SLOTS = 20;
/** Rows the new-poll form shows at first, and how many "Weitere Termine" adds. */
export const INITIAL_ROWS = 3;
export const ROWS_STEP = 3;

export const POLL_ANSWER_LABELS: Record<PollAnswer, string> = { yes: 'Ja', maybe: 'Wenn nötig', no: 'Nein' };
/** Text symbols beside the words: the matrix never tells by colour alone. */
export const POLL_ANSWER_SYMBOLS: Record<PollAnswer, string> = { yes: '✓', maybe: '(✓)', no: '✗' };
export const POLL_STATE_LABELS: Record<PollState, string> = { open: 'offen', closed: 'geschlossen', decided: 'entschieden' };

/** One row of the slot table as typed (strings); all four empty → the row is ignored. */
export interface SlotRowInput {
  date: string;
  start: string;
  end: string;
  locationId: string;
}

export interface CheckedSlot {
  /** Row number in the form (1-based), for messages. */
  row: number;
  startsAt: Date;
  endsAt: Date;
  locationId: number | null;
}

export const slotField = (kind: 'date' | 'start' | 'end' | 'place', row: number): string => `${kind}${row}`;

function isEmptyRow(r: SlotRowInput): boolean {
  return r.date.trim() === '' && r.start.trim() === '' && r.end.trim() === '' && r.locationId.trim() === '';
}

/**
 * Checks the candidate slots a chair typed: every filled row needs a valid Berlin date, start and
 * end (end after start), may not lie in the past and may not repeat another row; 2 to 20 slots.
 * Messages are German and belong to the row's fields ("date3", "end2" …).
 */
export function checkSlots(rows: readonly SlotRowInput[], knownLocationIds: ReadonlySet<number>, now: Date): { ok: true; slots: CheckedSlot[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const slots: CheckedSlot[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 1;
    if (isEmptyRow(r)) return;
    const times = resolveMeetingTimes({ date: r.date, startTime: r.start, endTime: r.end }, { date: slotField('date', row), startTime: slotField('start', row), endTime: slotField('end', row) });
    let locationId: number | null = null;
    if (r.locationId.trim() !== '') {
      const id = Number(r.locationId);
      if (!Number.isInteger(id) || !knownLocationIds.has(id)) errors[slotField('place', row)] = 'Diesen Ort gibt es nicht (mehr). Bitte einen Ort aus der Liste wählen.';
      else locationId = id;
    }
    if (!times.ok) {
      Object.assign(errors, times.errors);
      return;
    }
    const { startsAt, endsAt } = times.value;
    if (startsAt.getTime() <= now.getTime()) {
      errors[slotField('date', row)] = `Der Termin am ${formatDateTime(startsAt)} liegt in der Vergangenheit. Bitte einen künftigen Termin vorschlagen.`;
      return;
    }
    const key = `${startsAt.getTime()}-${endsAt.getTime()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors[slotField('date', row)] = `Dieser Termin steht schon in Zeile ${earlier}. Bitte jeden Termin nur einmal vorschlagen.`;
      return;
    }
    seen.set(key, row);
    slots.push({ row, startsAt, endsAt, locationId });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (slots.length < MIN_SLOTS) {
    const firstEmpty = rows.findIndex(isEmptyRow);
    return { ok: false, errors: { [slotField('date', firstEmpty >= 0 ? firstEmpty + 1 : 1)]: `Bitte mindestens ${MIN_SLOTS} Termine vorschlagen.` } };
  }
  if (slots.length > MAX_SLOTS) return { ok: false, errors: { [slotField('date', 1)]: `Höchstens ${MAX_SLOTS} Termine sind möglich.` } };
  return { ok: true, slots };
}

/**
 * The answer deadline: the end of the chosen Berlin day (answers until 24:00). It may not lie in the
 * past and not after the day of the earliest slot.
 */
export function checkDeadline(raw: string, slots: readonly CheckedSlot[], now: Date): { ok: true; deadline: Date } | { ok: false; error: string } {
  const day = parseLocalDate(raw);
  if (!day.ok) return { ok: false, error: day.error };
  const end = berlinToUtc(addDays(day.value, 1), { hour: 0, minute: 0 });
  if (!end.ok) return { ok: false, error: end.error };
  const deadline = end.value.instant;
  if (deadline.getTime() <= now.getTime()) return { ok: false, error: 'Die Antwortfrist liegt in der Vergangenheit. Bitte heute oder einen späteren Tag wählen.' };
  const earliest = Math.min(...slots.map((s) => s.startsAt.getTime()));
  // the last day for answers must be a Berlin day before the day of the first slot
  if (slots.length > 0 && isoDate(day.value) >= berlinDay(new Date(earliest))) {
    return { ok: false, error: 'Die Antwortfrist muss vor dem ersten vorgeschlagenen Termin enden.' };
  }
  return { ok: true, deadline };
}

/** Whether answers are still taken: open and the deadline not reached. */
export function pollAcceptsAnswers(poll: { state: PollState; deadline: Date }, now: Date): boolean {
  return poll.state === 'open' && poll.deadline.getTime() > now.getTime();
}

/** Why a poll takes no more answers (German), or null while it does. */
export function pollClosedReason(poll: { state: PollState; deadline: Date }, now: Date): string | null {
  if (poll.state === 'decided') return 'Die Terminumfrage ist abgeschlossen: der Termin steht fest. Antworten sind nicht mehr möglich.';
  if (poll.state === 'closed' || poll.deadline.getTime() <= now.getTime()) return 'Die Terminumfrage ist geschlossen. Antworten sind nicht mehr möglich.';
  return null;
}

/** The poll's state as the pages show it: an open poll past its deadline is closed. */
export function effectiveState(poll: { state: PollState; deadline: Date }, now: Date): PollState {
  return poll.state === 'open' && poll.deadline.getTime() <= now.getTime() ? 'closed' : poll.state;
}

/** A poll link stays valid (to read the outcome) until 30 days after the deadline. */
export function pollLinkValidUntil(deadline: Date): Date {
  return new Date(deadline.getTime() + 30 * 86_400_000);
}

/** How a poll answer counts in the meeting's quorum forecast (meetings/meeting-rules.ts quorumForecast). */
export function asRsvp(answer: PollAnswer | null): RsvpResponse {
  if (answer === 'yes') return 'accepted';
  if (answer === 'maybe') return 'tentative';
  if (answer === 'no') return 'declined';
  return 'none';
}

/** Parses "yes" | "maybe" | "no" | "" from a form; anything else → null (no answer). */
export function parseAnswer(raw: unknown): PollAnswer | null {
  return raw === 'yes' || raw === 'maybe' || raw === 'no' ? raw : null;
}

/** Days before the deadline on which members without an answer are reminded (once). */
export const POLL_REMINDER_DAYS = 2;

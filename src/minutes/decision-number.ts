import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';

/** Decisions are numbered per body and per calendar year of the meeting (Berlin time). */
export function decisionYear(meetingStartsAt: Date): number {
  return DateTime.fromJSDate(meetingStartsAt).setZone(ZONE).year;
}

/** The next running number after the last one handed out (none yet → 1). Deleted numbers stay used. */
export function nextDecisionSequence(lastSequence: number | null | undefined): number {
  return (lastSequence ?? 0) + 1;
}

/** "BB-2026-07": body code, year, running number with at least two digits. */
export function formatDecisionNumber(bodyCode: string, year: number, sequence: number): string {
  return `${bodyCode}-${year}-${String(sequence).padStart(2, '0')}`;
}

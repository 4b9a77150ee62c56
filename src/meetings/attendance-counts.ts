import type { RsvpResponse } from './attendance.entity.js';
import { RSVP_RESPONSE_LABELS } from './meeting-labels.js';
import type { AttendanceRow } from './meetings.service.js';

/** One line of the "Wer kommt?" counts: "Zugesagt: 5 (davon 4 stimmberechtigt)". */
export interface AnswerCount {
  response: RsvpResponse;
  label: string;
  /** Current members with this answer. */
  all: number;
  /** … of them with voting rights. */
  voting: number;
}

const ORDER: readonly RsvpResponse[] = ['accepted', 'tentative', 'declined', 'none'];

/** Counts per answer (zugesagt, vielleicht, abgesagt, keine Antwort) over the current members, voting members separately. */
export function answerCounts(rows: readonly AttendanceRow[]): AnswerCount[] {
  return ORDER.map((response) => {
    const matching = rows.filter((r) => (r.attendance?.response ?? 'none') === response);
    return { response, label: RSVP_RESPONSE_LABELS[response], all: matching.length, voting: matching.filter((r) => r.membership.votingRight).length };
  });
}

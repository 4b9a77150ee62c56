import type { Attended, RsvpResponse } from './attendance.entity.js';
import type { MeetingState } from './meeting.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  scheduled: 'Geplant',
  invited: 'Eingeladen',
  held: 'Hat stattgefunden',
  cancelled: 'Abgesagt',
};

export const RSVP_RESPONSE_LABELS: Record<RsvpResponse, string> = {
  accepted: 'Zugesagt',
  declined: 'Abgesagt',
  tentative: 'Vielleicht',
  none: 'Keine Antwort',
};

export const ATTENDED_LABELS: Record<Attended, string> = {
  yes: 'Anwesend',
  no: 'Nicht anwesend',
  excused: 'Entschuldigt',
};

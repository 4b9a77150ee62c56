import type { Location } from './location.entity.js';
import type { Meeting } from './meeting.entity.js';

/** One note to the participants of a meeting: "Barrierefreiheit: Stufenloser Zugang über den Hof". */
export interface ParticipantNote {
  label: string;
  text: string;
}

/**
 * The notes to participants an invitation carries — the invitation mails (src/mail/mail-texts.ts) and
 * the printable invitation letter (invitation-letter.ts) both print these, so the two never drift apart:
 * the place's accessibility notes, the meeting's own notes (description) and where the documents are.
 */
export function participantNotes(
  meeting: Pick<Meeting, 'description'> & { location: Pick<Location, 'accessibilityNotes'> | null },
  pageUrl: string,
): ParticipantNote[] {
  const notes: ParticipantNote[] = [];
  const accessibility = meeting.location?.accessibilityNotes?.trim();
  if (accessibility) notes.push({ label: 'Barrierefreiheit', text: accessibility });
  const description = meeting.description?.trim();
  if (description) notes.push({ label: 'Hinweise', text: description });
  notes.push({ label: 'Alle Angaben und Unterlagen zur Sitzung', text: pageUrl });
  return notes;
}

import type { Viewer } from '../auth/viewer.js';
import { canViewMeeting, seesInternalMeetings } from '../meetings/meeting-visibility.js';
import type { DocumentVisibility } from './document.entity.js';

export interface MeetingScope {
  isPublic: boolean;
  body: { isPublic: boolean };
}

/**
 * Who may see a document: whoever may see its meeting (the meeting rule, src/meetings), and for
 * anonymous visitors only a public document of a public agenda item (or a general one).
 */
export function canViewDocument(doc: { visibility: DocumentVisibility }, meeting: MeetingScope, item: { isPublic: boolean } | null, viewer: Viewer): boolean {
  if (!canViewMeeting(meeting, meeting.body, viewer)) return false;
  if (seesInternalMeetings(viewer)) return true;
  return doc.visibility === 'public' && (item === null || item.isPublic);
}

/** The visibility a new document starts with: members only for an internal meeting or agenda item, else public. */
export function defaultVisibility(meeting: MeetingScope, item: { isPublic: boolean } | null): DocumentVisibility {
  return meeting.isPublic && meeting.body.isPublic && (item === null || item.isPublic) ? 'public' : 'members';
}

import { isMember, type Viewer } from '../auth/viewer.js';

/**
 * Anonymous visitors see a meeting only when both the meeting and its body are public; members
 * see every meeting. An invisible meeting is indistinguishable from a missing one (404).
 */
export function canViewMeeting(meeting: { isPublic: boolean }, body: { isPublic: boolean }, viewer: Viewer): boolean {
  return isMember(viewer) || (meeting.isPublic && body.isPublic);
}

/**
 * canViewMeeting as SQL for hand-written reads and query builders: a condition on the `meetings` row
 * aliased `meeting` and its `bodies` row aliased `body` that holds exactly for the meetings an audience
 * sees (`includeInternal`: seesInternalMeetings of the viewer).
 */
export function visibleMeetingSql(meeting: string, body: string, includeInternal: boolean): string {
  return includeInternal ? '1 = 1' : `(${meeting}.is_public = TRUE AND ${body}.is_public = TRUE)`;
}

/** Whether internal meetings and internal agenda items are shown to this viewer. */
export function seesInternalMeetings(viewer: Viewer): boolean {
  return isMember(viewer);
}

/** The agenda items an audience may see: all of them, or only the public ones. */
export function agendaForAudience<T extends { isPublic: boolean }>(items: readonly T[], includeInternal: boolean): T[] {
  return includeInternal ? [...items] : items.filter((i) => i.isPublic);
}

/** The agenda items the viewer may see (internal items only for members). */
export function visibleAgendaItems<T extends { isPublic: boolean }>(items: readonly T[], viewer: Viewer): T[] {
  return agendaForAudience(items, seesInternalMeetings(viewer));
}

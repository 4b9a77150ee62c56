import type { MeetingState } from '../meetings/meeting.entity.js';
import type { MinutesStatus } from './minutes.entity.js';

/**
 * What a viewer may see of a set of minutes:
 * - 'all': everything (editors always; members once circulated);
 * - 'public-items': approved minutes of a public meeting for anonymous visitors — public agenda
 *   items only, as council information systems publish protocols;
 * - 'none': the minutes do not exist for this viewer (answered with 404).
 */
export type MinutesAccess = 'all' | 'public-items' | 'none';

export interface MinutesAccessInput {
  status: MinutesStatus;
  meetingIsPublic: boolean;
  bodyIsPublic: boolean;
  viewerIsMember: boolean;
  viewerIsEditor: boolean;
}

export function minutesAccess(i: MinutesAccessInput): MinutesAccess {
  if (i.viewerIsEditor) return 'all';
  if (i.status === 'draft') return 'none';
  if (i.viewerIsMember) return 'all';
  if (i.status === 'approved' && i.meetingIsPublic && i.bodyIsPublic) return 'public-items';
  return 'none';
}

/** Text, attendance, decisions and action items can be changed until the minutes are approved. */
export function isEditable(status: MinutesStatus): boolean {
  return status !== 'approved';
}

/** Why the minutes cannot be changed any more, or null. */
export function editBlockedReason(status: MinutesStatus): string | null {
  return isEditable(status)
    ? null
    : 'Das Protokoll ist genehmigt und kann nicht mehr geändert werden. Korrekturen sind nur als Berichtigung mit Begründung möglich.';
}

/** Minutes are written for meetings that took place (held), or that are over in time. */
export function minutesCreationBlockedReason(meeting: { state: MeetingState; startsAt: Date }, now: Date): string | null {
  if (meeting.state === 'cancelled') return 'Für eine abgesagte Sitzung wird kein Protokoll geschrieben.';
  if (meeting.state !== 'held' && meeting.startsAt.getTime() > now.getTime()) {
    return 'Die Sitzung hat noch nicht begonnen. Ein Protokoll kann erst ab Sitzungsbeginn angelegt werden.';
  }
  return null;
}

export type MinutesTransition = 'circulate' | 'withdraw' | 'approve';

export const TRANSITION_TARGET: Record<MinutesTransition, MinutesStatus> = {
  circulate: 'circulated',
  withdraw: 'draft',
  approve: 'approved',
};

/** draft → circulated → approved; circulated → draft (withdrawn for changes); approved is final. */
export function transitionError(from: MinutesStatus, transition: MinutesTransition): string | null {
  switch (transition) {
    case 'circulate':
      return from === 'draft' ? null : 'Nur ein Entwurf kann an die Mitglieder verschickt werden.';
    case 'withdraw':
      return from === 'circulated' ? null : 'Nur ein verschicktes, noch nicht genehmigtes Protokoll kann in den Entwurf zurückgenommen werden.';
    case 'approve':
      if (from === 'draft') return 'Das Protokoll muss zuerst an die Mitglieder verschickt werden, bevor es genehmigt werden kann.';
      return from === 'circulated' ? null : 'Das Protokoll ist bereits genehmigt.';
  }
}

export interface MeetingRef {
  id: number;
  bodyId: number;
  startsAt: Date;
  state: MeetingState;
}

/**
 * Minutes are approved in a later, not cancelled meeting of the same body that has begun (one cannot
 * record an approval in a meeting that has not taken place yet). The approval form offers exactly the
 * meetings for which this returns null.
 */
export function approvalMeetingError(minutesMeeting: MeetingRef, approving: MeetingRef | null, now: Date): string | null {
  if (!approving) return 'Bitte die Sitzung angeben, in der das Protokoll genehmigt wurde.';
  if (approving.id === minutesMeeting.id) return 'Ein Protokoll wird in einer späteren Sitzung genehmigt, nicht in derselben.';
  if (approving.bodyId !== minutesMeeting.bodyId) return 'Das Protokoll kann nur in einer Sitzung desselben Gremiums genehmigt werden.';
  if (approving.startsAt.getTime() <= minutesMeeting.startsAt.getTime()) return 'Die genehmigende Sitzung muss nach der protokollierten Sitzung liegen.';
  if (approving.state === 'cancelled') return 'In einer abgesagten Sitzung kann nichts genehmigt werden.';
  if (approving.startsAt.getTime() > now.getTime()) {
    return 'Diese Sitzung hat noch nicht stattgefunden. Ein Protokoll kann erst in einer Sitzung genehmigt werden, die bereits begonnen hat.';
  }
  return null;
}

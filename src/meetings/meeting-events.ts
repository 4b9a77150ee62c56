/**
 * The events meetings publishes inside its write transactions (DomainEvents, src/database). Higher
 * modules handle them in the same transaction — mail queues the iTIP mails — so meetings never
 * imports them.
 */

/** What happened to a meeting, as its invitees must learn it. */
export type MeetingChange = 'invitation' | 'update' | 'postponement' | 'cancellation';

export interface MeetingChanged {
  meetingId: number;
  change: MeetingChange;
  /** The moment of the change (the mails' DTSTAMP and queue time). */
  at: Date;
  /** A postponement that cleared the members' answers: the mail asks them to answer again. */
  answersReset?: boolean;
}

/** A meeting was saved; `wasPublic` is its own public flag before (publishing interfaces record unpublishing). */
export interface MeetingSaved {
  meetingId: number;
  wasPublic: boolean;
}

/** An agenda item was changed or removed (then it no longer exists); `wasPublic` is its flag before. */
export interface AgendaItemChanged {
  meetingId: number;
  itemId: number;
  wasPublic: boolean;
  createdAt: Date;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    /** A change invitees must hear of: published after the meeting (and its agenda) are written. */
    'meeting.changed': MeetingChanged;
    'meeting.saved': MeetingSaved;
    'agendaItem.changed': AgendaItemChanged;
  }
}

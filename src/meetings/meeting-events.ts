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

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    /** A change invitees must hear of: published after the meeting (and its agenda) are written. */
    'meeting.changed': MeetingChanged;
  }
}

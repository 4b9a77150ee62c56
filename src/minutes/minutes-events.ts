import type { Viewer } from '../auth/viewer.js';

/**
 * The events minutes publishes inside its write transactions (DomainEvents, src/database). Mail
 * handles 'minutes.circulated' in the same transaction and queues one mail per current member, so
 * minutes never imports mail.
 */

/** Who was told: filled in by the handlers (mail), read by minutes after publishing. */
export interface CirculationReceipt {
  /** Mails queued now. */
  notified: number;
  /** Members who had this mail already (circulated before, withdrawn and circulated again). */
  alreadyNotified: number;
  /** Current members without an e-mail address: they must be told another way. */
  withoutEmail: { personId: number; name: string }[];
}

export interface MinutesCirculated {
  minutesId: number;
  meetingId: number;
  /** The moment of circulating (queue time; "current members" are those of this Berlin day). */
  at: Date;
  receipt: CirculationReceipt;
}

/** Minutes were approved (status written, not yet committed): documents stores them as a PDF of the meeting. */
export interface MinutesApproved {
  minutesId: number;
  meetingId: number;
  at: Date;
  /** Who approved them (an editor of the body: reads the whole minutes). */
  viewer: Viewer;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'minutes.approved': MinutesApproved;
    /** Minutes were sent to the members for reading: published after the status is written. */
    'minutes.circulated': MinutesCirculated;
  }
}

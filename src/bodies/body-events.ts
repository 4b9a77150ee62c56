/**
 * The events bodies publishes inside its write transactions (DomainEvents, src/database); higher
 * modules handle them in the same transaction, so bodies never imports them.
 */

/** A body was saved or removed; `wasPublic`: it was public and not removed before the write. */
export interface BodySaved {
  bodyId: number;
  wasPublic: boolean;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'body.saved': BodySaved;
  }
}

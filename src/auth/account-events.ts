/**
 * The events auth publishes inside its write transactions (DomainEvents, src/database). Mail handles
 * them in the same transaction, so auth never imports mail.
 */

/** A one-time set-password link was issued; it goes out by mail with the write that stored it. */
export interface PasswordLinkIssued {
  account: { id: number; email: string; personId: number | null; lastLoginAt: Date | null; passwordChangedAt: Date | null };
  url: string;
  expiresAt: Date;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'account.password-link-issued': PasswordLinkIssued;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an RSVP link allows: answering for this one person and this one meeting, until `expiresAt`. */
export interface RsvpGrant {
  meetingId: number;
  personId: number;
  expiresAt: Date;
}

export type RsvpTokenCheck =
  | { ok: true; grant: RsvpGrant }
  /** malformed or forged: indistinguishable from a page that does not exist */
  | { ok: false; reason: 'invalid' }
  /** genuine but too old */
  | { ok: false; reason: 'expired'; grant: RsvpGrant };

const VERSION = 'r1';
const TOKEN_PATTERN = /^r1\.([1-9]\d{0,14})\.([1-9]\d{0,14})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * A signed RSVP token for a URL path: "r1.<meeting>.<person>.<expiry seconds>.<HMAC-SHA256>".
 * Nothing is stored; the HMAC with the server's secret makes it unforgeable, the expiry is inside.
 */
export function signRsvpToken(secret: string, grant: RsvpGrant): string {
  const payload = `${VERSION}.${grant.meetingId}.${grant.personId}.${Math.floor(grant.expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** Checks format, signature (in constant time) and expiry. Never throws. */
export function verifyRsvpToken(secret: string, token: unknown, now: Date = new Date()): RsvpTokenCheck {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'invalid' };
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const payload = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(match[4]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const grant: RsvpGrant = { meetingId: Number(match[1]), personId: Number(match[2]), expiresAt: new Date(Number(match[3]) * 1000) };
  if (grant.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', grant };
  return { ok: true, grant };
}

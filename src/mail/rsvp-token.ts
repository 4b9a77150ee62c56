import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an RSVP link allows: answering for this one person and this one meeting, until `expiresAt`. */
export interface RsvpGrant {
  meetingId: number;
  personId: number;
  expiresAt: Date;
}

/**
 * What a signed personal link allows, for any kind of link (RSVP, date poll …): acting for this one
 * person on this one subject (a meeting, a poll), until `expiresAt`.
 */
export interface LinkGrant {
  subjectId: number;
  personId: number;
  expiresAt: Date;
}

export type LinkTokenCheck<G> =
  | { ok: true; grant: G }
  /** malformed or forged: indistinguishable from a page that does not exist */
  | { ok: false; reason: 'invalid' }
  /** genuine but too old */
  | { ok: false; reason: 'expired'; grant: G };

export type RsvpTokenCheck = LinkTokenCheck<RsvpGrant>;

/** The kinds of signed links; the prefix is signed too, so a token of one kind never opens another. */
export type LinkKind = 'r1' | 'p1' | 'u1';

const TOKEN_PATTERN = /^([a-z]\d)\.([1-9]\d{0,14})\.([1-9]\d{0,14})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * A signed token for a URL path: "<kind>.<subject>.<person>.<expiry seconds>.<HMAC-SHA256>".
 * Nothing is stored; the HMAC with the server's secret makes it unforgeable, the expiry is inside.
 */
export function signLinkToken(secret: string, kind: LinkKind, grant: LinkGrant): string {
  const payload = `${kind}.${grant.subjectId}.${grant.personId}.${Math.floor(grant.expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** Checks kind, format, signature (in constant time) and expiry. Never throws. */
export function verifyLinkToken(secret: string, kind: LinkKind, token: unknown, now: Date = new Date()): LinkTokenCheck<LinkGrant> {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'invalid' };
  const match = TOKEN_PATTERN.exec(token);
  if (!match || match[1] !== kind) return { ok: false, reason: 'invalid' };
  const payload = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(match[5]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const grant: LinkGrant = { subjectId: Number(match[2]), personId: Number(match[3]), expiresAt: new Date(Number(match[4]) * 1000) };
  if (grant.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', grant };
  return { ok: true, grant };
}

/** A signed RSVP token: "r1.<meeting>.<person>.<expiry seconds>.<HMAC-SHA256>". */
export function signRsvpToken(secret: string, grant: RsvpGrant): string {
  return signLinkToken(secret, 'r1', { subjectId: grant.meetingId, personId: grant.personId, expiresAt: grant.expiresAt });
}

/** Checks format, signature (in constant time) and expiry. Never throws. */
export function verifyRsvpToken(secret: string, token: unknown, now: Date = new Date()): RsvpTokenCheck {
  const check = verifyLinkToken(secret, 'r1', token, now);
  if (!check.ok && check.reason === 'invalid') return check;
  const grant: RsvpGrant = { meetingId: check.grant.subjectId, personId: check.grant.personId, expiresAt: check.grant.expiresAt };
  return check.ok ? { ok: true, grant } : { ok: false, reason: 'expired', grant };
}

import { signRsvpToken, verifyRsvpToken } from './rsvp-token.js';

const SECRET = 'x'.repeat(48);
const NOW = new Date('2026-03-01T10:00:00Z');
const LATER = new Date('2026-04-01T10:00:00Z');

describe('RSVP tokens', () => {
  const token = signRsvpToken(SECRET, { meetingId: 12, personId: 345, expiresAt: LATER });

  it('round-trips meeting, person and expiry', () => {
    expect(verifyRsvpToken(SECRET, token, NOW)).toEqual({ ok: true, grant: { meetingId: 12, personId: 345, expiresAt: LATER } });
  });

  it('is URL-safe', () => {
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('reports an expired but genuine token as expired', () => {
    expect(verifyRsvpToken(SECRET, token, new Date(LATER.getTime() + 1000))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another secret', () => {
    expect(verifyRsvpToken('y'.repeat(48), token, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['another person', (t: string) => t.replace('.345.', '.346.')],
    ['another meeting', (t: string) => t.replace('r1.12.', 'r1.13.')],
    ['a later expiry', (t: string) => t.replace(/\.(\d+)\.([^.]+)$/, (_m, exp: string, sig: string) => `.${Number(exp) + 86400}.${sig}`)],
    ['a changed signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
  ])('rejects a token changed to %s', (_label, change) => {
    const forged = change(token);
    expect(forged).not.toBe(token);
    expect(verifyRsvpToken(SECRET, forged, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each(['', 'abc', 'r1.12.345', 'r1.0.1.1.xxx', `${token}.x`, 'r2' + token.slice(2), 'x'.repeat(500), '../../etc/passwd'])('rejects malformed %j', (bad) => {
    expect(verifyRsvpToken(SECRET, bad, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects values that are not strings', () => {
    expect(verifyRsvpToken(SECRET, ['a'], NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyRsvpToken(SECRET, undefined, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });
});

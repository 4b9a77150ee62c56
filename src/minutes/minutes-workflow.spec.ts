import { approvalMeetingError, editBlockedReason, minutesAccess, type MinutesAccessInput, minutesCreationBlockedReason, transitionError } from './minutes-workflow.js';

const base: MinutesAccessInput = { status: 'draft', meetingIsPublic: true, bodyIsPublic: true, viewerIsMember: false, viewerIsEditor: false };

describe('minutesAccess', () => {
  it.each([
    // status, member, editor, public meeting, public body → access
    ['draft', false, false, true, true, 'none'],
    ['draft', true, false, true, true, 'none'],
    ['draft', true, true, true, true, 'all'],
    ['circulated', false, false, true, true, 'none'],
    ['circulated', true, false, false, false, 'all'],
    ['approved', false, false, true, true, 'public-items'],
    ['approved', false, false, false, true, 'none'],
    ['approved', false, false, true, false, 'none'],
    ['approved', true, false, false, false, 'all'],
    ['approved', true, true, false, false, 'all'],
  ] as const)('%s, member=%s, editor=%s, public meeting=%s, public body=%s → %s', (status, member, editor, pm, pb, expected) => {
    expect(minutesAccess({ ...base, status, viewerIsMember: member, viewerIsEditor: editor, meetingIsPublic: pm, bodyIsPublic: pb })).toBe(expected);
  });
});

describe('transitions', () => {
  it('goes draft → circulated → approved', () => {
    expect(transitionError('draft', 'circulate')).toBeNull();
    expect(transitionError('circulated', 'approve')).toBeNull();
  });
  it('can take circulated minutes back to draft', () => {
    expect(transitionError('circulated', 'withdraw')).toBeNull();
  });
  it.each([
    ['draft', 'approve'],
    ['draft', 'withdraw'],
    ['circulated', 'circulate'],
    ['approved', 'approve'],
    ['approved', 'withdraw'],
    ['approved', 'circulate'],
  ] as const)('refuses %s → %s with a German reason', (from, t) => {
    expect(transitionError(from, t)).toMatch(/Protokoll|Entwurf/);
  });
  it('makes approved minutes read-only', () => {
    expect(editBlockedReason('approved')).toContain('Berichtigung');
    expect(editBlockedReason('draft')).toBeNull();
    expect(editBlockedReason('circulated')).toBeNull();
  });
});

describe('approvalMeetingError', () => {
  const m = { id: 1, bodyId: 7, startsAt: new Date('2026-03-01T17:00:00Z'), state: 'held' as const };
  const now = new Date('2026-06-01T12:00:00Z');
  it('accepts a later meeting of the same body that has begun', () => {
    expect(approvalMeetingError(m, { id: 2, bodyId: 7, startsAt: new Date('2026-05-01T16:00:00Z'), state: 'scheduled' }, now)).toBeNull();
    expect(approvalMeetingError(m, { id: 2, bodyId: 7, startsAt: now, state: 'invited' }, now)).toBeNull();
  });
  it.each([
    ['missing', null],
    ['the same meeting', { ...m }],
    ['another body', { id: 2, bodyId: 8, startsAt: new Date('2026-05-01T16:00:00Z'), state: 'held' as const }],
    ['an earlier meeting', { id: 2, bodyId: 7, startsAt: new Date('2026-02-01T16:00:00Z'), state: 'held' as const }],
    ['a cancelled meeting', { id: 2, bodyId: 7, startsAt: new Date('2026-05-01T16:00:00Z'), state: 'cancelled' as const }],
    ['a meeting that has not begun', { id: 2, bodyId: 7, startsAt: new Date('2026-06-01T12:00:01Z'), state: 'invited' as const }],
  ])('refuses %s', (_n, approving) => {
    expect(approvalMeetingError(m, approving, now)).not.toBeNull();
  });
});

describe('minutesCreationBlockedReason', () => {
  const now = new Date('2026-04-01T12:00:00Z');
  it('allows held and started meetings', () => {
    expect(minutesCreationBlockedReason({ state: 'held', startsAt: new Date('2026-05-01T12:00:00Z') }, now)).toBeNull();
    expect(minutesCreationBlockedReason({ state: 'invited', startsAt: new Date('2026-04-01T11:00:00Z') }, now)).toBeNull();
  });
  it('refuses cancelled and future meetings', () => {
    expect(minutesCreationBlockedReason({ state: 'cancelled', startsAt: new Date('2026-03-01T12:00:00Z') }, now)).toContain('abgesagt');
    expect(minutesCreationBlockedReason({ state: 'invited', startsAt: new Date('2026-04-02T12:00:00Z') }, now)).toContain('noch nicht');
  });
});

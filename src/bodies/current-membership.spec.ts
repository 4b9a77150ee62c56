import { currentMembershipSql, isCurrentMembership, membershipPeriod } from './current-membership.js';

describe('current membership (one definition)', () => {
  const today = '2026-03-29';
  it.each([
    [null, null, 'current'],
    [null, '2026-03-29', 'current'],
    [null, '2026-12-31', 'current'],
    [null, '2026-03-28', 'ended'], // ended yesterday
    [null, '2003-01-01', 'ended'],
    ['2026-03-29', null, 'current'], // starts today
    ['2026-03-30', null, 'upcoming'], // starts tomorrow
    ['2026-04-01', '2026-12-31', 'upcoming'], // starts next month
    ['2020-01-01', '2026-03-29', 'current'],
  ] as const)('start %p, end %p → %p', (startDate, endDate, expected) => {
    expect(membershipPeriod({ startDate, endDate }, today)).toBe(expected);
    expect(isCurrentMembership({ startDate, endDate }, today)).toBe(expected === 'current');
  });

  it('states the same rule in SQL, on column names, with a named day parameter', () => {
    expect(currentMembershipSql('m')).toBe('((m.start_date IS NULL OR m.start_date <= :today) AND (m.end_date IS NULL OR m.end_date >= :today))');
    expect(currentMembershipSql('ms', 'day')).toContain('ms.end_date >= :day');
  });
});

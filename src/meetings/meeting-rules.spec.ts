import {
  type CalendarRelevant,
  calendarRelevantChange,
  changeBlockedReason,
  invitationDeadline,
  nextSequence,
  noticePeriodWarning,
  quorumForecast,
  timeRangeError,
  validateCancelReason,
} from './meeting-rules.js';

const base: CalendarRelevant = {
  title: 'Sitzung des Begleitbeirats',
  startsAt: new Date('2026-03-26T17:00:00Z'),
  endsAt: new Date('2026-03-26T19:00:00Z'),
  locationId: 1,
  onlineLink: null,
  state: 'scheduled',
};

describe('sequence', () => {
  it.each<[string, Partial<CalendarRelevant>]>([
    ['time (postponed)', { startsAt: new Date('2026-03-30T16:00:00Z'), endsAt: new Date('2026-03-30T18:00:00Z') }],
    ['end time', { endsAt: new Date('2026-03-26T19:30:00Z') }],
    ['place', { locationId: 2 }],
    ['online link', { onlineLink: 'https://meet.example.org/bb' }],
    ['title', { title: 'Sondersitzung' }],
    ['state (cancelled)', { state: 'cancelled' }],
    ['state (invited)', { state: 'invited' }],
  ])('rises on a change of %s', (_label, change) => {
    expect(nextSequence(3, base, { ...base, ...change })).toBe(4);
  });

  it('stays when nothing a calendar shows changes', () => {
    expect(calendarRelevantChange(base, { ...base, startsAt: new Date(base.startsAt.getTime()) })).toBe(false);
    expect(nextSequence(3, base, { ...base })).toBe(3);
  });
});

describe('time range', () => {
  it('requires the end after the start and at most a day', () => {
    expect(timeRangeError(base.startsAt, base.startsAt)).toBe('Das Ende muss nach dem Beginn liegen.');
    expect(timeRangeError(base.endsAt, base.startsAt)).toBe('Das Ende muss nach dem Beginn liegen.');
    expect(timeRangeError(base.startsAt, new Date('2026-03-28T17:00:00Z'))).toMatch(/24 Stunden/);
    expect(timeRangeError(base.startsAt, base.endsAt)).toBeNull();
  });
});

describe('postpone and cancel', () => {
  it('blocks changes to cancelled and held meetings', () => {
    expect(changeBlockedReason('cancelled')).toMatch(/abgesagt/);
    expect(changeBlockedReason('held')).toMatch(/stattgefunden/);
    expect(changeBlockedReason('invited')).toBeNull();
  });
  it('requires a reason to cancel', () => {
    expect(validateCancelReason('  ')).toEqual({ ok: false, error: 'Bitte einen Grund für die Absage angeben.' });
    expect(validateCancelReason(' Krankheit ')).toEqual({ ok: true, reason: 'Krankheit' });
    expect(validateCancelReason('x'.repeat(1001)).ok).toBe(false);
  });
});

describe('invitation notice period', () => {
  const startsAt = new Date('2026-03-26T17:00:00Z');
  it('computes the deadline in Berlin days', () => {
    expect(invitationDeadline(startsAt, 14)).toEqual({ year: 2026, month: 3, day: 12 });
  });
  it('warns only when issued after the deadline', () => {
    expect(noticePeriodWarning(startsAt, 14, new Date('2026-03-12T22:30:00Z'))).toBeNull(); // 23:30 Berlin on the 12th
    expect(noticePeriodWarning(startsAt, 14, new Date('2026-03-12T23:30:00Z'))).toBe(
      'Die Einladungsfrist von 14 Tagen ist nicht eingehalten: Die Einladung hätte bis zum 12.03.2026 verschickt werden müssen.',
    );
    expect(noticePeriodWarning(startsAt, 0, new Date('2026-03-26T12:00:00Z'))).toBeNull();
  });
});

describe('memberships and quorum', () => {
  it('expects more than half of the voting members, deputies included', () => {
    const f = quorumForecast([
      { response: 'accepted', hasDeputy: false },
      { response: 'declined', hasDeputy: true },
      { response: 'declined', hasDeputy: false },
      { response: 'tentative', hasDeputy: false },
      { response: 'none', hasDeputy: false },
    ]);
    expect(f).toEqual({ votingMembers: 5, needed: 3, expected: 2, tentative: 1, reached: false, reachableWithTentative: true });
    expect(quorumForecast([{ response: 'accepted', hasDeputy: false }, { response: 'accepted', hasDeputy: false }]).reached).toBe(true);
    expect(quorumForecast([{ response: 'accepted', hasDeputy: false }, { response: 'none', hasDeputy: false }]).reached).toBe(false);
    expect(quorumForecast([]).reached).toBe(false);
    const threeQuarters = quorumForecast([{ response: 'accepted', hasDeputy: false }, { response: 'accepted', hasDeputy: false }, { response: 'declined', hasDeputy: false }], { kind: 'percent', value: 75 });
    expect(threeQuarters).toMatchObject({ needed: 3, expected: 2, reached: false });
  });
});

import { decisionYear, formatDecisionNumber, nextDecisionSequence } from './decision-number.js';
import { votesErrors, votesText } from './decision-votes.js';

describe('decision numbers', () => {
  it('formats body code, year and a two-digit running number', () => {
    expect(formatDecisionNumber('BB', 2026, 7)).toBe('BB-2026-07');
    expect(formatDecisionNumber('RTA', 2027, 123)).toBe('RTA-2027-123');
  });
  it('continues after the last number handed out, from 1 in a new year', () => {
    expect(nextDecisionSequence(null)).toBe(1);
    expect(nextDecisionSequence(6)).toBe(7);
  });
  it('uses the Berlin year of the meeting (New Year’s Eve evening in UTC is still the old year in Berlin only until 23:00 UTC)', () => {
    expect(decisionYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(decisionYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });
});

describe('votesErrors', () => {
  it('accepts counted and unanimous votes', () => {
    expect(votesErrors({ unanimous: false, yes: 7, no: 2, abstain: 1, result: 'adopted' })).toEqual({});
    expect(votesErrors({ unanimous: true, yes: null, no: null, abstain: null, result: 'adopted' })).toEqual({});
    expect(votesErrors({ unanimous: false, yes: 2, no: 5, abstain: 0, result: 'rejected' })).toEqual({});
    expect(votesErrors({ unanimous: false, yes: null, no: null, abstain: null, result: 'postponed' })).toEqual({});
  });
  it('needs all three numbers without "unanimous"', () => {
    expect(Object.keys(votesErrors({ unanimous: false, yes: null, no: null, abstain: null, result: 'adopted' })).sort()).toEqual(['votesAbstain', 'votesNo', 'votesYes']);
  });
  it('refuses an adopted decision with a tie or more no votes', () => {
    expect(votesErrors({ unanimous: false, yes: 4, no: 4, abstain: 0, result: 'adopted' }).result).toBeDefined();
  });
  it('refuses no votes or abstentions with "unanimous", and a rejected unanimous vote', () => {
    const e = votesErrors({ unanimous: true, yes: null, no: 1, abstain: 2, result: 'rejected' });
    expect(e.votesNo).toBeDefined();
    expect(e.votesAbstain).toBeDefined();
    expect(e.unanimous).toBeDefined();
  });
  it('refuses numbers for a postponed item', () => {
    expect(votesErrors({ unanimous: false, yes: 3, no: null, abstain: null, result: 'postponed' }).result).toBeDefined();
  });
  it('describes votes in German', () => {
    expect(votesText({ unanimous: true, yes: null, no: null, abstain: null })).toBe('einstimmig');
    expect(votesText({ unanimous: false, yes: 7, no: 2, abstain: 1 })).toBe('7 Ja, 2 Nein, 1 Enthaltung');
    expect(votesText({ unanimous: false, yes: 7, no: 0, abstain: 3 })).toBe('7 Ja, 0 Nein, 3 Enthaltungen');
    expect(votesText({ unanimous: false, yes: null, no: null, abstain: null })).toBe('ohne Abstimmung');
  });
});

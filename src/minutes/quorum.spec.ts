import { attendanceChoice, attendanceFields, guestListError, MAX_GUESTS, parseGuests } from './attendance-record.js';
import { computeQuorum, votesNeeded, type VotingSeat } from '../bodies/quorum.js';

const seat = (personId: number, attended: VotingSeat['attended'], deputyPersonId: number | null = null): VotingSeat => ({ personId, attended, deputyPersonId });

describe('computeQuorum', () => {
  it('needs more than half of the voting members by default', () => {
    expect(votesNeeded({ kind: 'more_than_half', value: null }, 10)).toBe(6);
    expect(votesNeeded({ kind: 'more_than_half', value: null }, 9)).toBe(5);
    const q = computeQuorum([seat(1, 'yes'), seat(2, 'yes'), seat(3, 'no'), seat(4, 'excused')]);
    expect(q).toMatchObject({ votingMembers: 4, present: 2, votes: 2, needed: 3, reached: false });
  });

  it('counts voting members represented by a deputy', () => {
    const q = computeQuorum([seat(1, 'yes'), seat(2, 'yes'), seat(3, 'excused', 99), seat(4, 'no')]);
    expect(q).toMatchObject({ present: 2, represented: 1, votes: 3, reached: true });
  });

  it('gives nobody two votes: a deputy who is a voting member, or represents twice, counts once', () => {
    const q = computeQuorum([seat(1, 'yes'), seat(2, 'excused', 1), seat(3, 'excused', 50), seat(4, 'excused', 50)]);
    expect(q).toMatchObject({ present: 1, represented: 1, votes: 2, needed: 3, reached: false });
  });

  it('ignores a deputy noted for someone who came in person', () => {
    expect(computeQuorum([seat(1, 'yes', 50)]).represented).toBe(0);
  });

  it('is never reached without voting members, and unrecorded members count as absent', () => {
    expect(computeQuorum([]).reached).toBe(false);
    expect(computeQuorum([seat(1, null), seat(2, null), seat(3, 'yes')]).reached).toBe(false);
  });

  it('applies other rules of procedure', () => {
    expect(votesNeeded({ kind: 'percent', value: 33 }, 10)).toBe(4);
    expect(votesNeeded({ kind: 'count', value: 5 }, 20)).toBe(5);
    expect(computeQuorum([seat(1, 'yes'), seat(2, 'no'), seat(3, 'no')], { kind: 'count', value: 1 }).reached).toBe(true);
    expect(computeQuorum([seat(1, 'yes')], { kind: 'percent', value: 50 }).ruleText).toContain('50 %');
  });
});

describe('attendance choices', () => {
  it('round-trips every choice through the Attendance columns', () => {
    for (const choice of ['present', 'excused', 'absent', 'represented'] as const) {
      const fields = attendanceFields(choice, 42);
      expect(attendanceChoice(fields)).toBe(choice);
    }
    expect(attendanceFields('present', 42).deputyPersonId).toBeNull();
    expect(attendanceChoice({ attended: null, deputyPersonId: null })).toBeNull();
  });

  it('reads guests one per line, in every script, without blanks and repeats', () => {
    expect(parseGuests('  Олена Шевченко \r\n\r\nمريم الحسيني\nOlena  Shevchenko\nОлена Шевченко\n Đặng Văn Minh')).toEqual([
      'Олена Шевченко',
      'مريم الحسيني',
      'Olena Shevchenko',
      'Đặng Văn Minh',
    ]);
  });

  it('limits the guest list to 100 names of at most 200 characters, with a German message that says so', () => {
    const names = (n: number): string => Array.from({ length: n }, (_, i) => `Gast ${i + 1}`).join('\n');
    expect(guestListError(names(MAX_GUESTS))).toBeNull();
    expect(guestListError(`${names(MAX_GUESTS)}\nGast 1`)).toBeNull(); // a repeat is not a new guest
    expect(guestListError(names(MAX_GUESTS + 1))).toBe('Höchstens 100 Gäste (eingegeben: 101).');
    expect(guestListError(`Ада\n${'Я'.repeat(201)}`)).toMatch(/^Ein Name darf höchstens 200 Zeichen lang sein/);
    expect(guestListError(`${'ß'.repeat(200)}`)).toBeNull();
  });
});

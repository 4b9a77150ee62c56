import { isoDate } from '../common/berlin-time.js';
import { expandSeries, nthWeekdayOfMonth } from './series.js';

const d = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};

describe('nthWeekdayOfMonth', () => {
  it('finds the second Tuesday, the first Wednesday and the last Friday', () => {
    expect(isoDate(nthWeekdayOfMonth(2026, 3, 2, 2))).toBe('2026-03-10');
    expect(isoDate(nthWeekdayOfMonth(2026, 4, 1, 3))).toBe('2026-04-01');
    expect(isoDate(nthWeekdayOfMonth(2026, 7, 1, 3))).toBe('2026-07-01');
    expect(isoDate(nthWeekdayOfMonth(2026, 10, 1, 3))).toBe('2026-10-07');
    expect(isoDate(nthWeekdayOfMonth(2026, 2, -1, 5))).toBe('2026-02-27');
  });
});

describe('expandSeries', () => {
  it('every second Tuesday of the month, 4 times, starting mid-month', () => {
    const r = expandSeries(d('2026-03-11'), { kind: 'monthly', intervalMonths: 1, ordinal: 2, weekday: 2 }, { kind: 'count', count: 4 });
    expect(r.ok && r.dates.map(isoDate)).toEqual(['2026-04-14', '2026-05-12', '2026-06-09', '2026-07-14']);
  });

  it('quarterly on the first Wednesday until a date (inclusive)', () => {
    const r = expandSeries(d('2026-01-01'), { kind: 'monthly', intervalMonths: 3, ordinal: 1, weekday: 3 }, { kind: 'until', until: d('2026-10-07') });
    expect(r.ok && r.dates.map(isoDate)).toEqual(['2026-01-07', '2026-04-01', '2026-07-01', '2026-10-07']);
  });

  it('weekly and fortnightly across the DST switch keep the weekday', () => {
    const r = expandSeries(d('2026-03-19'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'count', count: 3 });
    expect(r.ok && r.dates.map(isoDate)).toEqual(['2026-03-19', '2026-03-26', '2026-04-02']);
    const f = expandSeries(d('2026-12-24'), { kind: 'weekly', intervalWeeks: 2 }, { kind: 'until', until: d('2027-01-21') });
    expect(f.ok && f.dates.map(isoDate)).toEqual(['2026-12-24', '2027-01-07', '2027-01-21']);
  });

  it.each([0, 101, 1000, -3, 2.5])('rejects %p occurrences with a German message', (count) => {
    const r = expandSeries(d('2026-01-01'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'count', count });
    expect(r).toEqual({ ok: false, field: 'count', error: 'Eine Serie umfasst mindestens 1 und höchstens 100 Termine.' });
  });

  it('accepts exactly 1 and exactly 100 occurrences', () => {
    const one = expandSeries(d('2026-01-01'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'count', count: 1 });
    const hundred = expandSeries(d('2026-01-01'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'count', count: 100 });
    expect(one.ok && one.dates).toHaveLength(1);
    expect(hundred.ok && hundred.dates).toHaveLength(100);
  });

  it('rejects an end date giving more than 100 or no occurrence, or lying before the start', () => {
    const tooMany = expandSeries(d('2026-01-01'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'until', until: d('2030-01-01') });
    expect(tooMany.ok === false && tooMany.field === 'until' && tooMany.error).toMatch(/mehr als 100/);
    const none = expandSeries(d('2026-03-11'), { kind: 'monthly', intervalMonths: 1, ordinal: 2, weekday: 2 }, { kind: 'until', until: d('2026-03-31') });
    expect(none.ok === false && none.field === 'until' && none.error).toMatch(/keinen Termin/);
    const before = expandSeries(d('2026-03-11'), { kind: 'weekly', intervalWeeks: 1 }, { kind: 'until', until: d('2026-03-01') });
    expect(before).toMatchObject({ ok: false, field: 'until' });
  });

  it('rejects bad intervals', () => {
    expect(expandSeries(d('2026-01-01'), { kind: 'weekly', intervalWeeks: 0 }, { kind: 'count', count: 3 })).toMatchObject({ ok: false, field: 'rule' });
    expect(expandSeries(d('2026-01-01'), { kind: 'monthly', intervalMonths: 1, ordinal: 1, weekday: 9 }, { kind: 'count', count: 3 })).toMatchObject({ ok: false, field: 'rule' });
  });
});

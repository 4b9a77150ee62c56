import { isoDate } from '../common/berlin-time.js';
import { GERMAN_STATE_CODES } from '../config/german-states.js';
import { holidayOn, publicHolidays } from './holidays.js';

describe('the holidays that depend on Easter', () => {
  it.each([
    [2008, '2008-03-21', '2008-03-24', '2008-05-01', '2008-05-12'],
    [2011, '2011-04-22', '2011-04-25', '2011-06-02', '2011-06-13'],
    [2025, '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-05'],
    [2038, '2038-04-23', '2038-04-26', '2038-06-03', '2038-06-14'],
  ])('%i: Karfreitag, Ostermontag, Himmelfahrt, Pfingstmontag (in every state)', (year, karfreitag, ostermontag, himmelfahrt, pfingstmontag) => {
    for (const region of GERMAN_STATE_CODES) {
      const byName = new Map(publicHolidays(year, region).map((h) => [h.name, isoDate(h.date)]));
      expect([byName.get('Karfreitag'), byName.get('Ostermontag'), byName.get('Christi Himmelfahrt'), byName.get('Pfingstmontag')]).toEqual([karfreitag, ostermontag, himmelfahrt, pfingstmontag]);
    }
  });
});

describe('public holidays in Mecklenburg-Vorpommern', () => {
  it('include Frauentag (since 2023) and Reformationstag', () => {
    expect(holidayOn({ year: 2026, month: 3, day: 8 }, 'MV')).toBe('Internationaler Frauentag');
    expect(holidayOn({ year: 2023, month: 3, day: 8 }, 'MV')).toBe('Internationaler Frauentag');
    expect(holidayOn({ year: 2022, month: 3, day: 8 }, 'MV')).toBeNull();
    expect(holidayOn({ year: 2026, month: 10, day: 31 }, 'MV')).toBe('Reformationstag');
    expect(holidayOn({ year: 2031, month: 10, day: 3 }, 'MV')).toBe('Tag der Deutschen Einheit');
    expect(holidayOn({ year: 2026, month: 1, day: 1 }, 'MV')).toBe('Neujahr');
  });

  it('know no holiday on ordinary days or on holidays of other states', () => {
    expect(holidayOn({ year: 2026, month: 3, day: 26 }, 'MV')).toBeNull();
    expect(holidayOn({ year: 2026, month: 1, day: 6 }, 'MV')).toBeNull(); // Heilige Drei Könige: not in M-V
    expect(holidayOn({ year: 2026, month: 11, day: 1 }, 'MV')).toBeNull(); // Allerheiligen: not in M-V
    expect(holidayOn({ year: 2026, month: 6, day: 4 }, 'MV')).toBeNull(); // Fronleichnam: not in M-V
  });

  it('are eleven a year from 2023 on, in date order', () => {
    const list = publicHolidays(2030, 'MV');
    expect(list).toHaveLength(11);
    expect(list[0].name).toBe('Neujahr');
    expect(list[list.length - 1].name).toBe('2. Weihnachtstag');
    expect(list.map((h) => isoDate(h.date))).toEqual(list.map((h) => isoDate(h.date)).sort());
  });
});

describe('public holidays of other states', () => {
  it('Bayern has Fronleichnam, Heilige Drei Könige and Allerheiligen, but not Reformationstag or Frauentag', () => {
    expect(holidayOn({ year: 2026, month: 6, day: 4 }, 'BY')).toBe('Fronleichnam');
    expect(holidayOn({ year: 2026, month: 1, day: 6 }, 'BY')).toBe('Heilige Drei Könige');
    expect(holidayOn({ year: 2026, month: 11, day: 1 }, 'BY')).toBe('Allerheiligen');
    expect(holidayOn({ year: 2026, month: 10, day: 31 }, 'BY')).toBeNull();
    expect(holidayOn({ year: 2026, month: 3, day: 8 }, 'BY')).toBeNull();
  });

  it('Sachsen has Buß- und Bettag; every state has Christmas and the Day of German Unity', () => {
    expect(holidayOn({ year: 2026, month: 11, day: 18 }, 'SN')).toBe('Buß- und Bettag');
    for (const region of GERMAN_STATE_CODES) {
      expect(holidayOn({ year: 2026, month: 10, day: 3 }, region)).toBe('Tag der Deutschen Einheit');
      expect(holidayOn({ year: 2026, month: 12, day: 25 }, region)).toBe('1. Weihnachtstag');
    }
  });
});

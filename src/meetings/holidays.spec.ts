import { easterSunday, holidayOn, publicHolidaysMV } from './holidays.js';

describe('Easter and the holidays that depend on it', () => {
  it.each([
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2038, 4, 25],
  ])('Easter Sunday %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });

  it.each([
    [2025, '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-05'],
  ])('%i: Karfreitag, Ostermontag, Himmelfahrt, Pfingstmontag', (year, karfreitag, ostermontag, himmelfahrt, pfingstmontag) => {
    const byName = new Map(publicHolidaysMV(year).map((h) => [h.name, h.date]));
    const iso = (name: string): string => {
      const d = byName.get(name);
      return d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : '';
    };
    expect(iso('Karfreitag')).toBe(karfreitag);
    expect(iso('Ostermontag')).toBe(ostermontag);
    expect(iso('Christi Himmelfahrt')).toBe(himmelfahrt);
    expect(iso('Pfingstmontag')).toBe(pfingstmontag);
  });
});

describe('public holidays in Mecklenburg-Vorpommern', () => {
  it('include Frauentag (since 2023) and Reformationstag', () => {
    expect(holidayOn({ year: 2026, month: 3, day: 8 })).toBe('Internationaler Frauentag');
    expect(holidayOn({ year: 2022, month: 3, day: 8 })).toBeNull();
    expect(holidayOn({ year: 2026, month: 10, day: 31 })).toBe('Reformationstag');
    expect(holidayOn({ year: 2031, month: 10, day: 3 })).toBe('Tag der Deutschen Einheit');
  });

  it('know no holiday on ordinary days or on holidays of other states', () => {
    expect(holidayOn({ year: 2026, month: 3, day: 26 })).toBeNull();
    expect(holidayOn({ year: 2026, month: 1, day: 6 })).toBeNull(); // Heilige Drei Könige: not in M-V
    expect(holidayOn({ year: 2026, month: 11, day: 1 })).toBeNull(); // Allerheiligen: not in M-V
    expect(holidayOn({ year: 2026, month: 6, day: 4 })).toBeNull(); // Fronleichnam: not in M-V
  });

  it('are eleven a year from 2023 on, in date order', () => {
    const list = publicHolidaysMV(2030);
    expect(list).toHaveLength(11);
    expect(list[0].name).toBe('Neujahr');
    expect(list[list.length - 1].name).toBe('2. Weihnachtstag');
  });
});

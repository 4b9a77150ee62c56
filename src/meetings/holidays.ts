import { addDays, isoDate, type LocalDate } from '../common/berlin-time.js';

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The International Women's Day has been a public holiday in Mecklenburg-Vorpommern since 2023. */
const FRAUENTAG_SINCE = 2023;

/** Statutory public holidays in Mecklenburg-Vorpommern for one year, in date order. */
export function publicHolidaysMV(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({ date: { year, month, day }, name });
  const fromEaster = (days: number, name: string): PublicHoliday => ({ date: addDays(easter, days), name });
  const list: PublicHoliday[] = [
    fixed(1, 1, 'Neujahr'),
    fromEaster(-2, 'Karfreitag'),
    fromEaster(1, 'Ostermontag'),
    fixed(5, 1, 'Tag der Arbeit'),
    fromEaster(39, 'Christi Himmelfahrt'),
    fromEaster(50, 'Pfingstmontag'),
    fixed(10, 3, 'Tag der Deutschen Einheit'),
    fixed(10, 31, 'Reformationstag'),
    fixed(12, 25, '1. Weihnachtstag'),
    fixed(12, 26, '2. Weihnachtstag'),
  ];
  if (year >= FRAUENTAG_SINCE) list.push(fixed(3, 8, 'Internationaler Frauentag'));
  return list.sort((a, b) => (isoDate(a.date) < isoDate(b.date) ? -1 : 1));
}

/** The name of the public holiday in Mecklenburg-Vorpommern on that date, or null. */
export function holidayOn(date: LocalDate): string | null {
  const key = isoDate(date);
  return publicHolidaysMV(date.year).find((h) => isoDate(h.date) === key)?.name ?? null;
}

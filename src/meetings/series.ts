import { addDays, compareDates, germanDate, type LocalDate, weekdayOf } from '../common/berlin-time.js';

export const MAX_SERIES_OCCURRENCES = 100;

/** Every n weeks on the start date's weekday, or the n-th (or last) weekday of every k-th month. */
export type SeriesRule =
  | { kind: 'weekly'; intervalWeeks: number }
  | { kind: 'monthly'; intervalMonths: number; ordinal: 1 | 2 | 3 | 4 | -1; weekday: number };

export type SeriesEnd = { kind: 'count'; count: number } | { kind: 'until'; until: LocalDate };

export type SeriesResult = { ok: true; dates: LocalDate[] } | { ok: false; field: 'count' | 'until' | 'rule'; error: string };

export const WEEKDAY_NAMES = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'] as const;
export const ORDINAL_NAMES: Record<string, string> = { '1': 'ersten', '2': 'zweiten', '3': 'dritten', '4': 'vierten', '-1': 'letzten' };

/** The n-th (1–4) or last (−1) given ISO weekday of a month. */
export function nthWeekdayOfMonth(year: number, month: number, ordinal: number, weekday: number): LocalDate {
  if (ordinal === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const lastDay: LocalDate = { year, month, day: last.getUTCDate() };
    const back = (weekdayOf(lastDay) - weekday + 7) % 7;
    return addDays(lastDay, -back);
  }
  const first: LocalDate = { year, month, day: 1 };
  const forward = (weekday - weekdayOf(first) + 7) % 7;
  return addDays(first, forward + (ordinal - 1) * 7);
}

function validInterval(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 12;
}

/**
 * The dates of a series, starting on or after `start`. Each becomes an ordinary meeting.
 * 1 to 100 occurrences; anything else is a German error naming the field.
 */
export function expandSeries(start: LocalDate, rule: SeriesRule, end: SeriesEnd): SeriesResult {
  if (rule.kind === 'weekly' && !validInterval(rule.intervalWeeks)) {
    return { ok: false, field: 'rule', error: 'Der Abstand muss zwischen 1 und 12 Wochen liegen.' };
  }
  if (rule.kind === 'monthly') {
    if (!validInterval(rule.intervalMonths)) return { ok: false, field: 'rule', error: 'Der Abstand muss zwischen 1 und 12 Monaten liegen.' };
    if (![1, 2, 3, 4, -1].includes(rule.ordinal) || !Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      return { ok: false, field: 'rule', error: 'Bitte Wochentag und Woche im Monat auswählen.' };
    }
  }
  if (end.kind === 'count' && (!Number.isInteger(end.count) || end.count < 1 || end.count > MAX_SERIES_OCCURRENCES)) {
    return { ok: false, field: 'count', error: `Eine Serie umfasst mindestens 1 und höchstens ${MAX_SERIES_OCCURRENCES} Termine.` };
  }
  if (end.kind === 'until' && compareDates(end.until, start) < 0) {
    return { ok: false, field: 'until', error: 'Das Enddatum der Serie liegt vor dem ersten Termin.' };
  }
  const limit = end.kind === 'count' ? end.count : MAX_SERIES_OCCURRENCES + 1;
  const dates: LocalDate[] = [];
  const within = (d: LocalDate): boolean => end.kind === 'count' || compareDates(d, end.until) <= 0;

  if (rule.kind === 'weekly') {
    let d = start;
    while (dates.length < limit && within(d)) {
      dates.push(d);
      d = addDays(d, 7 * rule.intervalWeeks);
    }
  } else {
    let monthIndex = start.year * 12 + (start.month - 1);
    // guard: the loop advances at least one month per round and stops far beyond any sane range
    for (let rounds = 0; dates.length < limit && rounds < 2000; rounds++) {
      const d = nthWeekdayOfMonth(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, rule.ordinal, rule.weekday);
      monthIndex += rule.intervalMonths;
      if (compareDates(d, start) < 0) continue;
      if (!within(d)) break;
      dates.push(d);
    }
  }

  if (dates.length === 0) {
    return { ok: false, field: 'until', error: `Bis zum ${germanDate(end.kind === 'until' ? end.until : start)} ergibt die Regel keinen Termin. Bitte ein späteres Enddatum wählen.` };
  }
  if (dates.length > MAX_SERIES_OCCURRENCES) {
    return {
      ok: false,
      field: 'until',
      error: `Bis zu diesem Enddatum ergäbe die Regel mehr als ${MAX_SERIES_OCCURRENCES} Termine. Eine Serie umfasst höchstens ${MAX_SERIES_OCCURRENCES} Termine; bitte ein früheres Enddatum wählen.`,
    };
  }
  return { ok: true, dates };
}

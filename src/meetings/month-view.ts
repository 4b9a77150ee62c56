import { DateTime } from 'luxon';
import { berlinDay, ZONE } from '../common/dates.js';
import { queryString } from '../common/http/pagination.js';
import { isoDate, type LocalDate } from '../common/berlin-time.js';
import type { GermanState } from '../config/german-states.js';
import { holidayOn } from './holidays.js';
import type { Meeting } from './meeting.entity.js';
import { WEEKDAY_NAMES } from './series.js';

export interface YearMonth {
  year: number;
  month: number;
}

/** "2026-03" → { year: 2026, month: 3 }; anything else → null. */
export function parseYearMonth(raw: unknown): YearMonth | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1990 || year > 2200 || month < 1 || month > 12) return null;
  return { year, month };
}

export function formatYearMonth(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

/** The month's first instant and the next month's first instant (Berlin midnight, as UTC). */
export function monthRange(ym: YearMonth): { from: Date; to: Date } {
  const start = DateTime.fromObject({ year: ym.year, month: ym.month, day: 1 }, { zone: ZONE });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

export function shiftMonth(ym: YearMonth, by: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export interface DayCell {
  day: number | null;
  label: string;
  isToday: boolean;
  holiday: string | null;
  meetings: { href: string; title: string; time: string; cancelled: boolean }[];
}

export interface MonthView {
  caption: string;
  weekdays: { short: string; long: string }[];
  weeks: { days: DayCell[] }[];
  previousHref: string;
  nextHref: string;
  currentHref: string;
}

/** A Monday-first month grid with the meetings on their Berlin start day and the public holidays of the region. */
export function monthView(ym: YearMonth, meetings: readonly Meeting[], today: LocalDate, region: GermanState, bodyId?: number): MonthView {
  const first = DateTime.fromObject({ year: ym.year, month: ym.month, day: 1 }, { zone: ZONE }).setLocale('de');
  const byDay = new Map<string, Meeting[]>();
  for (const m of meetings) {
    const key = berlinDay(m.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), m]);
  }
  const cells: DayCell[] = [];
  for (let i = 1; i < first.weekday; i++) cells.push({ day: null, label: '', isToday: false, holiday: null, meetings: [] });
  for (let day = 1; day <= (first.daysInMonth ?? 31); day++) {
    const date: LocalDate = { year: ym.year, month: ym.month, day };
    const dt = first.set({ day });
    cells.push({
      day,
      label: dt.toFormat('cccc, d. MMMM'),
      isToday: isoDate(date) === isoDate(today),
      holiday: holidayOn(date, region),
      meetings: (byDay.get(isoDate(date)) ?? []).map((m) => ({
        href: `/sitzungen/${m.id}`,
        title: m.title.includes(m.body.shortName ?? m.body.name) ? m.title : `${m.body.shortName ?? m.body.name}: ${m.title}`,
        time: DateTime.fromJSDate(m.startsAt).setZone(ZONE).toFormat('HH:mm'),
        cancelled: m.state === 'cancelled',
      })),
    });
  }
  while (cells.length % 7 !== 0) cells.push({ day: null, label: '', isToday: false, holiday: null, meetings: [] });
  const weeks: { days: DayCell[] }[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push({ days: cells.slice(i, i + 7) });
  const href = (target: YearMonth): string => `/sitzungen/monat/${formatYearMonth(target)}${queryString({ gremium: bodyId })}`;
  const now = { year: today.year, month: today.month };
  return {
    caption: first.toFormat('MMMM yyyy'),
    weekdays: WEEKDAY_NAMES.map((long) => ({ short: long.slice(0, 2), long })),
    weeks,
    previousHref: href(shiftMonth(ym, -1)),
    nextHref: href(shiftMonth(ym, 1)),
    currentHref: href(now),
  };
}

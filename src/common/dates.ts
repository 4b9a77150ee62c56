import { DateTime } from 'luxon';

export const ZONE = 'Europe/Berlin';

/*
 * Dates as pages show them. These run for every date on every rendered page (a search page with meetings
 * and decisions, a body page with its memberships), so they read the Berlin wall clock with one cached
 * Intl formatter (the time zone rules of the ICU data Node ships) and put the German words together
 * themselves: 1–6 µs a date, where luxon's `setLocale('de').toFormat(…)` took 50–110 µs. dates.spec.ts
 * checks them against luxon hour by hour across daylight-saving changes; anything they cannot read
 * (an invalid date, a year outside 1000–9999) goes the luxon way as before.
 */

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];

/** A Berlin wall-clock reading of an instant. */
export interface BerlinWallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WALL_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The Berlin wall clock at `instant`, or null for an invalid date or a year outside 1000–9999. */
export function berlinWallClock(instant: Date): BerlinWallClock | null {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return null;
  const clock: BerlinWallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of WALL_CLOCK.formatToParts(ms)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') clock[part.type] = Number(part.value);
  }
  return clock.year >= 1000 && clock.year <= 9999 ? clock : null;
}

/** "Donnerstag" for a calendar date. */
function weekdayOf(year: number, month: number, day: number): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
}

const berlin = (instant: Date): DateTime => DateTime.fromJSDate(instant).setZone(ZONE).setLocale('de');

/** "2016-03-01" → "1. März 2016". */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  // a real calendar day (not 30 February), else as luxon shows it
  const real = year >= 1000 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
  if (!real) return DateTime.fromISO(iso, { zone: ZONE }).setLocale('de').toFormat('d. MMMM yyyy');
  return `${day}. ${MONTHS[month - 1]} ${year}`;
}

/** A stored UTC instant shown in Berlin time: "26.03.2026, 18:00 Uhr". */
export function formatDateTime(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c) return berlin(instant).toFormat("dd.MM.yyyy, HH:mm 'Uhr'");
  return `${pad2(c.day)}.${pad2(c.month)}.${c.year}, ${pad2(c.hour)}:${pad2(c.minute)} Uhr`;
}

/** "26.03.2026" (Berlin). */
export function formatShortDate(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c) return berlin(instant).toFormat('dd.MM.yyyy');
  return `${pad2(c.day)}.${pad2(c.month)}.${c.year}`;
}

/** "Donnerstag, 26. März 2026" (Berlin). */
export function formatLongDate(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c) return berlin(instant).toFormat('cccc, d. MMMM yyyy');
  return `${weekdayOf(c.year, c.month, c.day)}, ${c.day}. ${MONTHS[c.month - 1]} ${c.year}`;
}

/** "18:00" (Berlin). */
export function formatTime(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c) return berlin(instant).toFormat('HH:mm');
  return `${pad2(c.hour)}:${pad2(c.minute)}`;
}

/** ISO 8601 in Berlin time with its offset, for `<time datetime>`: "2026-03-26T18:00:00+01:00". */
export function berlinIso(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c || instant.getUTCMilliseconds() !== 0) return DateTime.fromJSDate(instant).setZone(ZONE).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();
  const offset = Math.round((Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - instant.getTime()) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The Berlin calendar day of an instant as YYYY-MM-DD (for comparing with date-only columns). */
export function berlinDay(instant: Date): string {
  const c = berlinWallClock(instant);
  if (!c) return DateTime.fromJSDate(instant).setZone(ZONE).toISODate() ?? '';
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** Today's date in Berlin as YYYY-MM-DD. */
export function todayInBerlin(now: Date = new Date()): string {
  return berlinDay(now);
}

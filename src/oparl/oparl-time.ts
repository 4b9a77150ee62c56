import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';

/** An instant as OParl writes it: Berlin wall clock with its offset, whole seconds ("2026-03-26T18:00:00+01:00"). */
export function oparlDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(ZONE).startOf('second').toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}

/** A filter value OParl clients send: a full date-time with `Z` or an offset, with or without fractional seconds. */
const FILTER_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads `created_since` & co. A value without a time zone (naive) or one that is no date-time at
 * all is refused (null): the instant it meant cannot be known.
 */
export function parseFilterInstant(raw: string): Date | null {
  if (!FILTER_INSTANT.test(raw)) return null;
  const parsed = DateTime.fromISO(raw, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** An instant as read back from a raw query: a Date (PostgreSQL) or SQLite's UTC text "YYYY-MM-DD HH:MM:SS[.SSS]". */
export function storedInstantOf(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const date = new Date(`${value.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(`Not a stored instant: ${String(value)}`);
}

/**
 * A filter bound at whole-second precision, as the stored text "YYYY-MM-DD HH:MM:SS" (UTC) — the
 * precision OParl prints `created` and `modified` with, and the one SQLite's CURRENT_TIMESTAMP
 * writes. A lower bound compares `>=` the second the instant falls in; an upper bound `<` the second
 * after it (`plusSeconds` 1), so an object printed with a time is found by that same time as either
 * bound. Compares correctly with stored values with or without milliseconds, on both engines.
 */
export function storedSecond(d: Date, plusSeconds = 0): string {
  const second = Math.floor(d.getTime() / 1000) + plusSeconds;
  return new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

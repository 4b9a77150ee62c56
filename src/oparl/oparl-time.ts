import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';

const HOUR_MS = 3_600_000;
const offsets = new Map<number, number>();

/**
 * Berlin's UTC offset in minutes at an instant. The clocks change on a full UTC hour (01:00 UTC), so
 * the offset is the same for a whole UTC hour and is kept per hour: a list page writes hundreds of
 * date-times, and asking the time zone database for each is what would cost.
 */
function berlinOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: ZONE }).offset;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** An instant as OParl writes it: Berlin wall clock with its offset, whole seconds ("2026-03-26T18:00:00+01:00"). */
export function oparlDateTime(instant: Date): string {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const offset = berlinOffsetMinutes(ms);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
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

import type { Request } from 'express';
import { berlinDateOf, berlinToUtc, formatTime, parseLocalDate, parseLocalTime } from '../common/berlin-time.js';
import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';

/** A urlencoded body as a plain record ({} for anything else). */
export function bodyRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** A single string field ('' when missing, an array or an object). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
  return typeof v === 'string' ? v : '';
}

/** '' → null, a positive integer id → the number, anything else → undefined (invalid). */
export function optionalId(raw: string): number | null | undefined {
  const t = raw.trim();
  if (t === '') return null;
  return /^[1-9]\d{0,14}$/.test(t) ? Number(t) : undefined;
}

/** '' → null, else a non-negative integer. */
export function optionalCount(raw: string): number | null {
  const t = raw.trim();
  return t === '' ? null : Number(t);
}

/** A value of the query string as a positive id, or undefined. */
export function queryId(raw: unknown): number | undefined {
  return typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** "HH:MM" on the meeting's Berlin day → instant; '' → null. */
export function timeOnMeetingDay(raw: string, meetingStartsAt: Date): { ok: true; value: Date | null } | { ok: false; error: string } {
  if (raw.trim() === '') return { ok: true, value: null };
  const time = parseLocalTime(raw);
  if (!time.ok) return time;
  const resolved = berlinToUtc(berlinDateOf(meetingStartsAt), time.value);
  if (!resolved.ok) return resolved;
  return { ok: true, value: resolved.value.instant };
}

/** An instant as "HH:MM" in Berlin, '' for null. */
export function berlinClock(d: Date | null): string {
  if (!d) return '';
  const t = DateTime.fromJSDate(d).setZone(ZONE);
  return formatTime({ hour: t.hour, minute: t.minute });
}

/** A date field (German or ISO) → "YYYY-MM-DD"; '' → null. */
export function optionalDate(raw: string): { ok: true; value: string | null } | { ok: false; error: string } {
  if (raw.trim() === '') return { ok: true, value: null };
  const d = parseLocalDate(raw);
  if (!d.ok) return d;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { ok: true, value: `${d.value.year}-${pad(d.value.month)}-${pad(d.value.day)}` };
}

/** A cookie of the request (no cookie-parser in this app). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

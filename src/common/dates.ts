import { DateTime } from 'luxon';

export const ZONE = 'Europe/Berlin';

/** "2016-03-01" → "1. März 2016". */
export function formatIsoDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).setLocale('de').toFormat('d. MMMM yyyy');
}

/** A stored UTC instant shown in Berlin time: "26.03.2026, 18:00 Uhr". */
export function formatDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(ZONE).setLocale('de').toFormat("dd.MM.yyyy, HH:mm 'Uhr'");
}

/** Today's date in Berlin as YYYY-MM-DD (for comparing with date-only columns). */
export function todayInBerlin(now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(ZONE).toISODate() ?? '';
}

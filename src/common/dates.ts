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

/** The Berlin calendar day of an instant as YYYY-MM-DD (for comparing with date-only columns). */
export function berlinDay(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(ZONE).toISODate() ?? '';
}

/** Today's date in Berlin as YYYY-MM-DD. */
export function todayInBerlin(now: Date = new Date()): string {
  return berlinDay(now);
}

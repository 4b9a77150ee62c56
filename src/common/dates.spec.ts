import { DateTime } from 'luxon';
import { berlinDay, berlinIso, berlinWallClock, formatDateTime, formatIsoDate, formatLongDate, formatShortDate, formatTime, ZONE } from './dates.js';

/** What the pages showed before: luxon's formatting, as the reference. */
const luxon = (instant: Date, format: string): string => DateTime.fromJSDate(instant).setZone(ZONE).setLocale('de').toFormat(format);

describe('dates as pages show them (fast path) agree with luxon', () => {
  it('every hour across two years with four daylight-saving changes, and every minute around each change', () => {
    const start = Date.UTC(2025, 0, 1);
    const instants: Date[] = [];
    for (let t = start; t < Date.UTC(2027, 0, 1); t += 3_600_000) instants.push(new Date(t));
    // the changes to the minute: 30 Mar 2025 01:00 UTC, 26 Oct 2025 01:00 UTC, and the same in 2026
    for (const change of [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let d = -120; d <= 120; d++) instants.push(new Date(change + d * 60_000 + 59_000));
    }
    instants.push(new Date(Date.UTC(1999, 11, 31, 23, 30)), new Date(Date.UTC(2099, 5, 15, 12)));
    const differing = instants.filter(
      (instant) =>
        formatDateTime(instant) !== luxon(instant, "dd.MM.yyyy, HH:mm 'Uhr'") ||
        formatShortDate(instant) !== luxon(instant, 'dd.MM.yyyy') ||
        formatLongDate(instant) !== luxon(instant, 'cccc, d. MMMM yyyy') ||
        formatTime(instant) !== luxon(instant, 'HH:mm') ||
        berlinDay(instant) !== DateTime.fromJSDate(instant).setZone(ZONE).toISODate() ||
        berlinIso(instant) !== DateTime.fromJSDate(instant).setZone(ZONE).toISO({ suppressMilliseconds: true }),
    );
    expect(instants.length).toBeGreaterThan(18_000);
    expect(differing.map((d) => d.toISOString())).toEqual([]);
    expect(formatLongDate(new Date(Date.UTC(2026, 2, 26, 17)))).toBe('Donnerstag, 26. März 2026');
    expect(berlinIso(new Date(Date.UTC(2026, 2, 26, 17)))).toBe('2026-03-26T18:00:00+01:00');
    expect(berlinIso(new Date(Date.UTC(2026, 2, 26, 17, 0, 0, 250)))).toBe('2026-03-26T18:00:00.250+01:00');
  });

  it('calendar days as luxon wrote them, invalid ones included', () => {
    const days: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    days.push('2026-02-30', '2026-13-01', '2026-00-10', '0999-01-01', 'kein Datum', '2026-3-1', '2026-03-01T10:00');
    expect(days.filter((iso) => formatIsoDate(iso) !== DateTime.fromISO(iso, { zone: ZONE }).setLocale('de').toFormat('d. MMMM yyyy'))).toEqual([]);
    expect(formatIsoDate('2016-03-01')).toBe('1. März 2016');
  });

  it('reads no wall clock from an invalid date (the luxon way answers)', () => {
    const invalid = new Date(Number.NaN);
    expect(berlinWallClock(invalid)).toBeNull();
    expect(formatDateTime(invalid)).toBe(luxon(invalid, "dd.MM.yyyy, HH:mm 'Uhr'"));
    expect(berlinDay(invalid)).toBe('');
  });
});

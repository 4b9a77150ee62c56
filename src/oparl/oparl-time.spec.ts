import { DateTime } from 'luxon';
import { oparlDateTime, parseFilterInstant, storedInstantOf, storedSecond } from './oparl-time.js';

describe('OParl date-times', () => {
  it('writes Berlin wall time with the offset of the day, in whole seconds', () => {
    expect(oparlDateTime(new Date('2026-01-15T17:00:00.456Z'))).toBe('2026-01-15T18:00:00+01:00');
    expect(oparlDateTime(new Date('2026-07-15T16:30:05Z'))).toBe('2026-07-15T18:30:05+02:00');
  });

  it('switches the offset exactly when the clocks change, and agrees with luxon hour by hour over a year', () => {
    // 29.03.2026 01:00 UTC: 02:00 CET becomes 03:00 CEST; 25.10.2026 01:00 UTC: 03:00 CEST becomes 02:00 CET
    expect(oparlDateTime(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(oparlDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(oparlDateTime(new Date('2026-10-25T00:59:59Z'))).toBe('2026-10-25T02:59:59+02:00');
    expect(oparlDateTime(new Date('2026-10-25T01:00:00Z'))).toBe('2026-10-25T02:00:00+01:00');
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 + 61_000) {
      const expected = DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).startOf('second').toISO({ suppressMilliseconds: true });
      expect(oparlDateTime(new Date(ms))).toBe(expected);
    }
  });

  it('reads filter values with Z or an offset, with or without fractional seconds', () => {
    expect(parseFilterInstant('2026-01-15T18:00:00+01:00')?.toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(parseFilterInstant('2026-01-15T17:00:00Z')?.toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(parseFilterInstant('2026-01-15T17:00:00.25Z')?.toISOString()).toBe('2026-01-15T17:00:00.250Z');
    expect(parseFilterInstant('2026-07-15T18:30:05.123456+02:00')?.toISOString()).toBe('2026-07-15T16:30:05.123Z');
  });

  it('refuses naive and malformed values', () => {
    for (const raw of ['2026-01-15T18:00:00', '2026-01-15', '2026-01-15 18:00:00Z', '2026-13-40T18:00:00Z', 'gestern', '']) {
      expect(parseFilterInstant(raw)).toBeNull();
    }
  });

  it('reads stored instants of both engines', () => {
    expect(storedInstantOf('2026-01-15 17:00:00.000').toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(storedInstantOf('2026-01-15 17:00:00').toISOString()).toBe('2026-01-15T17:00:00.000Z');
    const d = new Date();
    expect(storedInstantOf(d)).toBe(d);
  });

  it('bounds filters by whole seconds, comparable with stored text of either precision', () => {
    const t = new Date('2026-01-15T17:00:05.750Z');
    expect(storedSecond(t)).toBe('2026-01-15 17:00:05');
    expect(storedSecond(t, 1)).toBe('2026-01-15 17:00:06');
    // SQLite text comparison: a row written in that second, with or without milliseconds, is inside
    for (const stored of ['2026-01-15 17:00:05', '2026-01-15 17:00:05.999']) {
      expect(stored >= storedSecond(t)).toBe(true);
      expect(stored < storedSecond(t, 1)).toBe(true);
    }
    expect('2026-01-15 17:00:04.999' >= storedSecond(t)).toBe(false);
  });
});

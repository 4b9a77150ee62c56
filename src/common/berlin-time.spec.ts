import { berlinInstantsFor, berlinToUtc, parseLocalDate, parseLocalTime, utcToBerlinFields } from './berlin-time.js';

describe('parseLocalDate', () => {
  it.each([
    ['2026-03-26', { year: 2026, month: 3, day: 26 }],
    ['26.03.2026', { year: 2026, month: 3, day: 26 }],
    ['6.3.2026', { year: 2026, month: 3, day: 6 }],
    [' 29.02.2028 ', { year: 2028, month: 2, day: 29 }],
  ])('reads %p', (raw, value) => {
    expect(parseLocalDate(raw)).toEqual({ ok: true, value });
  });

  it.each(['31.02.2026', '2026-02-31', '29.02.2026', '31.04.2026', '00.01.2026', '15.13.2026'])('rejects the impossible date %p', (raw) => {
    const r = parseLocalDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/gibt es nicht/);
  });

  it.each([undefined, '', 'morgen', '2026/03/26', ['26.03.2026'], '26.03.26', '01.01.3000'])('rejects %p with a German message', (raw) => {
    const r = parseLocalDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Bitte/);
  });
});

describe('parseLocalTime', () => {
  it.each([
    ['18:00', { hour: 18, minute: 0 }],
    ['9:30', { hour: 9, minute: 30 }],
    ['18.15', { hour: 18, minute: 15 }],
    ['18', { hour: 18, minute: 0 }],
    ['18:00 Uhr', { hour: 18, minute: 0 }],
  ])('reads %p', (raw, value) => {
    expect(parseLocalTime(raw)).toEqual({ ok: true, value });
  });
  it.each(['24:00', '18:60', 'abends', '', '1800'])('rejects %p', (raw) => {
    expect(parseLocalTime(raw).ok).toBe(false);
  });
});

describe('Berlin wall clock ↔ UTC', () => {
  it('stores 18:00 on 26 March 2026 (winter time) as 17:00Z and 18:00 on 30 March 2026 (summer time) as 16:00Z', () => {
    const before = berlinToUtc({ year: 2026, month: 3, day: 26 }, { hour: 18, minute: 0 });
    const after = berlinToUtc({ year: 2026, month: 3, day: 30 }, { hour: 18, minute: 0 });
    expect(before.ok && before.value.instant.toISOString()).toBe('2026-03-26T17:00:00.000Z');
    expect(after.ok && after.value.instant.toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(utcToBerlinFields(new Date('2026-03-26T17:00:00Z'))).toEqual({ date: '2026-03-26', time: '18:00' });
    expect(utcToBerlinFields(new Date('2026-03-30T16:00:00Z'))).toEqual({ date: '2026-03-30', time: '18:00' });
  });

  it('rejects 02:30 on 29 March 2026, which does not exist in Berlin', () => {
    const r = berlinToUtc({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('29.03.2026');
    expect(berlinInstantsFor({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 0 })).toEqual([]);
    const three = berlinToUtc({ year: 2026, month: 3, day: 29 }, { hour: 3, minute: 0 });
    expect(three.ok && three.value.instant.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('resolves the doubled 02:30 on 25 October 2026 to the first (summer time) occurrence with a notice', () => {
    expect(berlinInstantsFor({ year: 2026, month: 10, day: 25 }, { hour: 2, minute: 30 }).map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    const r = berlinToUtc({ year: 2026, month: 10, day: 25 }, { hour: 2, minute: 30 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(r.value.notice).toMatch(/zweimal/);
    }
    const normal = berlinToUtc({ year: 2026, month: 10, day: 25 }, { hour: 18, minute: 0 });
    expect(normal.ok && normal.value.notice).toBeNull();
  });
});

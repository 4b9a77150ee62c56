import { checkDeadline, checkSlots, effectiveState, pollClosedReason, type SlotRowInput } from './poll-rules.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const row = (date: string, start = '18:00', end = '20:00', locationId = ''): SlotRowInput => ({ date, start, end, locationId });
const empty = row('', '', '');

describe('checkSlots', () => {
  it('accepts 2 to 20 future slots, ignoring empty rows, in Berlin time', () => {
    const r = checkSlots([row('10.03.2026'), empty, row('2026-03-12', '9:30', '11'), empty], new Set(), NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.slots.map((s) => [s.row, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      [1, '2026-03-10T17:00:00.000Z', '2026-03-10T19:00:00.000Z'],
      [3, '2026-03-12T08:30:00.000Z', '2026-03-12T10:00:00.000Z'],
    ]);
  });

  it('names every problem at its field in German', () => {
    const r = checkSlots([row('01.03.2026'), row('10.03.2026', '18:00', '17:00'), row('11.03.2026'), row('11.03.2026'), row('31.02.2026'), row('12.03.2026', '18', '20', '99')], new Set([1]), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.date1).toContain('liegt in der Vergangenheit');
    expect(r.errors.end2).toBeDefined();
    expect(r.errors.date4).toBe('Dieser Termin steht schon in Zeile 3. Bitte jeden Termin nur einmal vorschlagen.');
    expect(r.errors.date5).toContain('gibt es nicht');
    expect(r.errors.place6).toContain('Diesen Ort gibt es nicht');
  });

  it('needs at least two slots and takes at most twenty', () => {
    const one = checkSlots([row('10.03.2026'), empty], new Set(), NOW);
    expect(one).toEqual({ ok: false, errors: { date2: 'Bitte mindestens 2 Termine vorschlagen.' } });
    const many = Array.from({ length: 21 }, (_, i) => row(`${String(i + 5).padStart(2, '0')}.04.2026`));
    expect(checkSlots(many, new Set(), NOW)).toEqual({ ok: false, errors: { date1: 'Höchstens 20 Termine sind möglich.' } });
  });
});

describe('checkDeadline', () => {
  const slots = [{ row: 1, startsAt: new Date('2026-03-10T17:00:00Z'), endsAt: new Date('2026-03-10T19:00:00Z'), locationId: null }];
  it('ends at midnight Berlin time after the chosen day', () => {
    expect(checkDeadline('05.03.2026', slots, NOW)).toEqual({ ok: true, deadline: new Date('2026-03-05T23:00:00Z') });
  });
  it('refuses a past day and a day on or after the first slot', () => {
    const errorOf = (raw: string): string | null => {
      const r = checkDeadline(raw, slots, NOW);
      return r.ok ? null : r.error;
    };
    expect(errorOf('01.03.2026')).toContain('Vergangenheit');
    expect(errorOf('10.03.2026')).toContain('vor dem ersten vorgeschlagenen Termin');
    expect(errorOf('09.03.2026')).toBeNull();
    expect(checkDeadline('', slots, NOW)).toMatchObject({ ok: false });
  });
});

describe('closing', () => {
  const deadline = new Date('2026-03-05T23:00:00Z');
  it('is open before the deadline, closed at it, decided once picked', () => {
    expect(pollClosedReason({ state: 'open', deadline }, NOW)).toBeNull();
    expect(effectiveState({ state: 'open', deadline }, deadline)).toBe('closed');
    expect(pollClosedReason({ state: 'open', deadline }, deadline)).toContain('geschlossen');
    expect(pollClosedReason({ state: 'decided', deadline }, NOW)).toContain('der Termin steht fest');
  });
});

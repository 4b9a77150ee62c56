import { ICalCalendar } from 'ical-generator';
import { foldContentLines, renderCalendar } from './meeting-ical.js';

const unfold = (text: string): string => text.replace(/\r\n /g, '');

describe('foldContentLines', () => {
  const long = `DESCRIPTION:${'Begrüßung – Интеграция – الاندماج – Nguyễn Thị 😀 '.repeat(12)}`;

  it('folds exactly as ical-generator does (same bytes)', () => {
    const calendar = new ICalCalendar({ name: 'Test' });
    calendar.createEvent({ id: 'x@example.org', start: new Date(Date.UTC(2026, 0, 1)), summary: long.slice(12), description: long });
    const library = calendar.toString();
    expect(foldContentLines(unfold(library))).toBe(library);
  });

  it('keeps every line within 75 octets, never splits a character, and unfolds to the original', () => {
    const folded = foldContentLines(`${long}\r\nSUMMARY:kurz`);
    for (const line of folded.split('\r\n')) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(`${long}\r\nSUMMARY:kurz`);
  });
});

describe('renderCalendar', () => {
  it('writes the calendar properties first, then one VTIMEZONE and the events', () => {
    const event = {
      uid: 'm-1@example.org',
      sequence: 2,
      summary: 'Runder Tisch – Авраменко',
      startsAt: new Date(Date.UTC(2026, 2, 29, 16)),
      endsAt: new Date(Date.UTC(2026, 2, 29, 18)),
      cancelled: false,
      createdAt: new Date(Date.UTC(2026, 0, 1)),
      updatedAt: new Date(Date.UTC(2026, 0, 2)),
      location: 'Stadthaus',
      description: 'TOP 1',
      url: 'https://example.org/sitzungen/1',
      organizer: { name: 'Vorsitz', email: 'vorsitz@example.org' },
    };
    const text = renderCalendar({ name: 'N', description: 'D', url: 'https://example.org', host: 'example.org', events: [event, { ...event, uid: 'm-2@example.org' }] });
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR')).toBe(true);
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text.indexOf('X-WR-TIMEZONE:Europe/Berlin')).toBeLessThan(text.indexOf('BEGIN:VTIMEZONE'));
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260329T180000'); // first day of summer time
    expect(renderCalendar({ name: 'N', description: 'D', url: 'https://example.org', host: 'example.org', events: [] })).not.toContain('VTIMEZONE');
  });
});

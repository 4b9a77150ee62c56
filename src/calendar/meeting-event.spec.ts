import type { Body } from '../bodies/body.entity.js';
import type { Person } from '../people/person.entity.js';
import { locationText } from '../meetings/location-view.js';
import { meetingSummary, organizerOf } from './meeting-event.js';
import { renderCalendar } from './meeting-ical.js';

const chair = (over: Partial<Person>): Person =>
  ({
    givenName: 'Ольга',
    familyName: 'Петренко',
    academicTitle: 'Dr.',
    emailVisibility: 'public',
    consentAt: new Date('2020-01-01T00:00:00Z'),
    emails: [{ email: 'olga@example.org', position: 0 }],
    ...over,
  }) as Person;

describe('ORGANIZER', () => {
  const body = { name: 'Begleitbeirat' } as Body;
  it("uses the chair's name and published email", () => {
    expect(organizerOf(body, chair({}), 'netzwerk.example.org')).toEqual({ name: 'Dr. Ольга Петренко', email: 'olga@example.org' });
  });
  it('falls back to a neutral address when the email is not public or consent is missing', () => {
    expect(organizerOf(body, chair({ emailVisibility: 'members' }), 'netzwerk.example.org').email).toBe('noreply@netzwerk.example.org');
    expect(organizerOf(body, chair({ consentAt: null }), 'netzwerk.example.org').email).toBe('noreply@netzwerk.example.org');
    expect(organizerOf(body, null, 'netzwerk.example.org')).toEqual({ name: 'Begleitbeirat', email: 'noreply@netzwerk.example.org' });
  });
});

describe('summary and location', () => {
  it('names the body unless the title does, and marks cancellations', () => {
    const body = { name: 'Begleitbeirat für die Umsetzung des Integrationskonzeptes', shortName: 'Begleitbeirat' };
    expect(meetingSummary({ title: '1. Sitzung 2026', state: 'scheduled' }, body)).toBe('Begleitbeirat: 1. Sitzung 2026');
    expect(meetingSummary({ title: 'Sitzung Begleitbeirat', state: 'cancelled' }, body)).toBe('Abgesagt: Sitzung Begleitbeirat');
  });
  it('joins name, room and address', () => {
    expect(locationText({ name: 'Stadthaus', room: '1.001', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' })).toBe(
      'Stadthaus, Raum 1.001, Am Packhof 2-6, 19053 Schwerin',
    );
    expect(locationText(null)).toBeNull();
  });
});

describe('renderCalendar', () => {
  const text = renderCalendar({
    name: 'Sitzungen, Test',
    description: 'Test',
    url: 'https://netzwerk.example.org/sitzungen',
    host: 'netzwerk.example.org',
    events: [
      {
        uid: 'a@netzwerk.example.org',
        sequence: 3,
        summary: 'جلسة',
        startsAt: new Date('2026-03-30T16:00:00Z'),
        endsAt: new Date('2026-03-30T18:00:00Z'),
        cancelled: false,
        createdAt: new Date('2026-01-01T10:00:00Z'),
        updatedAt: new Date('2026-02-01T10:00:00Z'),
        location: null,
        description: 'x',
        url: 'https://netzwerk.example.org/sitzungen/1',
        organizer: { name: 'A', email: 'noreply@netzwerk.example.org' },
      },
    ],
  });
  it('writes local Berlin times with TZID and UTC stamps, deterministically', () => {
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260330T180000');
    expect(text).toContain('DTSTAMP:20260201T100000Z');
    expect(text).toContain('LAST-MODIFIED:20260201T100000Z');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text).toContain('NAME:Sitzungen\\, Test');
    expect(text).toContain('STATUS:CONFIRMED');
  });
});

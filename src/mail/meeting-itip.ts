import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import { eventData, type IcalEventInput, vtimezone } from '../calendar/meeting-ical.js';
import type { CalendarMethod } from './outbox-mail.entity.js';

export interface ItipAttendee {
  name: string;
  email: string;
}

/**
 * An iTIP message (RFC 5546) for one recipient: METHOD:REQUEST (invitation or update — same UID,
 * the meeting's SEQUENCE) or METHOD:CANCEL (STATUS:CANCELLED). The event itself comes from the
 * calendar module's meetingEvent(), so feeds and mails describe a meeting alike; DTSTAMP is the
 * moment the message was made, as iTIP requires (feeds use the last change instead).
 */
export function renderItip(event: IcalEventInput, method: CalendarMethod, attendee: ItipAttendee, stamp: Date, host: string): string {
  const calendar = new ICalCalendar({
    prodId: { company: host, product: 'Sitzungseinladung', language: 'DE' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // name stays null: a calendar-level zone would print DTSTAMP/LAST-MODIFIED as local times.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    ...eventData(event, stamp, method === 'CANCEL'),
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        status: method === 'CANCEL' ? null : ICalAttendeeStatus.NEEDSACTION,
        rsvp: method === 'REQUEST',
      },
    ],
  });
  return calendar.toString();
}

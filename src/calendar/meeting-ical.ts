import { ICalCalendar, ICalCalendarMethod, ICalEventStatus, escape } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { ZONE } from '../common/dates.js';

/** One meeting as a calendar event, already filtered for the feed's audience. */
export interface IcalEventInput {
  uid: string;
  sequence: number;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  createdAt: Date;
  updatedAt: Date;
  location: string | null;
  description: string;
  url: string;
  organizer: { name: string; email: string };
}

export interface IcalCalendarInput {
  name: string;
  description: string;
  /** The page that lists these meetings. */
  url: string;
  host: string;
  events: IcalEventInput[];
}

/** Clients poll no more often than this (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
export const FEED_TTL_SECONDS = 3600;

/** A real VTIMEZONE block (with the DST rules) for a zone, so Outlook does not shift times. */
export function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:VTIMEZONE') ? block[0] : null;
}

/** Names go into NAME / X-WR-CALNAME unescaped by ical-generator; make them valid TEXT values. */
function calendarText(text: string): string {
  return escape(text.replace(/[\r\n]+/g, ' '), false);
}

/**
 * The iCalendar text. DTSTART/DTEND carry TZID=Europe/Berlin with the zone's VTIMEZONE;
 * DTSTAMP, CREATED and LAST-MODIFIED are UTC. DTSTAMP is the meeting's last change, so the
 * same data always gives the same bytes (and the same ETag).
 */
export function renderCalendar(input: IcalCalendarInput): string {
  const calendar = new ICalCalendar({
    prodId: { company: input.host, product: 'Sitzungskalender', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    name: calendarText(input.name),
    description: calendarText(input.description),
    url: input.url,
    // name stays null: a calendar-level zone would print DTSTAMP/LAST-MODIFIED as local times.
    timezone: { name: null, generator: vtimezone },
    ttl: FEED_TTL_SECONDS,
    x: [['X-WR-TIMEZONE', ZONE]],
  });
  for (const e of input.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.updatedAt,
      created: e.createdAt,
      lastModified: e.updatedAt,
      timezone: ZONE,
      start: DateTime.fromJSDate(e.startsAt, { zone: ZONE }),
      end: DateTime.fromJSDate(e.endsAt, { zone: ZONE }),
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: e.url,
      organizer: e.organizer,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

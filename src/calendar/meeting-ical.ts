import { ICalCalendar, ICalCalendarMethod, type ICalEventData, ICalEventStatus, escape } from 'ical-generator';
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
  /** Documents as absolute URLs (ATTACH;VALUE=URI): the public documents of a public meeting. */
  attachments?: string[];
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

const VTIMEZONES = new Map<string, string | null>();

/** A real VTIMEZONE block (with the DST rules) for a zone, so Outlook does not shift times (built once per zone). */
export function vtimezone(zone: string): string | null {
  let block = VTIMEZONES.get(zone);
  if (block === undefined) {
    const found = tzlib_get_ical_block(zone);
    block = Array.isArray(found) && typeof found[0] === 'string' && found[0].startsWith('BEGIN:VTIMEZONE') ? found[0] : null;
    VTIMEZONES.set(zone, block);
  }
  return block;
}

/** Names go into NAME / X-WR-CALNAME unescaped by ical-generator; make them valid TEXT values. */
function calendarText(text: string): string {
  return escape(text.replace(/[\r\n]+/g, ' '), false);
}

/**
 * ical-generator's data for one meeting, in Berlin time with the zone's VTIMEZONE. `stamp` is DTSTAMP:
 * the last change in feeds (same data, same bytes), the moment of sending in iTIP mails.
 */
export function eventData(e: IcalEventInput, stamp: Date, cancelled: boolean): ICalEventData {
  return {
    id: e.uid,
    sequence: e.sequence,
    stamp,
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
    attachments: e.attachments ?? [],
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

/** UTF-8 length of one character (a surrogate pair is one character of four bytes; a lone surrogate becomes U+FFFD). */
function utf8Length(ch: string): number {
  if (ch.length === 2) return 4;
  const code = ch.charCodeAt(0);
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

/**
 * RFC 5545 §3.1 line folding: content lines longer than 75 octets continue on the next line after
 * CRLF and a space, never inside a UTF-8 sequence. The same rule and result as ical-generator's own
 * foldLines, which measures each character with a new TextEncoder and took most of a 500-meeting
 * feed's build time; this one counts bytes by code point and leaves short lines alone.
 */
export function foldContentLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (line.length <= 24 || Buffer.byteLength(line, 'utf8') <= 74) return line;
      let out = '';
      let octets = 0;
      for (let i = 0; i < line.length; i++) {
        let ch = line.charAt(i);
        if (ch >= '\ud800' && ch <= '\udbff' && i + 1 < line.length) ch += line.charAt(++i);
        const size = utf8Length(ch);
        octets += size;
        if (octets > 74) {
          out += '\r\n ';
          octets = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}

/**
 * The iCalendar text. DTSTART/DTEND carry TZID=Europe/Berlin with the zone's VTIMEZONE;
 * DTSTAMP, CREATED and LAST-MODIFIED are UTC. DTSTAMP is the meeting's last change, so the
 * same data always gives the same bytes (and the same ETag).
 *
 * ical-generator writes every line; the calendar's own properties come first, then the VTIMEZONE
 * and the events (components after properties, as RFC 5545 orders them), folded by
 * foldContentLines instead of the library's slow folding of the whole text.
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
  // ical-generator writes ATTACH:<uri>; say the value type (RFC 5545 §3.8.1.1) before the lines are folded
  const events = input.events.map((e) => calendar.createEvent(eventData(e, e.updatedAt, e.cancelled)).toString().replace(/^ATTACH:/gm, 'ATTACH;VALUE=URI:'));
  calendar.clear();
  const shell = calendar.toString(); // properties only: no events, hence no VTIMEZONE yet
  const zone = events.length > 0 ? vtimezone(ZONE) : null;
  const components = (zone ? `${zone.replace(/\r?\n/g, '\r\n').trim()}\r\n` : '') + events.join('');
  return shell.replace(/END:VCALENDAR$/, `${foldContentLines(components)}END:VCALENDAR`);
}

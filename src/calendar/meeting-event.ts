import { ANONYMOUS } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import type { Location } from '../meetings/location.entity.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import { agendaLine } from '../meetings/agenda.js';
import { effectiveOnlineLink, locationText } from '../meetings/location-view.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { canSee } from '../people/contact-visibility.js';
import { personDisplayName } from '../people/person-name.js';
import type { Person } from '../people/person.entity.js';
import type { IcalEventInput } from './meeting-ical.js';

/** What an event shows of a meeting: an entity with body and place loaded, or the feeds' plain MeetingFacts. */
export type EventMeeting = Pick<Meeting, 'id' | 'uid' | 'sequence' | 'title' | 'state' | 'cancelReason' | 'description' | 'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt' | 'onlineLink'> & {
  body: Pick<Body, 'name' | 'shortName'>;
  location: Pick<Location, 'name' | 'room' | 'street' | 'postalCode' | 'locality' | 'onlineLink'> | null;
};

/** What an event shows of an agenda item. */
export type EventAgendaItem = Pick<AgendaItem, 'number' | 'title' | 'presenter' | 'updatedAt'>;

/** The title as calendars show it: the body's short name first unless the title already names the body. */
export function meetingSummary(meeting: Pick<Meeting, 'title' | 'state'>, body: Pick<Body, 'name' | 'shortName'>): string {
  const bodyName = body.shortName ?? body.name;
  const named = meeting.title.includes(bodyName) || meeting.title.includes(body.name);
  const title = named ? meeting.title : `${bodyName}: ${meeting.title}`;
  return meeting.state === 'cancelled' ? `Abgesagt: ${title}` : title;
}

export interface MeetingEventContext {
  baseUrl: string;
  /** The host for the neutral organizer address (noreply@host). */
  host: string;
  /** The body's chair with emails loaded, or null when the body has none. */
  chair: OrganizerPerson | null;
  /** URLs of the documents to attach (only public documents of a public meeting). */
  attachments?: string[];
}

/** What ORGANIZER shows of a chair: a Person with e-mails loaded, or the feeds' plain ChairContact. */
export type OrganizerPerson = Pick<Person, 'academicTitle' | 'givenName' | 'familyName' | 'emailVisibility' | 'consentAt'> & {
  emails?: readonly { email: string; position: number }[];
};

/** ORGANIZER: the chair's name; their email only when published, else a neutral no-reply address. */
export function organizerOf(body: Pick<Body, 'name'>, chair: OrganizerPerson | null, host: string): { name: string; email: string } {
  const neutral = `noreply@${host}`;
  if (!chair) return { name: body.name, email: neutral };
  const published = canSee(chair.emailVisibility, ANONYMOUS, chair.consentAt);
  const email = published ? ([...(chair.emails ?? [])].sort((a, b) => a.position - b.position)[0]?.email ?? null) : null;
  return { name: personDisplayName(chair), email: email ?? neutral };
}

/**
 * DESCRIPTION: state, body, place and online link, the agenda (only the items passed in — callers
 * filter internal ones for anonymous feeds) and the meeting page's URL (clients ignore URL).
 */
export function meetingDescription(meeting: EventMeeting, agenda: readonly EventAgendaItem[], pageUrl: string): string {
  const lines: string[] = [];
  if (meeting.state === 'cancelled') {
    lines.push(`ABGESAGT${meeting.cancelReason ? `: ${meeting.cancelReason}` : ''}`, '');
  }
  lines.push(`Gremium: ${meeting.body.name}`);
  const place = locationText(meeting.location);
  if (place) lines.push(`Ort: ${place}`);
  const online = effectiveOnlineLink(meeting, meeting.location);
  if (online) lines.push(`Online: ${online}`);
  if (meeting.description) lines.push('', meeting.description);
  if (agenda.length > 0) {
    lines.push('', 'Tagesordnung:');
    lines.push(...agenda.map(agendaLine));
  }
  lines.push('', `Sitzungsseite: ${pageUrl}`);
  return lines.join('\n');
}

/** The latest change to the meeting or its agenda (LAST-MODIFIED and DTSTAMP). */
export function lastChange(meeting: Pick<Meeting, 'updatedAt'>, agenda: readonly Pick<AgendaItem, 'updatedAt'>[]): Date {
  return new Date(Math.max(meeting.updatedAt.getTime(), ...agenda.map((a) => a.updatedAt.getTime())));
}

/** Expects meeting.body and meeting.location loaded. */
export function meetingEvent(meeting: EventMeeting, agenda: readonly EventAgendaItem[], ctx: MeetingEventContext): IcalEventInput {
  const url = `${ctx.baseUrl}/sitzungen/${meeting.id}`;
  const place = locationText(meeting.location);
  const online = effectiveOnlineLink(meeting, meeting.location);
  const location = [place, online ? `Online: ${online}` : null].filter((s): s is string => s !== null).join(' – ');
  return {
    uid: meeting.uid,
    sequence: meeting.sequence,
    summary: meetingSummary(meeting, meeting.body),
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    cancelled: meeting.state === 'cancelled',
    createdAt: meeting.createdAt,
    updatedAt: lastChange(meeting, agenda),
    location: location === '' ? null : location,
    description: meetingDescription(meeting, agenda, url),
    url,
    organizer: organizerOf(meeting.body, ctx.chair, ctx.host),
    ...(ctx.attachments && ctx.attachments.length > 0 ? { attachments: ctx.attachments } : {}),
  };
}

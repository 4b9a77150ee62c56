import { berlinDay, berlinIso, formatDateTime, formatLongDate, formatShortDate, formatTime } from '../common/dates.js';
import { MEETING_STATE_LABELS } from './meeting-labels.js';
import type { Location } from './location.entity.js';
import type { Body } from '../bodies/body.entity.js';
import type { Meeting } from './meeting.entity.js';

/** "Donnerstag, 26. März 2026" */
export function longDate(d: Date): string {
  return formatLongDate(d);
}

/** "26.03.2026" */
export function shortDate(d: Date): string {
  return formatShortDate(d);
}

/** "18:00–20:00 Uhr", or with dates when the meeting runs past midnight. */
export function timeRangeLabel(startsAt: Date, endsAt: Date): string {
  if (berlinDay(startsAt) === berlinDay(endsAt)) return `${formatTime(startsAt)}–${formatTime(endsAt)} Uhr`;
  return `${formatTime(startsAt)} Uhr bis ${formatDateTime(endsAt)}`;
}

/** ISO date and time for <time datetime>. */
export function machineTime(d: Date): string {
  return berlinIso(d);
}

export interface MeetingListItemView {
  id: number;
  href: string;
  title: string;
  bodyName: string;
  bodyHref: string;
  dateLabel: string;
  timeLabel: string;
  datetime: string;
  placeLabel: string | null;
  online: boolean;
  stateLabel: string;
  cancelled: boolean;
  isInternal: boolean;
}

/** "Stadthaus, Demmlersaal" — the place's name and room, for lists. */
export function placeLabel(location: Pick<Location, 'name' | 'room'> | null): string | null {
  if (!location) return null;
  return location.room ? `${location.name}, Raum ${location.room}` : location.name;
}

/** What a meeting list shows of a meeting: with its body and place (an entity with both loaded, or the plain MeetingFacts). */
export type MeetingListSource = Pick<Meeting, 'id' | 'title' | 'bodyId' | 'startsAt' | 'endsAt' | 'onlineLink' | 'state' | 'isPublic'> & {
  body: Pick<Body, 'name' | 'isPublic'>;
  location: Pick<Location, 'name' | 'room' | 'onlineLink'> | null;
};

/** Expects body and location loaded. */
export function meetingListItem(m: MeetingListSource): MeetingListItemView {
  return {
    id: m.id,
    href: `/sitzungen/${m.id}`,
    title: m.title,
    bodyName: m.body.name,
    bodyHref: `/gremien/${m.bodyId}`,
    dateLabel: longDate(m.startsAt),
    timeLabel: timeRangeLabel(m.startsAt, m.endsAt),
    datetime: machineTime(m.startsAt),
    placeLabel: placeLabel(m.location),
    online: (m.onlineLink ?? m.location?.onlineLink ?? null) !== null,
    stateLabel: MEETING_STATE_LABELS[m.state],
    cancelled: m.state === 'cancelled',
    isInternal: !m.isPublic || !m.body.isPublic,
  };
}

/** For the start page and body pages: pass `{ upcomingMeetings: upcomingMeetingsView(list, bodyId) }` to the template and use {{> meetings/upcoming}}. */
export function upcomingMeetingsView(meetings: Meeting[], bodyId?: number): { items: MeetingListItemView[]; allHref: string; feedHref: string | null } {
  return {
    items: meetings.map(meetingListItem),
    allHref: bodyId === undefined ? '/sitzungen' : `/sitzungen?gremium=${bodyId}`,
    feedHref: bodyId === undefined ? '/kalender/oeffentlich.ics' : `/gremien/${bodyId}/sitzungen.ics`,
  };
}

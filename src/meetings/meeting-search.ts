import { Injectable } from '@nestjs/common';
import { ANONYMOUS } from '../auth/viewer.js';
import { berlinDay } from '../common/dates.js';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { AgendaItem } from './agenda-item.entity.js';
import { MEETING_STATE_LABELS } from './meeting-labels.js';
import { Meeting } from './meeting.entity.js';
import { canViewMeeting, visibleAgendaItems } from './meeting-visibility.js';

/** Meetings whose body is gone are not searched (their page is gone too). */
function bodyGone(m: Meeting): boolean {
  return !m.body || m.body.deletedAt !== null;
}

/** "Stadthaus, Demmlersaal · abgesagt" */
function meetingSubtitle(m: Meeting): string | null {
  const place = m.location?.name ?? (m.onlineLink ? 'Online' : null);
  return [place, m.state === 'cancelled' ? MEETING_STATE_LABELS.cancelled : null].filter(Boolean).join(' · ') || null;
}

/**
 * A meeting's search document: title, place, notes for the participants; public when anonymous
 * visitors may open it (canViewMeeting), else for members. Its agenda items, decisions, minutes and
 * action items depend on it: a meeting made internal takes them out of the public search.
 */
export const MEETING_SEARCH_SOURCE: SearchSource<Meeting> = {
  kind: 'meeting',
  entity: Meeting,
  relations: { body: true, location: true },
  dependents: 'meetingId',
  fields: (m) =>
    bodyGone(m)
      ? null
      : {
          title: m.title,
          subtitle: meetingSubtitle(m),
          nameFolded: foldNames([m.title]),
          contentFolded: foldContent([m.location?.name, m.location?.locality, m.body.shortName ?? m.body.name]),
          audience: canViewMeeting(m, m.body, ANONYMOUS) ? 'public' : 'members',
          bodyId: m.bodyId,
          meetingId: m.id,
          day: berlinDay(m.startsAt),
          path: `/sitzungen/${m.id}`,
          text: m.description ?? '',
        },
};

/** An agenda item's search document: number, title, presenter, description; internal items (or items of internal meetings) for members. */
export const AGENDA_ITEM_SEARCH_SOURCE: SearchSource<AgendaItem> = {
  kind: 'agenda-item',
  entity: AgendaItem,
  relations: { meeting: { body: true } },
  recordsOfMeeting: async (manager, meetingId) => (await manager.getRepository(AgendaItem).find({ where: { meetingId }, select: { id: true } })).map((a) => a.id),
  fields: (a) =>
    !a.meeting || bodyGone(a.meeting)
      ? null
      : {
          title: `TOP ${a.number}: ${a.title}`,
          subtitle: a.meeting.title,
          nameFolded: foldNames([a.title]),
          contentFolded: foldContent([a.presenter]),
          audience: canViewMeeting(a.meeting, a.meeting.body, ANONYMOUS) && visibleAgendaItems([a], ANONYMOUS).length === 1 ? 'public' : 'members',
          bodyId: a.meeting.bodyId,
          meetingId: a.meetingId,
          day: berlinDay(a.meeting.startsAt),
          path: `/sitzungen/${a.meetingId}#meeting-agenda`,
          text: a.description ?? '',
        },
};

/** Registers meetings and agenda items with the search index at start-up. */
@Injectable()
export class MeetingSearchRegistration {
  constructor(indexer: SearchIndexer) {
    indexer.register(MEETING_SEARCH_SOURCE);
    indexer.register(AGENDA_ITEM_SEARCH_SOURCE);
  }
}

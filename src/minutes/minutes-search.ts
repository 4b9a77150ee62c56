import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Body } from '../bodies/body.entity.js';
import { berlinDay } from '../common/dates.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import type { SearchAudience } from '../search/search-document.entity.js';
import { ActionItem } from './action-item.entity.js';
import { Decision } from './decision.entity.js';
import { DECISION_RESULT_LABELS } from './minutes-labels.js';
import { minutesAccess } from './minutes-workflow.js';
import { MinutesItem } from './minutes-item.entity.js';
import { Minutes, type MinutesStatus } from './minutes.entity.js';
import { actionItemAnchor, agendaAnchor, agendaLabel, minutesPath } from './minutes.view-model.js';

/**
 * Who may find a record of a meeting's minutes, by the minutes' own rule (minutesAccess): anonymous
 * visitors the approved minutes of a public meeting of a public body, public agenda items only;
 * members everything once circulated; drafts only the body's editors. No minutes (an action item
 * before its minutes exist): editors.
 */
export function minutesAudience(status: MinutesStatus | null, meeting: Meeting, body: Body, agendaItemIsPublic: boolean): SearchAudience {
  if (status === null) return 'editors';
  const input = { status, meetingIsPublic: meeting.isPublic, bodyIsPublic: body.isPublic, viewerIsEditor: false };
  if (minutesAccess({ ...input, viewerIsMember: false }) === 'public-items' && agendaItemIsPublic) return 'public';
  return minutesAccess({ ...input, viewerIsMember: true }) === 'all' ? 'members' : 'editors';
}

/** Markdown as plain text for snippets: emphasis, headings, quotes and list marks dropped, links as their text. */
export function markdownPlain(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const bodyGone = (body: Body | null | undefined): boolean => !body || body.deletedAt !== null;

/** A decision: number, agenda item, text; visible like the minutes it belongs to (the register's rule). */
export const DECISION_SEARCH_SOURCE: SearchSource<Decision> = {
  kind: 'decision',
  entity: Decision,
  relations: { minutes: { meeting: { body: true } }, agendaItem: true },
  recordsOfMeeting: async (manager, meetingId) =>
    (await manager.getRepository(Decision).find({ where: { minutes: { meetingId } }, select: { id: true } })).map((d) => d.id),
  fields: (d) => {
    const meeting = d.minutes?.meeting;
    if (!meeting || bodyGone(meeting.body)) return null;
    return {
      // The number first, followed by a colon: a typed number jumps here (SearchService.exactTitle).
      title: `${d.number}: ${d.agendaItem.title}`,
      subtitle: `${DECISION_RESULT_LABELS[d.result]} · ${meeting.title}`,
      // The running number also without its leading zero: "BB-2026-7" finds BB-2026-07.
      nameFolded: foldNames([d.number, String(d.sequence), d.agendaItem.title]),
      contentFolded: foldContent([DECISION_RESULT_LABELS[d.result]]),
      audience: minutesAudience(d.minutes.status, meeting, meeting.body, d.agendaItem.isPublic),
      bodyId: d.bodyId,
      meetingId: meeting.id,
      day: berlinDay(meeting.startsAt),
      path: `${minutesPath(meeting.id)}#beschluss-${d.number}`,
      text: markdownPlain(d.text),
    };
  },
};

/** The minutes' text on one agenda item, visible like the minutes (public items of approved public minutes for everybody). */
export const MINUTES_ITEM_SEARCH_SOURCE: SearchSource<MinutesItem> = {
  kind: 'minutes',
  entity: MinutesItem,
  relations: { minutes: { meeting: { body: true } }, agendaItem: true },
  recordsOfMeeting: async (manager, meetingId) =>
    (await manager.getRepository(MinutesItem).find({ where: { minutes: { meetingId } }, select: { id: true } })).map((i) => i.id),
  fields: (i) => {
    const meeting = i.minutes?.meeting;
    if (!meeting || bodyGone(meeting.body) || i.text.trim() === '') return null;
    return {
      title: `Protokoll: ${agendaLabel(i.agendaItem)}`,
      subtitle: meeting.title,
      nameFolded: foldNames([i.agendaItem.title]),
      contentFolded: '',
      audience: minutesAudience(i.minutes.status, meeting, meeting.body, i.agendaItem.isPublic),
      bodyId: meeting.bodyId,
      meetingId: meeting.id,
      day: berlinDay(meeting.startsAt),
      path: `${minutesPath(meeting.id)}#${agendaAnchor(i.agendaItem)}`,
      text: markdownPlain(i.text),
    };
  },
};

/** An action item (Aufgabe), what is to be done: for members only, like the task list; those of draft minutes for the body's editors. */
export const ACTION_ITEM_SEARCH_SOURCE: SearchSource<ActionItem> = {
  kind: 'action-item',
  entity: ActionItem,
  relations: { meeting: { body: true } },
  recordsOfMeeting: async (manager, meetingId) => (await manager.getRepository(ActionItem).find({ where: { meetingId }, select: { id: true } })).map((a) => a.id),
  fields: async (a, manager: EntityManager) => {
    if (!a.meeting || bodyGone(a.meeting.body)) return null;
    const minutes = await manager.getRepository(Minutes).findOne({ where: { meetingId: a.meetingId }, select: { id: true, status: true } });
    const audience = minutesAudience(minutes?.status ?? null, a.meeting, a.meeting.body, false);
    return {
      title: Array.from(a.what).slice(0, 200).join(''),
      // Without the responsible person's name: the index never keeps a name the person's own record
      // no longer has (renamed, erased), and the task list shows who is responsible.
      subtitle: a.meeting.title,
      nameFolded: foldNames([a.what.slice(0, 300)]),
      contentFolded: '',
      // Never public, whatever the minutes: the task list is for members.
      audience: audience === 'public' ? 'members' : audience,
      bodyId: a.bodyId,
      meetingId: a.meetingId,
      day: berlinDay(a.meeting.startsAt),
      path: `${minutesPath(a.meetingId)}#${actionItemAnchor(a.id)}`,
      text: a.what,
    };
  },
};

/** Registers decisions, minutes texts and action items with the search index at start-up. */
@Injectable()
export class MinutesSearchRegistration {
  constructor(indexer: SearchIndexer) {
    indexer.register(DECISION_SEARCH_SOURCE);
    indexer.register(MINUTES_ITEM_SEARCH_SOURCE);
    indexer.register(ACTION_ITEM_SEARCH_SOURCE);
  }
}

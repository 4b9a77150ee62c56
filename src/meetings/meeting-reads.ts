import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership, type MembershipRole } from '../bodies/membership.entity.js';
import { type QuorumRule, quorumRuleOf } from '../bodies/quorum.js';
import type { QuorumRuleKind } from '../bodies/quorum-rule.entity.js';
import { columnHydrator, rawRows } from '../database/raw-read.js';
import { AgendaItem } from './agenda-item.entity.js';
import type { Attended, RsvpResponse } from './attendance.entity.js';
import type { Location } from './location.entity.js';
import { Meeting, type MeetingState } from './meeting.entity.js';
import { visibleMeetingSql } from './meeting-visibility.js';

/**
 * Hand-written reads of the meeting page and the calendar feeds (issue 22): the columns they show,
 * as plain objects, no entity hydration. The rules stay where they are: which meetings an audience
 * sees (visibleMeetingSql), what a current membership is (currentMembershipSql).
 */

/** What a meeting page and a calendar event show of the meeting's body. */
export type MeetingBodyFacts = Pick<Body, 'id' | 'name' | 'shortName' | 'isPublic'>;
/** The meeting's place as the page and the feeds show it. */
export type MeetingLocationFacts = Omit<Location, 'createdAt' | 'updatedAt'>;
/** A meeting (every column) with its body and place. */
export type MeetingFacts = Omit<Meeting, 'body' | 'location' | 'agendaItems'> & { body: MeetingBodyFacts; location: MeetingLocationFacts | null };
/** An agenda item (every column but its creation time). */
export type AgendaFacts = Omit<AgendaItem, 'meeting' | 'createdAt'>;
/** An agenda item as a calendar event lists it (number, title, presenter; visibility; last change). */
export type EventAgendaFacts = Pick<AgendaItem, 'meetingId' | 'number' | 'title' | 'presenter' | 'isPublic' | 'updatedAt'>;

/** A person as the attendance list and the deputy choice name them. */
export interface PersonNameFacts {
  id: number;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  sortKey: string;
  organisationId: number | null;
}

/** A current membership as the meeting page's attendance list shows it. */
export interface AttendanceMembership {
  id: number;
  bodyId: number;
  personId: number;
  role: MembershipRole;
  votingRight: boolean;
  person: PersonNameFacts;
}

/** A member's answer to the meeting's invitation. */
export interface AttendanceAnswer {
  response: RsvpResponse;
  deputyPersonId: number | null;
  /** The deputy named (null when none, or removed from the directory). */
  deputyPerson: PersonNameFacts | null;
  attended: Attended | null;
}

export interface MeetingFilter {
  /** Meetings ending at or after this instant. */
  endsFrom?: Date;
  /** Meetings that ended before this instant. */
  endsBefore?: Date;
  /** Meetings starting before this instant. */
  startsBefore?: Date;
  bodyIds?: number[];
  includeInternal: boolean;
  order: 'ASC' | 'DESC';
  offset?: number;
  limit?: number;
}

/**
 * The filter's conditions on `meetings` aliased `m` and `bodies` aliased `body` (removed bodies left
 * out), with their parameters: the one WHERE of every meeting list, for query builders and hand-written reads.
 */
export function meetingFilterSql(filter: MeetingFilter): { where: string; params: ObjectLiteral } {
  const conditions = ['body.deleted_at IS NULL', visibleMeetingSql('m', 'body', filter.includeInternal)];
  const params: ObjectLiteral = {};
  if (filter.endsFrom) {
    conditions.push('m.ends_at >= :endsFrom');
    params.endsFrom = filter.endsFrom;
  }
  if (filter.endsBefore) {
    conditions.push('m.ends_at < :endsBefore');
    params.endsBefore = filter.endsBefore;
  }
  if (filter.startsBefore) {
    conditions.push('m.starts_at < :startsBefore');
    params.startsBefore = filter.startsBefore;
  }
  if (filter.bodyIds) {
    if (filter.bodyIds.length === 0) conditions.push('1 = 0');
    else {
      conditions.push('m.body_id IN (:...bodyIds)');
      params.bodyIds = filter.bodyIds;
    }
  }
  return { where: conditions.join(' AND '), params };
}

const MEETING_COLUMNS = `m.id AS m_id, m.body_id AS m_body_id, m.title AS m_title, m.description AS m_description, m.starts_at AS m_starts_at,
  m.ends_at AS m_ends_at, m.location_id AS m_location_id, m.online_link AS m_online_link, m.state AS m_state, m.cancel_reason AS m_cancel_reason,
  m.invited_at AS m_invited_at, m.uid AS m_uid, m.sequence AS m_sequence, m.is_public AS m_is_public, m.series_id AS m_series_id,
  m.created_at AS m_created_at, m.updated_at AS m_updated_at,
  body.name AS b_name, body.short_name AS b_short_name, body.is_public AS b_is_public,
  l.id AS l_id, l.name AS l_name, l.room AS l_room, l.street AS l_street, l.postal_code AS l_postal_code, l.locality AS l_locality,
  l.accessibility_notes AS l_accessibility_notes, l.online_link AS l_online_link`;

const MEETING_FROM = `meetings m JOIN bodies body ON body.id = m.body_id LEFT JOIN locations l ON l.id = m.location_id`;

interface MeetingRow {
  m_id: number;
  m_body_id: number;
  m_title: string;
  m_description: string | null;
  m_starts_at: unknown;
  m_ends_at: unknown;
  m_location_id: number | null;
  m_online_link: string | null;
  m_state: MeetingState;
  m_cancel_reason: string | null;
  m_invited_at: unknown;
  m_uid: string;
  m_sequence: number;
  m_is_public: unknown;
  m_series_id: string | null;
  m_created_at: unknown;
  m_updated_at: unknown;
  b_name: string;
  b_short_name: string | null;
  b_is_public: unknown;
  l_id: number | null;
  l_name: string;
  l_room: string | null;
  l_street: string | null;
  l_postal_code: string | null;
  l_locality: string | null;
  l_accessibility_notes: string | null;
  l_online_link: string | null;
}

type Hydrate = (raw: unknown) => unknown;

/** Turns MEETING_COLUMNS rows into MeetingFacts, converting values as TypeORM would for the entity. */
function meetingMapper(manager: EntityManager): (r: MeetingRow) => MeetingFacts {
  const ds = manager.connection;
  const h = (property: string): Hydrate => columnHydrator(ds, Meeting, property);
  const [startsAt, endsAt, invitedAt, createdAt, updatedAt, bool] = [h('startsAt'), h('endsAt'), h('invitedAt'), h('createdAt'), h('updatedAt'), h('isPublic')];
  return (r) => ({
    id: Number(r.m_id),
    bodyId: Number(r.m_body_id),
    title: r.m_title,
    description: r.m_description,
    startsAt: startsAt(r.m_starts_at) as Date,
    endsAt: endsAt(r.m_ends_at) as Date,
    locationId: r.m_location_id === null ? null : Number(r.m_location_id),
    onlineLink: r.m_online_link,
    state: r.m_state,
    cancelReason: r.m_cancel_reason,
    invitedAt: invitedAt(r.m_invited_at) as Date | null,
    uid: r.m_uid,
    sequence: Number(r.m_sequence),
    isPublic: bool(r.m_is_public) === true,
    seriesId: r.m_series_id,
    createdAt: createdAt(r.m_created_at) as Date,
    updatedAt: updatedAt(r.m_updated_at) as Date,
    body: { id: Number(r.m_body_id), name: r.b_name, shortName: r.b_short_name, isPublic: bool(r.b_is_public) === true },
    location:
      r.l_id === null
        ? null
        : {
            id: Number(r.l_id),
            name: r.l_name,
            room: r.l_room,
            street: r.l_street,
            postalCode: r.l_postal_code,
            locality: r.l_locality,
            accessibilityNotes: r.l_accessibility_notes,
            onlineLink: r.l_online_link,
          },
  });
}

const AGENDA_COLUMNS = `a.id AS a_id, a.meeting_id AS a_meeting_id, a."number" AS a_number, a."position" AS a_position, a."level" AS a_level,
  a.title AS a_title, a.description AS a_description, a.is_public AS a_is_public, a.presenter AS a_presenter,
  a.planned_minutes AS a_planned_minutes, a.updated_at AS a_updated_at`;

interface AgendaRow {
  a_id: number | null;
  a_meeting_id: number;
  a_number: string;
  a_position: number;
  a_level: number;
  a_title: string;
  a_description: string | null;
  a_is_public: unknown;
  a_presenter: string | null;
  a_planned_minutes: number | null;
  a_updated_at: unknown;
}

function agendaMapper(manager: EntityManager): (r: AgendaRow) => AgendaFacts {
  const bool = columnHydrator(manager.connection, AgendaItem, 'isPublic');
  const updatedAt = columnHydrator(manager.connection, AgendaItem, 'updatedAt');
  return (r) => ({
    id: Number(r.a_id),
    meetingId: Number(r.a_meeting_id),
    number: r.a_number,
    position: Number(r.a_position),
    level: Number(r.a_level),
    title: r.a_title,
    description: r.a_description,
    isPublic: bool(r.a_is_public) === true,
    presenter: r.a_presenter,
    plannedMinutes: r.a_planned_minutes === null ? null : Number(r.a_planned_minutes),
    updatedAt: updatedAt(r.a_updated_at) as Date,
  });
}

/**
 * One meeting (whatever its visibility; removed bodies' meetings are none) with its body, place, its
 * whole agenda in order and the body's quorum rule — one statement (the meeting page).
 */
export async function readMeetingWithAgenda(manager: EntityManager, id: number): Promise<{ meeting: MeetingFacts; agenda: AgendaFacts[]; quorumRule: QuorumRule } | null> {
  const rows = await rawRows<MeetingRow & AgendaRow & { q_kind: QuorumRuleKind | null; q_value: number | null }>(
    manager,
    `SELECT ${MEETING_COLUMNS}, ${AGENDA_COLUMNS}, q.kind AS q_kind, q.value AS q_value
       FROM ${MEETING_FROM}
       LEFT JOIN agenda_items a ON a.meeting_id = m.id
       LEFT JOIN body_quorum_rules q ON q.body_id = m.body_id
      WHERE m.id = :id AND body.deleted_at IS NULL
      ORDER BY a."position" ASC, a.id ASC`,
    { id },
  );
  const [first] = rows;
  if (!first) return null;
  const item = agendaMapper(manager);
  return {
    meeting: meetingMapper(manager)(first),
    agenda: rows.filter((r) => r.a_id !== null).map(item),
    quorumRule: quorumRuleOf(first.q_kind === null ? null : { kind: first.q_kind, value: first.q_value === null ? null : Number(first.q_value) }),
  };
}

/** The meetings of a filter with body and place, in the filter's order (the calendar feeds: offset and limit are not applied). */
export async function readMeetings(manager: EntityManager, filter: MeetingFilter): Promise<MeetingFacts[]> {
  const { where, params } = meetingFilterSql(filter);
  const rows = await rawRows<MeetingRow>(manager, `SELECT ${MEETING_COLUMNS} FROM ${MEETING_FROM} WHERE ${where} ORDER BY m.starts_at ${filter.order}, m.id ${filter.order}`, params);
  return rows.map(meetingMapper(manager));
}

/**
 * The agendas of the meetings of a filter as calendar events list them, by meeting id, each in order —
 * one statement (the feeds: only the columns an event shows, a 500-meeting feed has thousands of items).
 */
export async function readEventAgendas(manager: EntityManager, filter: MeetingFilter): Promise<Map<number, EventAgendaFacts[]>> {
  const { where, params } = meetingFilterSql(filter);
  const rows = await rawRows<Pick<AgendaRow, 'a_meeting_id' | 'a_number' | 'a_title' | 'a_presenter' | 'a_is_public' | 'a_updated_at'>>(
    manager,
    `SELECT a.meeting_id AS a_meeting_id, a."number" AS a_number, a.title AS a_title, a.presenter AS a_presenter, a.is_public AS a_is_public,
            a.updated_at AS a_updated_at
       FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN bodies body ON body.id = m.body_id
      WHERE ${where} ORDER BY a.meeting_id, a."position" ASC, a.id ASC`,
    params,
  );
  const bool = columnHydrator(manager.connection, AgendaItem, 'isPublic');
  const updatedAt = columnHydrator(manager.connection, AgendaItem, 'updatedAt');
  const result = new Map<number, EventAgendaFacts[]>();
  for (const r of rows) {
    const a: EventAgendaFacts = {
      meetingId: Number(r.a_meeting_id),
      number: r.a_number,
      title: r.a_title,
      presenter: r.a_presenter,
      isPublic: bool(r.a_is_public) === true,
      updatedAt: updatedAt(r.a_updated_at) as Date,
    };
    const list = result.get(a.meetingId);
    if (list) list.push(a);
    else result.set(a.meetingId, [a]);
  }
  return result;
}

/** A current membership of the meeting page with the member's answer (or none). */
export interface AttendanceListing {
  membership: AttendanceMembership;
  attendance: AttendanceAnswer | null;
}

/**
 * The body's memberships current on `day` (the one rule; people removed from the directory left out),
 * each with the member's answer to the meeting and its deputy, by person sort key — and, when
 * `viewerPersonId` is given, the other people of that person's organisation (the deputies they may
 * name besides the members), joined to the viewer's own rows: the meeting page's attendance in one statement.
 */
export async function readCurrentMembershipsWithAttendance(
  manager: EntityManager,
  bodyId: number,
  day: string,
  meetingId: number,
  viewerPersonId: number | null,
): Promise<{ rows: AttendanceListing[]; colleagues: PersonNameFacts[] }> {
  const colleagueColumns =
    viewerPersonId === null
      ? 'NULL AS c_id, NULL AS c_academic_title, NULL AS c_given_name, NULL AS c_family_name, NULL AS c_sort_key, NULL AS c_organisation_id'
      : 'c.id AS c_id, c.academic_title AS c_academic_title, c.given_name AS c_given_name, c.family_name AS c_family_name, c.sort_key AS c_sort_key, c.organisation_id AS c_organisation_id';
  const colleagueJoin =
    viewerPersonId === null ? '' : 'LEFT JOIN people c ON ms.person_id = :viewerPersonId AND c.organisation_id = p.organisation_id AND c.id <> p.id AND c.deleted_at IS NULL';
  const rows = await rawRows<{
    ms_id: number;
    ms_person_id: number;
    ms_role: MembershipRole;
    ms_voting_right: unknown;
    p_academic_title: string | null;
    p_given_name: string;
    p_family_name: string;
    p_sort_key: string;
    p_organisation_id: number | null;
    att_id: number | null;
    att_response: RsvpResponse;
    att_deputy_person_id: number | null;
    att_attended: Attended | null;
    d_id: number | null;
    d_academic_title: string | null;
    d_given_name: string;
    d_family_name: string;
    d_sort_key: string;
    d_organisation_id: number | null;
    c_id: number | null;
    c_academic_title: string | null;
    c_given_name: string;
    c_family_name: string;
    c_sort_key: string;
    c_organisation_id: number | null;
  }>(
    manager,
    `SELECT ms.id AS ms_id, ms.person_id AS ms_person_id, ms.role AS ms_role, ms.voting_right AS ms_voting_right,
            p.academic_title AS p_academic_title, p.given_name AS p_given_name, p.family_name AS p_family_name, p.sort_key AS p_sort_key,
            p.organisation_id AS p_organisation_id,
            att.id AS att_id, att.response AS att_response, att.deputy_person_id AS att_deputy_person_id, att.attended AS att_attended,
            d.id AS d_id, d.academic_title AS d_academic_title, d.given_name AS d_given_name, d.family_name AS d_family_name, d.sort_key AS d_sort_key,
            d.organisation_id AS d_organisation_id,
            ${colleagueColumns}
       FROM memberships ms
       JOIN people p ON p.id = ms.person_id AND p.deleted_at IS NULL
       LEFT JOIN attendances att ON att.meeting_id = :meetingId AND att.person_id = ms.person_id
       LEFT JOIN people d ON d.id = att.deputy_person_id AND d.deleted_at IS NULL
       ${colleagueJoin}
      WHERE ms.body_id = :bodyId AND ${currentMembershipSql('ms', 'day')}
      ORDER BY p.sort_key ASC, ms.id ASC${viewerPersonId === null ? '' : ', c.sort_key ASC, c.id ASC'}`,
    { bodyId, day, meetingId, ...(viewerPersonId === null ? {} : { viewerPersonId }) },
  );
  const bool = columnHydrator(manager.connection, Membership, 'votingRight');
  const orgId = (v: number | null): number | null => (v === null ? null : Number(v));
  const listings: AttendanceListing[] = [];
  const colleagues = new Map<number, PersonNameFacts>();
  let last: AttendanceListing | undefined;
  for (const r of rows) {
    if (r.c_id !== null) {
      const id = Number(r.c_id);
      if (!colleagues.has(id))
        {colleagues.set(id, { id, academicTitle: r.c_academic_title, givenName: r.c_given_name, familyName: r.c_family_name, sortKey: r.c_sort_key, organisationId: orgId(r.c_organisation_id) });}
    }
    if (last && last.membership.id === Number(r.ms_id)) continue; // a further colleague of the same row
    const personId = Number(r.ms_person_id);
    last = {
      membership: {
        id: Number(r.ms_id),
        bodyId,
        personId,
        role: r.ms_role,
        votingRight: bool(r.ms_voting_right) === true,
        person: { id: personId, academicTitle: r.p_academic_title, givenName: r.p_given_name, familyName: r.p_family_name, sortKey: r.p_sort_key, organisationId: orgId(r.p_organisation_id) },
      },
      attendance:
        r.att_id === null
          ? null
          : {
              response: r.att_response,
              deputyPersonId: r.att_deputy_person_id === null ? null : Number(r.att_deputy_person_id),
              deputyPerson:
                r.d_id === null
                  ? null
                  : { id: Number(r.d_id), academicTitle: r.d_academic_title, givenName: r.d_given_name, familyName: r.d_family_name, sortKey: r.d_sort_key, organisationId: orgId(r.d_organisation_id) },
              attended: r.att_attended,
            },
    };
    listings.push(last);
  }
  return { rows: listings, colleagues: [...colleagues.values()] };
}

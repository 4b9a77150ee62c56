import { Injectable } from '@nestjs/common';
import { isMember, type Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import { notFound } from '../common/errors/user-facing.js';
import type { AgendaFacts, AttendanceListing, MeetingFacts, PersonNameFacts } from './meeting-reads.js';
import { berlinDay } from '../common/dates.js';
import { canViewMeeting, seesInternalMeetings, visibleAgendaItems } from './meeting-visibility.js';
import { quorumForecast, type QuorumForecast } from './meeting-rules.js';
import type { Meeting } from './meeting.entity.js';
import { MeetingsRepository } from './meetings.repository.js';
import { type QuorumRule, quorumRuleOf, quorumRuleText } from '../bodies/quorum.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';

/** One current member of the body on the meeting day with their answer (or none). */
export type AttendanceRow = AttendanceListing;

export interface AttendanceOverview {
  rows: AttendanceRow[];
  quorum: QuorumForecast;
  /** The body's quorum rule in words. */
  quorumRule: string;
}

export interface MeetingDetail {
  meeting: MeetingFacts;
  agenda: AgendaFacts[];
  /** Members only: every current member with their answer, and the quorum forecast. */
  attendance: AttendanceOverview | null;
  /** Memberships the viewer's person holds in the body on the meeting day (may answer the invitation). */
  viewerMemberships: AttendanceRow['membership'][];
  /** Whom the viewer may name as deputy (deputyCandidatesAmong); empty unless they hold such a membership. */
  deputyCandidates: PersonNameFacts[];
}

export type MeetingScope = 'upcoming' | 'past';

export interface MeetingListQuery {
  scope: MeetingScope;
  bodyId?: number;
  offset: number;
  limit: number;
}

/**
 * Deputy candidates for a member: the other current members of the body (`memberships`: the body's
 * current memberships on the meeting day, with their people) and the other people of the member's
 * organisation (`colleagues`), each once, by sort key.
 */
export function deputyCandidatesAmong<P extends { id: number; sortKey: string }>(memberships: readonly { personId: number; person: P }[], personId: number, colleagues: readonly P[]): P[] {
  const candidates = new Map<number, P>();
  for (const m of memberships) if (m.personId !== personId) candidates.set(m.personId, m.person);
  for (const p of colleagues) if (p.id !== personId) candidates.set(p.id, p);
  return [...candidates.values()].sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}

/** The meeting if the viewer may see it; else 404 (revealing nothing). */
function visibleOrNotFound<M extends { isPublic: boolean; body: { isPublic: boolean } }>(meeting: M | null, viewer: Viewer): M {
  if (!meeting || !canViewMeeting(meeting, meeting.body, viewer)) throw notFound('Diese Sitzung gibt es nicht.');
  return meeting;
}

/** Reading meetings as a viewer may see them: internal meetings and agenda items only for members. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly policy: BodyPolicyService,
  ) {}

  /** Upcoming (not yet ended, soonest first) or past (most recent first) meetings. */
  list(viewer: Viewer, query: MeetingListQuery, now: Date = new Date()): Promise<[Meeting[], number]> {
    const upcoming = query.scope === 'upcoming';
    return this.repository.findPage({
      includeInternal: seesInternalMeetings(viewer),
      bodyIds: query.bodyId === undefined ? undefined : [query.bodyId],
      endsFrom: upcoming ? now : undefined,
      endsBefore: upcoming ? undefined : now,
      order: upcoming ? 'ASC' : 'DESC',
      offset: query.offset,
      limit: query.limit,
    });
  }

  /** Meetings starting in [from, to), soonest first. */
  between(viewer: Viewer, from: Date, to: Date, bodyId?: number): Promise<Meeting[]> {
    return this.repository.findAll({
      includeInternal: seesInternalMeetings(viewer),
      bodyIds: bodyId === undefined ? undefined : [bodyId],
      endsFrom: from,
      startsBefore: to,
      order: 'ASC',
    });
  }

  /**
   * The next meetings (not yet ended), for the start page and a body's page. Others call this:
   * e.g. `meetings.upcoming(viewer, { bodyId, limit: 3 })` and render with upcomingMeetingsView().
   */
  upcoming(viewer: Viewer, options: { bodyId?: number; limit: number }, now: Date = new Date()): Promise<Meeting[]> {
    return this.repository.findFirst({
      includeInternal: seesInternalMeetings(viewer),
      bodyIds: options.bodyId === undefined ? undefined : [options.bodyId],
      endsFrom: now,
      order: 'ASC',
      limit: options.limit,
    });
  }

  /** Bodies for the filter, as the viewer may see them. */
  bodies(viewer: Viewer): Promise<Body[]> {
    return this.repository.findBodies(seesInternalMeetings(viewer));
  }

  /** A body the viewer may see, or 404. */
  async visibleBody(id: number, viewer: Viewer): Promise<Body> {
    const body = await this.repository.findBody(id);
    if (!body || !(body.isPublic || isMember(viewer))) throw notFound('Dieses Gremium gibt es nicht.');
    return body;
  }

  /** A meeting the viewer may see (with body and location), or 404. */
  async visibleMeeting(id: number, viewer: Viewer): Promise<Meeting> {
    return visibleOrNotFound(await this.repository.findById(id), viewer);
  }

  /** The meeting page's reads, plain rows: the meeting with its agenda (one statement), for members the attendance (one more). */
  async detail(id: number, viewer: Viewer): Promise<MeetingDetail> {
    const found = await this.repository.findByIdWithAgenda(id);
    const meeting = visibleOrNotFound(found?.meeting ?? null, viewer);
    const agenda = visibleAgendaItems(found?.agenda ?? [], viewer);
    if (viewer.kind !== 'member') return { meeting, agenda, attendance: null, viewerMemberships: [], deputyCandidates: [] };
    const { overview, colleagues } = await this.attendanceOverview(meeting, found?.quorumRule ?? quorumRuleOf(null), viewer.personId);
    const personId = viewer.personId;
    const viewerMemberships = personId === null ? [] : overview.rows.filter((r) => r.membership.personId === personId).map((r) => r.membership);
    const deputyCandidates =
      personId === null || viewerMemberships.length === 0
        ? []
        : deputyCandidatesAmong(
            overview.rows.map((r) => r.membership),
            personId,
            colleagues,
          );
    return { meeting, agenda, attendance: overview, viewerMemberships, deputyCandidates };
  }

  /**
   * Every current member of the body on the meeting day, their answer, and the quorum forecast by the
   * body's rule; with `viewerPersonId`, also the other people of that person's organisation.
   */
  async attendanceOverview(
    meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>,
    rule: QuorumRule,
    viewerPersonId: number | null = null,
  ): Promise<{ overview: AttendanceOverview; colleagues: PersonNameFacts[] }> {
    const { rows: memberships, colleagues } = await this.repository.findCurrentMembershipsWithAttendance(meeting.bodyId, berlinDay(meeting.startsAt), meeting.id, viewerPersonId);
    // One row per person: their highest-ranking current membership (the read orders by person).
    const seen = new Set<number>();
    const rows: AttendanceRow[] = [];
    for (const { membership, attendance } of memberships) {
      if (seen.has(membership.personId)) {
        const existing = rows.find((r) => r.membership.personId === membership.personId);
        if (existing && membership.votingRight && !existing.membership.votingRight) existing.membership = membership;
        continue;
      }
      seen.add(membership.personId);
      rows.push({ membership, attendance });
    }
    const quorum = quorumForecast(
      rows
        .filter((r) => r.membership.votingRight)
        .map((r) => ({ response: r.attendance?.response ?? 'none', hasDeputy: r.attendance?.deputyPersonId !== null && r.attendance?.deputyPersonId !== undefined })),
      rule,
    );
    return { overview: { rows, quorum, quorumRule: quorumRuleText(rule) }, colleagues };
  }

  /** The body's chair on the meeting day (deputy chair when there is none), with emails; or null. */
  async chairOf(meeting: Meeting): Promise<Membership | null> {
    const chairs = await this.policy.currentChairs([meeting.bodyId], berlinDay(meeting.startsAt));
    return chairs[0] ?? null;
  }
}

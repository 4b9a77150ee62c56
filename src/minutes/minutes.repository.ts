import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Attendance } from '../meetings/attendance.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PeopleService } from '../people/people.service.js';
import type { Person } from '../people/person.entity.js';
import { ActionItem } from './action-item.entity.js';
import { Decision } from './decision.entity.js';
import { MinutesAmendment } from './minutes-amendment.entity.js';
import { MinutesItem } from './minutes-item.entity.js';
import { Minutes } from './minutes.entity.js';

/** Which decisions / action items a viewer may list (see MinutesService for the rules). */
export interface ListScope {
  /** Anonymous: approved minutes of public meetings of public bodies, public agenda items only. */
  publicOnly: boolean;
  /** Bodies whose draft minutes the viewer edits ('all' for administrators). */
  draftBodies: number[] | 'all';
}

export interface DecisionFilter {
  bodyId?: number;
  year?: number;
  /** Folded search words, all must occur. */
  words: string[];
  offset: number;
  limit: number;
}

export interface ActionItemFilter {
  bodyId?: number;
  personId?: number;
  organisationId?: number;
  /** 'open' (default), 'overdue' (open and due before today), 'done', 'all'. */
  state: 'open' | 'overdue' | 'done' | 'all';
  today: string;
  offset: number;
  limit: number;
}

/**
 * Queries for minutes, decisions and action items, named for what the caller wants. Minutes owns
 * only its own tables; meetings, agendas, attendance, memberships, people and organisations are
 * read through the modules that own them.
 */
@Injectable()
export class MinutesRepository {
  constructor(
    @InjectRepository(Minutes) private readonly minutes: Repository<Minutes>,
    @InjectRepository(MinutesItem) private readonly items: Repository<MinutesItem>,
    @InjectRepository(MinutesAmendment) private readonly amendments: Repository<MinutesAmendment>,
    @InjectRepository(Decision) private readonly decisions: Repository<Decision>,
    @InjectRepository(ActionItem) private readonly actionItems: Repository<ActionItem>,
    private readonly meetings: MeetingsRepository,
    private readonly people: PeopleService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** A meeting with its body and location, whatever its visibility; null when it or its body is gone. */
  findMeeting(id: number): Promise<Meeting | null> {
    return this.meetings.findById(id);
  }

  findAgenda(meetingId: number): Promise<AgendaItem[]> {
    return this.meetings.findAgenda(meetingId);
  }

  findMinutesOfMeeting(meetingId: number): Promise<Minutes | null> {
    return this.minutes.findOne({
      where: { meetingId },
      relations: { chairPerson: true, recorderPerson: true, approvedInMeeting: true },
    });
  }

  /** The status of the meeting's minutes (null: none yet), one narrow read: the meeting page's link. */
  async findStatusOfMeeting(meetingId: number): Promise<Minutes['status'] | null> {
    const row = await this.minutes
      .createQueryBuilder('mi')
      .select('mi.status', 'status')
      .where('mi.meeting_id = :meetingId', { meetingId })
      .getRawOne<{ status: Minutes['status'] }>();
    return row?.status ?? null;
  }

  /** For several meetings at once (meeting lists, body pages): meeting id → minutes status. */
  async findStatusesOfMeetings(meetingIds: number[]): Promise<Map<number, Minutes>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await this.minutes.find({ where: { meetingId: In(meetingIds) } });
    return new Map(rows.map((m) => [m.meetingId, m]));
  }

  findItems(minutesId: number): Promise<MinutesItem[]> {
    return this.items.find({ where: { minutesId } });
  }

  findAmendments(minutesId: number): Promise<MinutesAmendment[]> {
    return this.amendments.find({ where: { minutesId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findDecisionsOfMinutes(minutesId: number): Promise<Decision[]> {
    return this.decisions.find({ where: { minutesId }, order: { year: 'ASC', sequence: 'ASC' } });
  }

  findDecision(id: number): Promise<Decision | null> {
    return this.decisions.findOne({ where: { id } });
  }

  findActionItemsOfMeeting(meetingId: number): Promise<ActionItem[]> {
    return this.actionItems.find({
      where: { meetingId },
      relations: { responsiblePerson: true, responsibleOrganisation: true },
      order: { dueDate: 'ASC', id: 'ASC' },
    });
  }

  findActionItem(id: number): Promise<ActionItem | null> {
    return this.actionItems.findOne({ where: { id }, relations: { meeting: { body: true }, agendaItem: true } });
  }

  /** Attendance rows of the meeting with person and deputy. */
  findAttendance(meetingId: number): Promise<Attendance[]> {
    return this.meetings.findAttendances(meetingId);
  }

  /** Memberships of the body current on the date (YYYY-MM-DD), with person and organisation represented. */
  findMembershipsOn(bodyId: number, day: string): Promise<Membership[]> {
    return this.meetings.findCurrentMemberships([bodyId], day);
  }

  findPeople(ids: number[]): Promise<Person[]> {
    return this.meetings.findPeople(ids);
  }

  async findPerson(id: number): Promise<Person | null> {
    return (await this.meetings.findPeople([id]))[0] ?? null;
  }

  async findOrganisation(id: number): Promise<Pick<Organisation, 'id' | 'name'> | null> {
    return (await this.organisations.options()).find((o) => o.id === id) ?? null;
  }

  /** Everyone in the directory, for "responsible" and "deputy" choices. */
  findPeopleOptions(): Promise<Person[]> {
    return this.people.options();
  }

  findOrganisationOptions(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.organisations.options();
  }

  findBodyOptions(includeInternal: boolean): Promise<Body[]> {
    return this.meetings.findBodies(includeInternal);
  }

  /** Later, not cancelled meetings of the body — candidates for approving the minutes. */
  findLaterMeetings(bodyId: number, after: Date): Promise<Meeting[]> {
    return this.meetings.findLaterMeetings(bodyId, after);
  }

  /** How many not cancelled meetings of the body started in the same year before this one (for the minutes number). */
  countEarlierMeetingsInYear(bodyId: number, yearStart: Date, startsAt: Date, meetingId: number): Promise<number> {
    return this.meetings.countEarlierMeetingsInYear(bodyId, yearStart, startsAt, meetingId);
  }

  /** Decisions the scope may see, filtered, newest first; with minutes, meeting, agenda item and body. */
  findDecisionPage(scope: ListScope, filter: DecisionFilter): Promise<[Decision[], number]> {
    const qb = this.decisions
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.minutes', 'mn')
      .innerJoinAndSelect('mn.meeting', 'mt')
      .innerJoinAndSelect('d.agendaItem', 'ai')
      .innerJoinAndSelect('d.body', 'b');
    this.applyScope(qb, scope, 'mn', 'mt', 'ai', 'b');
    if (filter.bodyId !== undefined) qb.andWhere('d.bodyId = :bodyId', { bodyId: filter.bodyId });
    if (filter.year !== undefined) qb.andWhere('d.year = :year', { year: filter.year });
    filter.words.forEach((word, i) => {
      qb.andWhere(`d.searchText LIKE :w${i}`, { [`w${i}`]: `%${escapeLike(word)}%` });
    });
    return qb
      .orderBy('mt.startsAt', 'DESC')
      .addOrderBy('d.sequence', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
  }

  /** The years that have decisions the scope may see, newest first. */
  async findDecisionYears(scope: ListScope): Promise<number[]> {
    const qb = this.decisions
      .createQueryBuilder('d')
      .innerJoin('d.minutes', 'mn')
      .innerJoin('mn.meeting', 'mt')
      .innerJoin('d.agendaItem', 'ai')
      .innerJoin('d.body', 'b')
      .select('DISTINCT d.year', 'year');
    this.applyScope(qb, scope, 'mn', 'mt', 'ai', 'b');
    const rows = await qb.getRawMany<{ year: number | string }>();
    return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
  }

  /** The latest decisions of one body the scope may see (for the body page). */
  findRecentDecisionsOfBody(scope: ListScope, bodyId: number, limit: number): Promise<Decision[]> {
    const qb = this.decisions
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.minutes', 'mn')
      .innerJoinAndSelect('mn.meeting', 'mt')
      .innerJoinAndSelect('d.agendaItem', 'ai')
      .innerJoinAndSelect('d.body', 'b')
      .where('d.bodyId = :bodyId', { bodyId });
    this.applyScope(qb, scope, 'mn', 'mt', 'ai', 'b');
    // one statement: every join is many-to-one, so a plain LIMIT is exact (take would add a DISTINCT query)
    return qb.orderBy('mt.startsAt', 'DESC').addOrderBy('d.sequence', 'DESC').addOrderBy('d.id', 'DESC').limit(limit).getMany();
  }

  /** Action items the scope may see (never anonymous), filtered; open ones by due date. */
  findActionItemPage(scope: ListScope, filter: ActionItemFilter): Promise<[ActionItem[], number]> {
    const qb = this.actionItems
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.meeting', 'mt')
      .innerJoinAndSelect('a.body', 'b')
      .innerJoin(Minutes, 'mn', 'mn.meetingId = a.meetingId')
      .leftJoinAndSelect('a.agendaItem', 'ai')
      .leftJoinAndSelect('a.responsiblePerson', 'rp')
      .leftJoinAndSelect('a.responsibleOrganisation', 'ro');
    qb.where('b.deletedAt IS NULL');
    this.applyDraftRule(qb, scope, 'mn', 'b');
    if (filter.bodyId !== undefined) qb.andWhere('a.bodyId = :bodyId', { bodyId: filter.bodyId });
    if (filter.personId !== undefined) qb.andWhere('a.responsiblePersonId = :personId', { personId: filter.personId });
    if (filter.organisationId !== undefined) qb.andWhere('a.responsibleOrganisationId = :orgId', { orgId: filter.organisationId });
    if (filter.state === 'open') qb.andWhere("a.status = 'open'");
    if (filter.state === 'done') qb.andWhere("a.status = 'done'");
    if (filter.state === 'overdue') qb.andWhere("a.status = 'open'").andWhere('a.dueDate IS NOT NULL').andWhere('a.dueDate < :today', { today: filter.today });
    if (filter.state === 'done') {
      qb.orderBy('a.doneAt', 'DESC');
    } else {
      // open items: earliest due date first, those without a due date last
      qb.orderBy('a.dueDate', 'ASC', 'NULLS LAST');
    }
    return qb.addOrderBy('a.id', 'ASC').skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  private applyScope(qb: SelectQueryBuilder<Decision>, scope: ListScope, mn: string, mt: string, ai: string, b: string): void {
    qb.andWhere(`${b}.deletedAt IS NULL`);
    if (scope.publicOnly) {
      qb.andWhere(`${mn}.status = 'approved'`)
        .andWhere(`${mt}.isPublic = :yes`, { yes: true })
        .andWhere(`${b}.isPublic = :yes`, { yes: true })
        .andWhere(`${ai}.isPublic = :yes`, { yes: true });
      return;
    }
    this.applyDraftRule(qb, scope, mn, b);
  }

  /** Members see circulated and approved minutes' records; editors also their bodies' drafts. */
  private applyDraftRule<T extends object>(qb: SelectQueryBuilder<T>, scope: ListScope, mn: string, b: string): void {
    if (scope.publicOnly) {
      qb.andWhere('1 = 0');
      return;
    }
    if (scope.draftBodies === 'all') return;
    if (scope.draftBodies.length === 0) {
      qb.andWhere(`${mn}.status <> 'draft'`);
      return;
    }
    qb.andWhere(
      new Brackets((w) => w.where(`${mn}.status <> 'draft'`).orWhere(`${b}.id IN (:...draftBodies)`, { draftBodies: scope.draftBodies })),
    );
  }
}

/** LIKE wildcards typed by the user are dropped (searched text is folded words, which never need them). */
function escapeLike(word: string): string {
  return word.replace(/[%_]/g, '');
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import type { QuorumRule } from '../bodies/quorum.js';
import { Person } from '../people/person.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Attendance } from './attendance.entity.js';
import { Location } from './location.entity.js';
import { Meeting } from './meeting.entity.js';
import {
  type AgendaFacts,
  type AttendanceListing,
  type MeetingFacts,
  type MeetingFilter,
  meetingFilterSql,
  type PersonNameFacts,
  readEventAgendas,
  type EventAgendaFacts,
  readCurrentMembershipsWithAttendance,
  readMeetings,
  readMeetingWithAgenda,
} from './meeting-reads.js';

export type { MeetingFilter } from './meeting-reads.js';

/** Queries about meetings, agendas, locations and attendance, named for what the caller wants. */
@Injectable()
export class MeetingsRepository {
  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(AgendaItem) private readonly agendaItems: Repository<AgendaItem>,
    @InjectRepository(Location) private readonly locations: Repository<Location>,
    @InjectRepository(Attendance) private readonly attendances: Repository<Attendance>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(Body) private readonly bodies: Repository<Body>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
  ) {}

  private base(): SelectQueryBuilder<Meeting> {
    return this.meetings
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.body', 'body')
      .leftJoinAndSelect('m.location', 'location')
      .where('body.deletedAt IS NULL');
  }

  private filtered(filter: MeetingFilter): SelectQueryBuilder<Meeting> {
    const { where, params } = meetingFilterSql(filter);
    return this.base().andWhere(where, params).orderBy('m.startsAt', filter.order).addOrderBy('m.id', filter.order);
  }

  /** A page of meetings and the total count. */
  findPage(filter: MeetingFilter): Promise<[Meeting[], number]> {
    const q = this.filtered(filter);
    if (filter.offset !== undefined) q.skip(filter.offset);
    if (filter.limit !== undefined) q.take(filter.limit);
    return q.getManyAndCount();
  }

  /**
   * The first `limit` meetings, one statement: the joins are many-to-one (body, place), so a plain
   * LIMIT is exact (take/skip would add a DISTINCT query and a count).
   */
  findFirst(filter: MeetingFilter & { limit: number }): Promise<Meeting[]> {
    return this.filtered(filter).limit(filter.limit).getMany();
  }

  findAll(filter: MeetingFilter): Promise<Meeting[]> {
    return this.filtered(filter).getMany();
  }

  /** One meeting with body and location (whatever its visibility). */
  findById(id: number): Promise<Meeting | null> {
    return this.base().andWhere('m.id = :id', { id }).getOne();
  }

  /** Meetings (not cancelled) overlapping [startsAt, endsAt), with body and location. */
  findOverlapping(startsAt: Date, endsAt: Date): Promise<Meeting[]> {
    return this.base()
      .andWhere('m.state <> :cancelled', { cancelled: 'cancelled' })
      .andWhere('m.startsAt < :endsAt AND m.endsAt > :startsAt', { startsAt, endsAt })
      .orderBy('m.startsAt', 'ASC')
      .getMany();
  }

  /** One meeting with body, place, its agenda in order and the body's quorum rule, as plain rows in one statement (the meeting page). */
  findByIdWithAgenda(id: number): Promise<{ meeting: MeetingFacts; agenda: AgendaFacts[]; quorumRule: QuorumRule } | null> {
    return readMeetingWithAgenda(this.meetings.manager, id);
  }

  /** The meetings of a filter with body and place as plain rows (the calendar feeds). */
  readAll(filter: MeetingFilter): Promise<MeetingFacts[]> {
    return readMeetings(this.meetings.manager, filter);
  }

  /** The agendas of a filter's meetings as events list them, by meeting id, as plain rows (the calendar feeds). */
  readEventAgendas(filter: MeetingFilter): Promise<Map<number, EventAgendaFacts[]>> {
    return readEventAgendas(this.meetings.manager, filter);
  }

  findAgenda(meetingId: number): Promise<AgendaItem[]> {
    return this.agendaItems.find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
  }

  findAgendaItem(id: number): Promise<AgendaItem | null> {
    return this.agendaItems.findOne({ where: { id } });
  }

  /** Memberships of the bodies current on a day (ISO date), with the person; deleted people left out. */
  findCurrentMemberships(bodyIds: number[], day: string): Promise<Membership[]> {
    if (bodyIds.length === 0) return Promise.resolve([]);
    return this.currentMembershipsQuery(bodyIds, day).getMany();
  }

  /** Current memberships of the bodies on a day with person, organisation and represented organisation, in list order. */
  private currentMembershipsQuery(bodyIds: number[], day: string) {
    return this.memberships
      .createQueryBuilder('ms')
      .innerJoinAndSelect('ms.person', 'person')
      .leftJoinAndSelect('person.organisation', 'organisation')
      .leftJoinAndSelect('ms.onBehalfOf', 'onBehalfOf')
      .where('ms.bodyId IN (:...bodyIds)', { bodyIds })
      .andWhere(currentMembershipSql('ms', 'day'), { day })
      .andWhere('person.deletedAt IS NULL')
      .orderBy('person.sortKey', 'ASC')
      .addOrderBy('ms.id', 'ASC');
  }

  /**
   * The body's memberships current on the meeting day with each member's answer and deputy, and the
   * viewer's colleagues (readCurrentMembershipsWithAttendance): the meeting page's attendance in one statement.
   */
  findCurrentMembershipsWithAttendance(
    bodyId: number,
    day: string,
    meetingId: number,
    viewerPersonId: number | null,
  ): Promise<{ rows: AttendanceListing[]; colleagues: PersonNameFacts[] }> {
    return readCurrentMembershipsWithAttendance(this.meetings.manager, bodyId, day, meetingId, viewerPersonId);
  }

  /** The bodies a person currently belongs to (any role). */
  async findBodyIdsOfPerson(personId: number, day: string): Promise<number[]> {
    const rows = await this.memberships
      .createQueryBuilder('ms')
      .innerJoin('ms.body', 'body')
      .select('DISTINCT ms.bodyId', 'bodyId')
      .where('ms.personId = :personId', { personId })
      .andWhere('body.deletedAt IS NULL')
      .andWhere(currentMembershipSql('ms', 'day'), { day })
      .getRawMany<{ bodyId: number }>();
    return rows.map((r) => Number(r.bodyId));
  }

  findAttendances(meetingId: number): Promise<Attendance[]> {
    return this.attendances.find({ where: { meetingId }, relations: { person: true, deputyPerson: true } });
  }

  findAttendance(meetingId: number, personId: number): Promise<Attendance | null> {
    return this.attendances.findOne({ where: { meetingId, personId }, relations: { deputyPerson: true } });
  }

  findBody(id: number): Promise<Body | null> {
    return this.bodies.findOne({ where: { id } });
  }

  /** Bodies for filters and forms, alphabetically. */
  findBodies(includeInternal: boolean): Promise<Body[]> {
    return this.bodies.find({ where: includeInternal ? {} : { isPublic: true }, order: { name: 'ASC' } });
  }

  findLocations(): Promise<Location[]> {
    return this.locations.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  findLocation(id: number): Promise<Location | null> {
    return this.locations.findOne({ where: { id } });
  }

  /** Later, not cancelled meetings of the body (at most 20, soonest first) — e.g. to approve minutes in. */
  findLaterMeetings(bodyId: number, after: Date): Promise<Meeting[]> {
    return this.meetings
      .createQueryBuilder('mt')
      .where('mt.bodyId = :bodyId', { bodyId })
      .andWhere('mt.startsAt > :after', { after })
      .andWhere("mt.state <> 'cancelled'")
      .orderBy('mt.startsAt', 'ASC')
      .take(20)
      .getMany();
  }

  /** How many not cancelled meetings of the body started in the same year before this one (running number). */
  countEarlierMeetingsInYear(bodyId: number, yearStart: Date, startsAt: Date, meetingId: number): Promise<number> {
    return this.meetings
      .createQueryBuilder('mt')
      .where('mt.bodyId = :bodyId', { bodyId })
      .andWhere("mt.state <> 'cancelled'")
      .andWhere('mt.startsAt >= :yearStart', { yearStart })
      .andWhere(
        new Brackets((w) =>
          w.where('mt.startsAt < :startsAt', { startsAt }).orWhere(new Brackets((x) => x.where('mt.startsAt = :startsAt', { startsAt }).andWhere('mt.id < :meetingId', { meetingId }))),
        ),
      )
      .getCount();
  }

  findPeople(ids: number[]): Promise<Person[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.people.find({ where: { id: In(ids) } });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Circular, CircularRecipient, CircularTarget } from '../circulars/circular.entity.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { DatePoll, DatePollResponse } from '../polls/date-poll.entity.js';

/** An open date poll of one of my bodies. */
export interface MyOpenPoll {
  id: number;
  title: string;
  bodyName: string;
  deadline: Date;
  answered: boolean;
}

/** A circular I received or that went to one of my bodies. */
export interface MyCircular {
  id: number;
  subject: string;
  senderName: string;
  createdAt: Date;
}

/** Reads Meine Seite needs beyond what the domain services offer. */
@Injectable()
export class MyPageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's answers for these meetings, by meeting id. */
  async answersOf(personId: number, meetingIds: readonly number[]): Promise<Map<number, Attendance>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Attendance).find({ where: { personId, meetingId: In([...meetingIds]) } });
    return new Map(rows.map((a) => [a.meetingId, a]));
  }

  /** Open date polls of these bodies, the earliest deadline first, with whether the person answered. */
  async openPolls(personId: number, bodyIds: readonly number[], limit: number): Promise<MyOpenPoll[]> {
    if (bodyIds.length === 0) return [];
    const polls = await this.dataSource.getRepository(DatePoll).find({
      select: { id: true, title: true, deadline: true, body: { id: true, name: true } },
      relations: { body: true },
      where: { bodyId: In([...bodyIds]), state: 'open' },
      order: { deadline: 'ASC', id: 'ASC' },
      take: limit,
    });
    if (polls.length === 0) return [];
    const answered = await this.dataSource.getRepository(DatePollResponse).find({ select: { pollId: true }, where: { personId, pollId: In(polls.map((p) => p.id)) } });
    const answeredIds = new Set(answered.map((r) => r.pollId));
    return polls.map((p) => ({ id: p.id, title: p.title, bodyName: p.body.name, deadline: p.deadline, answered: answeredIds.has(p.id) }));
  }

  /** The latest circulars sent to the person or to one of these bodies. */
  async recentCirculars(personId: number, bodyIds: readonly number[], limit: number): Promise<MyCircular[]> {
    const qb = this.dataSource
      .getRepository(Circular)
      .createQueryBuilder('c')
      .select(['c.id', 'c.subject', 'c.senderName', 'c.createdAt'])
      .where((w) => {
        const toMe = w.subQuery().select('rc.circular_id').from(CircularRecipient, 'rc').where('rc.person_id = :personId').getQuery();
        if (bodyIds.length === 0) return `c.id IN ${toMe}`;
        const toMyBodies = w.subQuery().select('t.circular_id').from(CircularTarget, 't').where('t.body_id IN (:...bodyIds)').getQuery();
        return `(c.id IN ${toMe} OR c.id IN ${toMyBodies})`;
      })
      .setParameters({ personId, bodyIds: [...bodyIds] })
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit);
    const rows = await qb.getMany();
    return rows.map((c) => ({ id: c.id, subject: c.subject, senderName: c.senderName, createdAt: c.createdAt }));
  }
}

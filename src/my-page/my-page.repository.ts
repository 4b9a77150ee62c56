import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Attendance } from '../meetings/attendance.entity.js';

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
}

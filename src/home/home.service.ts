import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isMember, type Viewer } from '../auth/viewer.js';
import { Body, type BodyKind } from '../bodies/body.entity.js';
import { Membership } from '../bodies/membership.entity.js';
import { todayInBerlin } from '../common/dates.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';

export interface HomeOverview {
  counts: { people: number; organisations: number; bodies: number };
  bodies: { id: number; name: string; kind: BodyKind; memberCount: number }[];
}

/** The network in one glance: its bodies with their current member counts, and totals. */
@Injectable()
export class HomeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(viewer: Viewer): Promise<HomeOverview> {
    const today = todayInBerlin();
    const bodiesQuery = this.dataSource
      .getRepository(Body)
      .createQueryBuilder('b')
      .leftJoin(Membership, 'm', 'm.body_id = b.id AND (m.end_date IS NULL OR m.end_date >= :today)', { today })
      .select(['b.id AS id', 'b.name AS name', 'b.kind AS kind', 'COUNT(m.id) AS memberCount'])
      .groupBy('b.id')
      .orderBy('b.name', 'ASC');
    if (!isMember(viewer)) bodiesQuery.where('b.is_public = :pub', { pub: true });
    const [bodies, people, organisations] = await Promise.all([
      bodiesQuery.getRawMany<{ id: number; name: string; kind: BodyKind; memberCount: number }>(),
      this.dataSource.getRepository(Person).count(),
      this.dataSource.getRepository(Organisation).count(),
    ]);
    return {
      counts: { people, organisations, bodies: bodies.length },
      bodies: bodies.map((b) => ({ ...b, memberCount: Number(b.memberCount) })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, Not } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import { type ContactRead, readContactsByIds } from '../people/person-contact-rows.js';
import { Person } from '../people/person.entity.js';

/** Reads for the DAV collections (committed data, the read connection). */
@Injectable()
export class DavRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Ids of the people in the directory who consented (a withdrawn consent or an erasure takes them
   * out of every synced address book), optionally only among these ids; ascending.
   */
  async findConsentedIds(within?: readonly number[]): Promise<number[]> {
    if (within && within.length === 0) return [];
    const rows = await this.dataSource.getRepository(Person).find({
      select: { id: true },
      where: { consentAt: Not(IsNull()), ...(within ? { id: In([...within]) } : {}) },
      order: { id: 'ASC' },
    });
    return rows.map((p) => p.id);
  }

  /**
   * These people with everything visibleContact() needs, in one plain statement per slice (the read
   * behind every contact card: person-contact-rows.ts), no entity hydration; load in slices.
   */
  findWithContact(ids: readonly number[]): Promise<ContactRead[]> {
    return readContactsByIds(this.dataSource.manager, ids);
  }

  /** The bodies (not deleted) a person currently belongs to, by name. */
  async findCurrentBodiesOf(personId: number, day: string): Promise<Pick<Body, 'id' | 'name' | 'shortName'>[]> {
    return this.dataSource
      .getRepository(Body)
      .createQueryBuilder('b')
      .select(['b.id', 'b.name', 'b.shortName'])
      .where(`EXISTS (SELECT 1 FROM memberships ms WHERE ms.body_id = b.id AND ms.person_id = :personId AND ${currentMembershipSql('ms', 'day')})`, { personId, day })
      .orderBy('b.name', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getMany();
  }

  /**
   * Person id → names of the bodies (not deleted) they currently sit on (CATEGORIES of the cards);
   * everyone's, or only these people's.
   */
  async findCurrentBodyNamesByPerson(day: string, personIds?: readonly number[]): Promise<Map<number, string[]>> {
    if (personIds && personIds.length === 0) return new Map();
    const query = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .innerJoin(Body, 'b', 'b.id = ms.body_id')
      .select('ms.person_id', 'personId')
      .addSelect('b.name', 'name')
      .distinct(true)
      .where(currentMembershipSql('ms', 'day'), { day });
    if (personIds) query.andWhere('ms.person_id IN (:...personIds)', { personIds: [...personIds] });
    const rows = await query.getRawMany<{ personId: number; name: string }>();
    const out = new Map<number, string[]>();
    for (const r of rows) {
      const list = out.get(Number(r.personId)) ?? [];
      list.push(r.name);
      out.set(Number(r.personId), list);
    }
    for (const list of out.values()) list.sort((a, b) => a.localeCompare(b, 'de'));
    return out;
  }
}

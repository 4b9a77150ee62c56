import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, Not } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import { Person } from '../people/person.entity.js';

/** Everything visibleContact() needs of a person. */
const CONTACT_RELATIONS = { phones: true, emails: true, languages: true, organisation: { parent: true } } as const;

/** Reads for the DAV collections (committed data, the read connection). */
@Injectable()
export class DavRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * People in the directory who consented (a withdrawn consent or an erasure takes them out of every
   * synced address book), optionally only these ids; with everything their card needs.
   */
  findConsentedWithContact(ids?: readonly number[]): Promise<Person[]> {
    if (ids && ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(Person).find({
      where: { consentAt: Not(IsNull()), ...(ids ? { id: In([...ids]) } : {}) },
      relations: CONTACT_RELATIONS,
      order: { id: 'ASC' },
    });
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

  /** Person id → names of the bodies (not deleted) they currently sit on (CATEGORIES of the cards). */
  async findCurrentBodyNamesByPerson(day: string): Promise<Map<number, string[]>> {
    const rows = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .innerJoin(Body, 'b', 'b.id = ms.body_id')
      .select('ms.person_id', 'personId')
      .addSelect('b.name', 'name')
      .distinct(true)
      .where(currentMembershipSql('ms', 'day'), { day })
      .getRawMany<{ personId: number; name: string }>();
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

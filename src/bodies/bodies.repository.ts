import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { type ContactRead, readContactsByIds } from '../people/person-contact-rows.js';
import { Person } from '../people/person.entity.js';
import { Body } from './body.entity.js';
import { type BodyFacts, type MemberListing, type PersonMembershipListing, readBodyWithMembers, readCurrentRepresentations, type RepresentationListing, readMembershipsOfPerson } from './body-reads.js';
import { currentMembershipSql } from './current-membership.js';
import { Membership } from './membership.entity.js';

const germanCollator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** Queries about bodies and their memberships, named for what the caller wants. */
@Injectable()
export class BodiesRepository {
  constructor(
    @InjectRepository(Body) private readonly bodies: Repository<Body>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
  ) {}

  /** Public bodies (and internal ones when asked for), in German alphabetical order. */
  async findListed(includeInternal: boolean): Promise<Body[]> {
    const bodies = await this.bodies.find({ where: includeInternal ? {} : { isPublic: true } });
    return bodies.sort((a, b) => germanCollator.compare(a.name, b.name) || a.id - b.id);
  }

  findById(id: number): Promise<Body | null> {
    return this.bodies.findOne({ where: { id } });
  }

  /**
   * One membership of a body, with person, body and the organisation represented — people and
   * organisations removed from the directory included (their memberships stay as history, editable).
   */
  findMembership(bodyId: number, membershipId: number): Promise<Membership | null> {
    return this.memberships.findOne({ where: { id: membershipId, bodyId }, relations: { person: true, body: true, onBehalfOf: true }, withDeleted: true });
  }

  /** How many different people currently sit on each of the bodies (a person with two roles counts once). */
  async countCurrentMembers(bodyIds: number[], today: string): Promise<Map<number, number>> {
    if (bodyIds.length === 0) return new Map();
    const rows = await this.memberships
      .createQueryBuilder('m')
      .innerJoin('m.person', 'person')
      .select('m.bodyId', 'bodyId')
      .addSelect('COUNT(DISTINCT m.personId)', 'members')
      .where('m.bodyId IN (:...bodyIds)', { bodyIds })
      .andWhere(currentMembershipSql('m'), { today })
      .groupBy('m.bodyId')
      .getRawMany<{ bodyId: number; members: number }>();
    return new Map(rows.map((r) => [Number(r.bodyId), Number(r.members)]));
  }

  /** A body (not removed) with all its memberships, people and organisations, as plain objects (one statement). */
  readWithMembers(bodyId: number): Promise<{ body: BodyFacts; memberships: MemberListing[] } | null> {
    return readBodyWithMembers(this.memberships.manager, bodyId);
  }

  /** A person's memberships in the bodies the viewer may see, as plain objects (one statement). */
  readMembershipsOfPerson(personId: number, viewer: Viewer): Promise<PersonMembershipListing[]> {
    return readMembershipsOfPerson(this.memberships.manager, personId, viewer);
  }

  /** Current memberships on behalf of the organisation in bodies the viewer may see, as plain objects (one statement). */
  readCurrentRepresentations(organisationId: number, today: string, viewer: Viewer): Promise<RepresentationListing[]> {
    return readCurrentRepresentations(this.memberships.manager, organisationId, today, viewer);
  }

  /** These people's contacts (one statement, see person-contact-rows.ts), in the order of the ids given. */
  async readPeopleContacts(ids: readonly number[]): Promise<ContactRead[]> {
    return readContactsByIds(this.people.manager, ids);
  }

  /** All memberships of a person (current, upcoming and ended), with body and represented organisation. */
  findMembershipsOfPerson(personId: number, includeInternalBodies: boolean): Promise<Membership[]> {
    const qb = this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.body', 'body')
      .leftJoinAndSelect('m.onBehalfOf', 'onBehalfOf')
      .where('m.person_id = :personId', { personId });
    if (!includeInternalBodies) qb.andWhere('body.is_public = :isPublic', { isPublic: true });
    return qb
      .orderBy('body.name', 'ASC')
      .addOrderBy('m.start_date', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** Ids and names of the bodies to choose from: public ones, or all when internal bodies may be shown. */
  findOptions(includeInternal: boolean): Promise<Pick<Body, 'id' | 'name'>[]> {
    return this.bodies.find({
      select: { id: true, name: true },
      where: includeInternal ? {} : { isPublic: true },
      order: { name: 'ASC' },
    });
  }
}

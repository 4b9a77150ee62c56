import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository } from 'typeorm';
import { Membership } from '../bodies/membership.entity.js';
import { Person } from '../people/person.entity.js';
import { Organisation, type OrganisationKind } from './organisation.entity.js';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  offset: number;
  limit: number;
}

/** Queries about organisations, named for what the caller wants. */
@Injectable()
export class OrganisationsRepository {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  findPage(filter: OrganisationFilter): Promise<[Organisation[], number]> {
    return this.organisations.findAndCount({
      where: filter.kind ? { kind: filter.kind } : {},
      relations: { parent: true },
      order: { name: 'ASC' },
      skip: filter.offset,
      take: filter.limit,
    });
  }

  findById(id: number): Promise<Organisation | null> {
    return this.organisations.findOne({ where: { id }, relations: { parent: true } });
  }

  findChildren(parentId: number): Promise<Organisation[]> {
    return this.organisations.find({ where: { parentId }, order: { name: 'ASC' } });
  }

  findPeopleOf(organisationId: number): Promise<Person[]> {
    return this.people.find({
      where: { organisationId },
      relations: { phones: true, emails: true },
      order: { sortKey: 'ASC', phones: { position: 'ASC' }, emails: { position: 'ASC' } },
    });
  }

  /** Current memberships held on behalf of the organisation, with body and person. */
  findCurrentRepresentations(organisationId: number, today: string): Promise<Membership[]> {
    return this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.body', 'body')
      .innerJoinAndSelect('m.person', 'person')
      .where('m.onBehalfOfId = :organisationId', { organisationId })
      .andWhere(new Brackets((w) => w.where('m.endDate IS NULL').orWhere('m.endDate >= :today', { today })))
      .orderBy('body.name', 'ASC')
      .addOrderBy('person.sortKey', 'ASC')
      .getMany();
  }

  findAllNames(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.organisations.find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, Raw, type Repository } from 'typeorm';
import { Organisation, type OrganisationKind } from './organisation.entity.js';
import { type OrganisationFacts, type OrganisationListing, readOrganisationPage } from './organisation-reads.js';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  /** Organisations with this topic. */
  topicId?: number;
  offset: number;
  limit: number;
}

/** Queries about organisations, named for what the caller wants. */
@Injectable()
export class OrganisationsRepository {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  findPage(filter: OrganisationFilter): Promise<[Organisation[], number]> {
    const where: FindOptionsWhere<Organisation> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.topicId !== undefined) {
      const topicId = filter.topicId;
      where.id = Raw((id) => `${id} IN (SELECT ot.organisation_id FROM organisation_topics ot WHERE ot.topic_id = :topicId)`, { topicId });
    }
    return this.organisations.findAndCount({
      where,
      relations: { parent: true, topics: { topic: true } },
      order: { name: 'ASC' },
      skip: filter.offset,
      take: filter.limit,
    });
  }

  async findById(id: number): Promise<Organisation | null> {
    // `find`, not `findOne`: with a collection among the relations, a limit of one costs a second query
    const [organisation] = await this.organisations.find({ where: { id }, relations: { parent: true, topics: { topic: true } } });
    return organisation ?? null;
  }

  /** The organisation's page: it, its parent's name, topics and units, as plain objects (one statement). */
  readPage(id: number): Promise<{ organisation: OrganisationFacts; children: OrganisationListing[] } | null> {
    return readOrganisationPage(this.organisations.manager, id);
  }

  findAllNames(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.organisations.find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }
}

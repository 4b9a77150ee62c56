import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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

  findAllNames(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.organisations.find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }
}

import { Injectable } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import { canViewBody } from '../bodies/body-visibility.js';
import type { Membership } from '../bodies/membership.entity.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import type { Person } from '../people/person.entity.js';
import type { Organisation, OrganisationKind } from './organisation.entity.js';
import { OrganisationsRepository } from './organisations.repository.js';

export interface OrganisationDetail {
  organisation: Organisation;
  children: Organisation[];
  people: Person[];
  representations: Membership[];
}

@Injectable()
export class OrganisationsService {
  constructor(private readonly repository: OrganisationsRepository) {}

  list(kind: OrganisationKind | undefined, offset: number, limit: number): Promise<[Organisation[], number]> {
    return this.repository.findPage({ kind, offset, limit });
  }

  /** The organisation with its units, people and the bodies it sits on — internal bodies only for members. */
  async detail(id: number, viewer: Viewer): Promise<OrganisationDetail> {
    const organisation = await this.repository.findById(id);
    if (!organisation) throw notFound('Diese Organisation gibt es nicht.');
    const [children, people, representations] = await Promise.all([
      this.repository.findChildren(id),
      this.repository.findPeopleOf(id),
      this.repository.findCurrentRepresentations(id, todayInBerlin()),
    ]);
    return { organisation, children, people, representations: representations.filter((m) => canViewBody(m.body, viewer)) };
  }

  options(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.repository.findAllNames();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import type { PersonMembershipListing, RepresentationListing } from '../bodies/body-reads.js';
import { readDirectoryChoices } from './directory-choices.js';
import { type BodyDetail, BodiesService, type PersonMemberships } from '../bodies/bodies.service.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import type { Decision } from '../minutes/decision.entity.js';
import { DecisionsService } from '../minutes/decisions.service.js';
import { type OrganisationDetail, OrganisationsService } from '../organisations/organisations.service.js';
import { type AppliedDirectoryFilters, type DirectoryPage, type DirectoryRequest, PeopleService, type PersonCard } from '../people/people.service.js';
import type { PersonListing } from '../people/people.repository.js';

/** The directory, filtered by body as well. */
export interface BodyFilteredDirectoryPage extends DirectoryPage {
  filters: AppliedDirectoryFilters & { bodyId?: number };
  options: DirectoryPage['options'] & { bodies: { id: number; name: string }[] };
}

export interface OrganisationPage extends OrganisationDetail {
  people: PersonListing[];
  /** Current memberships held on behalf of the organisation (bodies the viewer may see). */
  representations: RepresentationListing[];
}

export interface PersonPage {
  card: PersonCard;
  memberships: PersonMemberships<PersonMembershipListing>;
}

export interface BodyPage extends BodyDetail {
  canManage: boolean;
  upcomingMeetings: Meeting[];
  recentDecisions: Decision[];
}

/**
 * Pages that combine the directory's domains (organisations, people, bodies, and a body's meetings and
 * decisions). Each domain keeps its rules; this only asks each for its part.
 */
@Injectable()
export class DirectoryPagesService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
    private readonly bodies: BodiesService,
    private readonly policy: BodyPolicyService,
    private readonly meetings: MeetingsService,
    private readonly decisions: DecisionsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The member directory; a body filter (only bodies the viewer may see) narrows it to the body's current members. */
  async directory(request: DirectoryRequest & { bodyId?: number }, viewer: Viewer): Promise<BodyFilteredDirectoryPage> {
    const { bodyId: requestedBodyId, ...rest } = request;
    const { bodies, ...choices } = await readDirectoryChoices(this.dataSource.manager, viewer);
    const bodyId = bodies.some((b) => b.id === requestedBodyId) ? requestedBodyId : undefined;
    const within = bodyId === undefined ? undefined : await this.policy.currentMemberIds(bodyId);
    const page = await this.people.directory({ ...rest, within }, viewer, choices);
    return { ...page, filters: { ...page.filters, bodyId }, options: { ...page.options, bodies } };
  }

  async organisationPage(id: number, viewer: Viewer): Promise<OrganisationPage> {
    const detail = await this.organisations.detail(id);
    const [people, representations] = await Promise.all([this.people.ofOrganisation(id), this.bodies.representationsOf(id, viewer)]);
    return { ...detail, people, representations };
  }

  async personPage(id: number, viewer: Viewer): Promise<PersonPage> {
    const card = await this.people.card(id, viewer);
    return { card, memberships: await this.bodies.membershipListOfPerson(id, viewer) };
  }

  async bodyPage(id: number, viewer: Viewer): Promise<BodyPage> {
    const detail = await this.bodies.detail(id, viewer);
    // the right to manage follows from the current memberships just read: no query of its own
    const canManage = this.policy.managesAmong(viewer, detail.current);
    const [upcomingMeetings, recentDecisions] = await Promise.all([this.meetings.upcoming(viewer, { bodyId: id, limit: 3 }), this.decisions.recentOfBody(viewer, id, 5)]);
    return { ...detail, canManage, upcomingMeetings, recentDecisions };
  }
}

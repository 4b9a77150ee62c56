import { Injectable } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import { type PersonContact, visibleContact } from '../people/person-contact.js';
import { canViewBody, seesInternalBodies } from './body-visibility.js';
import { membershipPeriod } from './current-membership.js';
import { BodiesRepository } from './bodies.repository.js';
import type { Body } from './body.entity.js';
import type { BodyFacts, MemberListing, PersonMembershipListing, RepresentationListing } from './body-reads.js';
import { MEMBERSHIP_ROLES, type Membership } from './membership.entity.js';

export interface BodyOverview {
  body: BodyFacts;
  /** Different people with a current membership. */
  currentMemberCount: number;
}

export interface BodyDetail {
  body: BodyFacts;
  /** Current memberships in role order (chair first), then by name. */
  current: MemberListing[];
  /** Memberships that start later, soonest first. */
  upcoming: MemberListing[];
  /** Ended memberships, most recently ended first. */
  former: MemberListing[];
}

/** A person's memberships as the viewer may see them (internal bodies for members only). */
export interface PersonMemberships<M extends PersonMembershipShape = Membership> {
  /** Leading roles first (chair before member), then by body name. */
  current: M[];
  /** Starting later, soonest first. */
  upcoming: M[];
  /** Most recently ended first. */
  former: M[];
}

type PersonMembershipShape = Pick<Membership, 'role' | 'startDate' | 'endDate'>;

/** A person's memberships (in body name order) split by the one rule of "current", each part in its order. */
function splitPersonMemberships<M extends PersonMembershipShape>(memberships: M[], today: string): PersonMemberships<M> {
  const of = (p: ReturnType<typeof membershipPeriod>) => memberships.filter((m) => membershipPeriod(m, today) === p);
  return {
    current: of('current').sort((a, b) => roleRank(a) - roleRank(b)),
    upcoming: of('upcoming').sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '')),
    former: of('ended').sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? '')),
  };
}

export interface BodyMemberContacts {
  body: BodyFacts;
  /** Each current member once, in role order, with only what the viewer may see. */
  contacts: PersonContact[];
}

const roleRank = (m: Pick<Membership, 'role'>): number => MEMBERSHIP_ROLES.indexOf(m.role);

/** Bodies as a viewer may see them: internal bodies exist only for members. */
@Injectable()
export class BodiesService {
  constructor(private readonly repository: BodiesRepository) {}

  /** The bodies the viewer may see, with their current member counts. */
  async list(viewer: Viewer, today: string = todayInBerlin()): Promise<BodyOverview[]> {
    const bodies = await this.repository.findListed(seesInternalBodies(viewer));
    const counts = await this.repository.countCurrentMembers(
      bodies.map((b) => b.id),
      today,
    );
    return bodies.map((body) => ({ body, currentMemberCount: counts.get(body.id) ?? 0 }));
  }

  /**
   * A body with its current, upcoming and former memberships (one hand-written statement, plain
   * objects); 404 when it does not exist or the viewer may not see it.
   */
  async detail(id: number, viewer: Viewer, today: string = todayInBerlin()): Promise<BodyDetail> {
    const found = await this.repository.readWithMembers(id);
    // An internal body is indistinguishable from a missing one for those who may not see it.
    if (!found || !canViewBody(found.body, viewer)) throw notFound('Dieses Gremium gibt es nicht.');
    const { body, memberships } = found;
    // a person removed from the directory has no current or upcoming memberships, only history
    const period = (m: MemberListing) => (m.person.deletedAt === null ? membershipPeriod(m, today) : 'ended');
    const byName = (a: MemberListing, b: MemberListing): number => a.person.sortKey.localeCompare(b.person.sortKey) || a.id - b.id;
    const current = memberships.filter((m) => period(m) === 'current').sort((a, b) => roleRank(a) - roleRank(b) || byName(a, b));
    const upcoming = memberships.filter((m) => period(m) === 'upcoming').sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || byName(a, b));
    const former = memberships
      .filter((m) => period(m) === 'ended')
      .sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? '') || byName(a, b));
    return { body, current, upcoming, former };
  }

  /** A person's memberships, split by the one rule of "current"; internal bodies only for members. */
  async membershipsOfPerson(personId: number, viewer: Viewer, today: string = todayInBerlin()): Promise<PersonMemberships> {
    return splitPersonMemberships(await this.repository.findMembershipsOfPerson(personId, seesInternalBodies(viewer)), today);
  }

  /** The same as plain rows for the person's page (one hand-written statement, no hydration). */
  async membershipListOfPerson(personId: number, viewer: Viewer, today: string = todayInBerlin()): Promise<PersonMemberships<PersonMembershipListing>> {
    return splitPersonMemberships(await this.repository.readMembershipsOfPerson(personId, viewer), today);
  }

  /** Who currently sits on which body for the organisation (bodies the viewer may see). */
  representationsOf(organisationId: number, viewer: Viewer, today: string = todayInBerlin()): Promise<RepresentationListing[]> {
    return this.repository.readCurrentRepresentations(organisationId, today, viewer);
  }

  /** Ids and names of the bodies the viewer may see, by name (for filters). */
  options(viewer: Viewer): Promise<Pick<Body, 'id' | 'name'>[]> {
    return this.repository.findOptions(seesInternalBodies(viewer));
  }

  /**
   * The contacts of all current members (each person once, in role order), as the viewer may see
   * them: the body with its memberships, then every member's contact in one statement.
   */
  async memberContacts(id: number, viewer: Viewer, today: string = todayInBerlin()): Promise<BodyMemberContacts> {
    const { body, current } = await this.detail(id, viewer, today);
    const personIds = [...new Set(current.map((m) => m.personId))];
    if (personIds.length === 0) throw notFound('Dieses Gremium hat derzeit keine Mitglieder.');
    const contacts = (await this.repository.readPeopleContacts(personIds)).map((p) => visibleContact(p, viewer));
    return { body, contacts };
  }

}

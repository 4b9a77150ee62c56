import { Injectable } from '@nestjs/common';
import { isMember, type Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import { type Membership, MEMBERSHIP_ROLES } from '../bodies/membership.entity.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import type { PageRequest } from '../common/http/pagination.js';
import { languageLabel } from '../common/labels.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { SearchService } from '../search/search.service.js';
import { type LetterFilter, letterOf } from './directory-query.js';
import { type DirectoryFilter, PeopleRepository } from './people.repository.js';
import { type PersonContact, visibleContact } from './person-contact.js';
import type { Person } from './person.entity.js';

/** What a visitor asked the directory for; ids and codes are checked here against what exists. */
export interface DirectoryRequest {
  q: string;
  organisationId?: number;
  bodyId?: number;
  language?: string;
  letter?: LetterFilter;
  page: PageRequest;
}

/** The filters that were actually applied (unknown ids and codes are dropped). */
export interface AppliedDirectoryFilters {
  q: string;
  organisationId?: number;
  bodyId?: number;
  language?: string;
  letter?: LetterFilter;
}

export interface DirectoryPage {
  /** One page of people, each as the viewer may see them. */
  entries: PersonContact[];
  total: number;
  /** The page shown (the requested one, clamped to the last page). */
  page: number;
  pageSize: number;
  filters: AppliedDirectoryFilters;
  /** Letter groups that hold at least one person under the other filters. */
  lettersWithPeople: Set<LetterFilter>;
  options: {
    organisations: Pick<Organisation, 'id' | 'name'>[];
    bodies: Pick<Body, 'id' | 'name'>[];
    /** Language codes spoken by someone, ordered by their German name. */
    languages: string[];
  };
}

/** A link target: id and name of an organisation. */
export interface OrganisationRef {
  id: number;
  name: string;
}

export interface PersonCard {
  /** Contact details as the viewer may see them (the only source of contact fields). */
  contact: PersonContact;
  /** The person's organisation, preceded by its parent when it has one (Landeshauptstadt Schwerin – Fachstelle Integration). */
  organisationPath: OrganisationRef[];
  profileText: string | null;
  currentMemberships: Membership[];
  formerMemberships: Membership[];
}

/** Rules of the member directory: which filters apply, which memberships a viewer sees, what is current. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly organisations: OrganisationsService,
    private readonly search: SearchService,
  ) {}

  /** Everyone in the directory by sort key, for person choices of other modules (e.g. minutes). */
  options(): Promise<Person[]> {
    return this.repository.findAllForChoices();
  }

  async directory(request: DirectoryRequest, viewer: Viewer): Promise<DirectoryPage> {
    const today = todayInBerlin();
    const [organisations, bodies, languageCodes] = await Promise.all([
      this.organisations.options(),
      this.repository.findBodyOptions(isMember(viewer)),
      this.repository.findSpokenLanguageCodes(),
    ]);
    const languages = [...languageCodes].sort((a, b) => languageLabel(a).localeCompare(languageLabel(b), 'de'));
    const filters: AppliedDirectoryFilters = {
      q: request.q,
      organisationId: organisations.some((o) => o.id === request.organisationId) ? request.organisationId : undefined,
      bodyId: bodies.some((b) => b.id === request.bodyId) ? request.bodyId : undefined,
      language: request.language !== undefined && languages.includes(request.language) ? request.language : undefined,
      letter: request.letter,
    };

    // The name search gives candidates in rank order; the other filters narrow them down.
    const rankedIds = filters.q ? (await this.search.search(filters.q, viewer, ['person'])).hits.map((h) => h.refId) : undefined;
    const withoutLetter: DirectoryFilter = {
      ids: rankedIds,
      organisationId: filters.organisationId,
      bodyId: filters.bodyId,
      language: filters.language,
      today,
    };
    const withLetter: DirectoryFilter = { ...withoutLetter, letter: filters.letter };
    const pageSize = request.page.pageSize;
    const pageOf = (total: number): number => Math.min(request.page.page, Math.max(1, Math.ceil(total / pageSize)));

    const initials = await this.repository.findInitials(withoutLetter);
    let total: number;
    let page: number;
    let pageIds: number[];
    if (rankedIds) {
      const matching = new Set(await this.repository.findMatchingIds(withLetter));
      const ordered = rankedIds.filter((id) => matching.has(id));
      total = ordered.length;
      page = pageOf(total);
      pageIds = ordered.slice((page - 1) * pageSize, page * pageSize);
    } else {
      total = await this.repository.countMatching(withLetter);
      page = pageOf(total);
      pageIds = total === 0 ? [] : await this.repository.findMatchingIds(withLetter, { offset: (page - 1) * pageSize, limit: pageSize });
    }
    const people = await this.repository.findWithContactByIds(pageIds);
    return {
      entries: people.map((p) => visibleContact(p, viewer)),
      total,
      page,
      pageSize,
      filters,
      lettersWithPeople: new Set(initials.map(letterOf)),
      options: { organisations, bodies, languages },
    };
  }

  /** A person's card: contact as the viewer may see it, profile and memberships (internal bodies for members only). */
  async card(id: number, viewer: Viewer): Promise<PersonCard> {
    const person = await this.repository.findWithContact(id);
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    const memberships = await this.repository.findMembershipsOf(id, isMember(viewer));
    const today = todayInBerlin();
    const isCurrent = (m: Membership): boolean => m.endDate === null || m.endDate >= today;
    const org = person.organisation;
    return {
      contact: visibleContact(person, viewer),
      organisationPath: org ? [...(org.parent ? [{ id: org.parent.id, name: org.parent.name }] : []), { id: org.id, name: org.name }] : [],
      profileText: person.profile,
      // Leading roles first (chair before member), then by body name as loaded.
      currentMemberships: memberships.filter(isCurrent).sort((a, b) => MEMBERSHIP_ROLES.indexOf(a.role) - MEMBERSHIP_ROLES.indexOf(b.role)),
      // Most recently ended first.
      formerMemberships: memberships.filter((m) => !isCurrent(m)).sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? '')),
    };
  }

  /** Only the contact (for the vCard). */
  async contact(id: number, viewer: Viewer): Promise<PersonContact> {
    const person = await this.repository.findWithContact(id);
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    return visibleContact(person, viewer);
  }
}

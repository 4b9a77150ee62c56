import { Injectable } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import type { PageRequest } from '../common/http/pagination.js';
import { languageLabel } from './person-labels.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { SearchService } from '../search/search.service.js';
import type { Topic } from '../organisations/topic.entity.js';
import { type LetterFilter, letterOf } from './directory-query.js';
import { type DirectoryFilter, PeopleRepository, type PersonListing } from './people.repository.js';
import { type PersonContact, visibleContact } from './person-contact.js';
import type { Person } from './person.entity.js';

/** What a visitor asked the directory for; ids and codes are checked here against what exists. */
export interface DirectoryRequest {
  q: string;
  organisationId?: number;
  /** Only these people as well — a restriction a higher module worked out (e.g. a body's current members). */
  within?: readonly number[];
  language?: string;
  topicId?: number;
  letter?: LetterFilter;
  page: PageRequest;
}

/** The filters that were actually applied (unknown ids and codes are dropped). */
export interface AppliedDirectoryFilters {
  q: string;
  organisationId?: number;
  language?: string;
  topicId?: number;
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
    /** Language codes spoken by someone, ordered by their German name. */
    languages: string[];
    /** The topic vocabulary ("Themen und Angebote"), by name. */
    topics: Pick<Topic, 'id' | 'name'>[];
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
}

/** The filter choices of the directory: organisations and topics by name, spoken language codes. */
export interface DirectoryChoices {
  organisations: Pick<Organisation, 'id' | 'name'>[];
  languageCodes: string[];
  topics: Pick<Topic, 'id' | 'name'>[];
}

/** Rules of the member directory: which filters apply and what a viewer sees of a person. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly search: SearchService,
  ) {}

  /** Everyone in the directory by sort key, for person choices of other modules (e.g. minutes). */
  options(): Promise<Person[]> {
    return this.repository.findAllForChoices();
  }

  /**
   * One page of the directory. `choices` are the filter choices the page offers (read by the page
   * together with its other choices, in one statement); filter values not among them are dropped.
   */
  async directory(request: DirectoryRequest, viewer: Viewer, choices: DirectoryChoices): Promise<DirectoryPage> {
    const { organisations, languageCodes, topics } = choices;
    const languages = [...languageCodes].sort((a, b) => languageLabel(a).localeCompare(languageLabel(b), 'de'));
    const filters: AppliedDirectoryFilters = {
      q: request.q,
      organisationId: organisations.some((o) => o.id === request.organisationId) ? request.organisationId : undefined,
      language: request.language !== undefined && languages.includes(request.language) ? request.language : undefined,
      topicId: topics.some((t) => t.id === request.topicId) ? request.topicId : undefined,
      letter: request.letter,
    };

    // The name search gives candidates in rank order; the other filters narrow them down.
    const rankedIds = filters.q ? (await this.search.search(filters.q, viewer, ['person'])).hits.map((h) => h.refId) : undefined;
    const withoutLetter: DirectoryFilter = {
      ids: rankedIds,
      within: request.within,
      organisationId: filters.organisationId,
      language: filters.language,
      topicId: filters.topicId,
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
      // the requested page and the total in one statement; only a page past the end needs a count first
      const found = await this.repository.findPageWithTotal(withLetter, { offset: (request.page.page - 1) * pageSize, limit: pageSize });
      if (found.total !== null) {
        total = found.total;
        page = request.page.page;
        pageIds = found.ids;
      } else {
        total = request.page.page > 1 ? await this.repository.countMatching(withLetter) : 0;
        page = pageOf(total);
        pageIds = total === 0 ? [] : (await this.repository.findPageWithTotal(withLetter, { offset: (page - 1) * pageSize, limit: pageSize })).ids;
      }
    }
    const people = await this.repository.readContacts(pageIds);
    return {
      entries: people.map((p) => visibleContact(p, viewer)),
      total,
      page,
      pageSize,
      filters,
      lettersWithPeople: new Set(initials.map(letterOf)),
      options: { organisations, languages, topics },
    };
  }

  /** A person's card: contact as the viewer may see it, organisation and profile. */
  async card(id: number, viewer: Viewer): Promise<PersonCard> {
    const person = await this.repository.readContact(id);
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    const org = person.organisation;
    return {
      contact: visibleContact(person, viewer),
      organisationPath: org ? [...(person.organisationParent ? [person.organisationParent] : []), { id: org.id, name: org.name }] : [],
      profileText: person.profile,
    };
  }

  /** The people of an organisation (not of its units), in directory order. */
  ofOrganisation(organisationId: number): Promise<PersonListing[]> {
    return this.repository.readOfOrganisation(organisationId);
  }

  /** Only the contact (for the vCard). */
  async contact(id: number, viewer: Viewer): Promise<PersonContact> {
    const person = await this.repository.readContact(id);
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    return visibleContact(person, viewer);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository, type SelectQueryBuilder } from 'typeorm';
import { rawRows } from '../database/raw-read.js';
import { OTHER_SCRIPTS, type LetterFilter } from './directory-query.js';
import { type ContactRead, readContacts } from './person-contact-rows.js';
import { Person } from './person.entity.js';

/** Which people the directory lists; every field left out means "no restriction". */
export interface DirectoryFilter {
  /** Only these people (e.g. the search hits); an empty list matches nobody. */
  ids?: readonly number[];
  /** People of this organisation or of any of its sub-organisations. */
  organisationId?: number;
  /** Only these people as well (e.g. a body's current members, given by a higher module); empty matches nobody. */
  within?: readonly number[];
  /** People who speak this language (ISO code). */
  language?: string;
  /** People with this topic (id). */
  topicId?: number;
  /** First letter of the folded sort key, or 'other' for every other first character. */
  letter?: LetterFilter;
}

/** A person as a list of names shows them (with the function). */
export type PersonListing = Pick<Person, 'id' | 'academicTitle' | 'givenName' | 'familyName' | 'functionTitle'>;

/** Queries about people, named for what the caller wants. Soft-deleted people are never returned. */
@Injectable()
export class PeopleRepository {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
  ) {}

  /** Everyone in the directory by sort key, for person choices (responsible, deputy, chair). */
  findAllForChoices(): Promise<Person[]> {
    return this.people.find({ order: { sortKey: 'ASC', id: 'ASC' } });
  }

  /** How many people match the filter. */
  countMatching(filter: DirectoryFilter): Promise<number> {
    return this.matching(filter).getCount();
  }

  /** Ids of the matching people in directory order (sort key), optionally one page of them. */
  async findMatchingIds(filter: DirectoryFilter, page?: { offset: number; limit: number }): Promise<number[]> {
    const qb = this.matching(filter).select('p.id', 'id').orderBy('p.sort_key', 'ASC').addOrderBy('p.id', 'ASC');
    if (page) qb.offset(page.offset).limit(page.limit);
    const rows = await qb.getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * One page of the matching people's ids in directory order, with the number of all matching people
   * (a window count, same statement); total null when the page is empty (past the end, or no match).
   */
  async findPageWithTotal(filter: DirectoryFilter, page: { offset: number; limit: number }): Promise<{ ids: number[]; total: number | null }> {
    const rows = await this.matching(filter)
      .select('p.id', 'id')
      .addSelect('COUNT(*) OVER ()', 'total')
      .orderBy('p.sort_key', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getRawMany<{ id: number; total: number | string }>();
    return { ids: rows.map((r) => Number(r.id)), total: rows.length === 0 ? null : Number(rows[0].total) };
  }

  /** The first characters of the matching people's sort keys (for the A–Z bar). */
  async findInitials(filter: DirectoryFilter): Promise<string[]> {
    const rows = await this.matching(filter)
      .select('DISTINCT substr(p.sort_key, 1, 1)', 'initial')
      .getRawMany<{ initial: string | null }>();
    return rows.map((r) => r.initial ?? '');
  }

  /** These people with everything their contact card needs (one statement, no hydration), in the order of the ids given. */
  async readContacts(ids: readonly number[]): Promise<ContactRead[]> {
    if (ids.length === 0) return [];
    const found = await readContacts(this.people.manager, (column) => `${column} IN (:...ids)`, { ids: [...ids] });
    return ids.map((id) => found.get(id)).filter((p): p is ContactRead => p !== undefined);
  }

  /** One person with everything the contact card needs (one statement, no hydration). */
  async readContact(id: number): Promise<ContactRead | null> {
    const found = await readContacts(this.people.manager, (column) => `${column} = :id`, { id });
    return found.get(id) ?? null;
  }

  /** The people of an organisation (not of its units) in directory order: names and function, as plain objects (one statement). */
  async readOfOrganisation(organisationId: number): Promise<PersonListing[]> {
    const rows = await rawRows<{ id: number; academic_title: string | null; given_name: string; family_name: string; function_title: string | null }>(
      this.people.manager,
      `SELECT p.id, p.academic_title, p.given_name, p.family_name, p.function_title
         FROM people p WHERE p.organisation_id = :organisationId AND p.deleted_at IS NULL
        ORDER BY p.sort_key ASC, p.id ASC`,
      { organisationId },
    );
    return rows.map((r) => ({ id: Number(r.id), academicTitle: r.academic_title, givenName: r.given_name, familyName: r.family_name, functionTitle: r.function_title }));
  }

  private matching(filter: DirectoryFilter): SelectQueryBuilder<Person> {
    const qb = this.people.createQueryBuilder('p');
    for (const [param, ids] of [['ids', filter.ids], ['within', filter.within]] as const) {
      if (ids === undefined) continue;
      if (ids.length === 0) {
        qb.andWhere('1 = 0');
      } else {
        qb.andWhere(`p.id IN (:...${param})`, { [param]: [...ids] });
      }
    }
    if (filter.organisationId !== undefined) {
      qb.andWhere(
        `p.organisation_id IN (
           WITH RECURSIVE unit(id) AS (
             SELECT CAST(:organisationId AS integer)
             UNION
             SELECT o.id FROM organisations o JOIN unit ON o.parent_id = unit.id WHERE o.deleted_at IS NULL
           )
           SELECT id FROM unit)`,
        { organisationId: filter.organisationId },
      );
    }
    if (filter.language !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM person_languages pl WHERE pl.person_id = p.id AND pl.code = :language)', {
        language: filter.language,
      });
    }
    if (filter.topicId !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM person_topics pt WHERE pt.person_id = p.id AND pt.topic_id = :topicId)', { topicId: filter.topicId });
    }
    if (filter.letter === OTHER_SCRIPTS) {
      qb.andWhere("NOT (substr(p.sort_key, 1, 1) BETWEEN 'a' AND 'z')");
    } else if (filter.letter !== undefined) {
      qb.andWhere('substr(p.sort_key, 1, 1) = :letter', { letter: filter.letter });
    }
    return qb;
  }
}

import { Injectable } from '@nestjs/common';
import { type EntityManager, ForeignKey, In } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { type AccountPerson, type AccountPersonNameJoin, AccountPeople, type AccountPersonSource } from '../auth/account-people.js';
import { personDisplayName, personSortName } from './person-name.js';
import { Person } from './person.entity.js';

/**
 * accounts.person_id references people. Declared here because auth sits below people and does not
 * know Person; the composition root (src/app.entities.ts) loads this file with the entity list.
 */
ForeignKey(() => Person, { onDelete: 'SET NULL' })(Account.prototype, 'personId');

function accountPerson(p: Person): AccountPerson {
  return { id: p.id, displayName: personDisplayName(p), sortName: personSortName(p), functionTitle: p.functionTitle };
}

/** The people module's answers to what auth asks about people (names for accounts, people without an account). */
@Injectable()
export class AccountPersonReads implements AccountPersonSource {
  constructor(accountPeople: AccountPeople) {
    accountPeople.provide(this);
  }

  readonly nameJoin: AccountPersonNameJoin = {
    join: 'LEFT JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL',
    columns: 'p.academic_title AS person_academic_title, p.given_name AS person_given_name, p.family_name AS person_family_name',
    displayName(row: Record<string, unknown>): string | null {
      const givenName = row.person_given_name;
      const familyName = row.person_family_name;
      if (typeof givenName !== 'string' || typeof familyName !== 'string') return null;
      const academicTitle = typeof row.person_academic_title === 'string' ? row.person_academic_title : null;
      return personDisplayName({ academicTitle, givenName, familyName });
    },
  };

  async find(manager: EntityManager, ids: readonly number[]): Promise<AccountPerson[]> {
    const people = await manager.getRepository(Person).find({ where: { id: In([...ids]) } });
    return people.map(accountPerson);
  }

  async withoutAccount(manager: EntityManager): Promise<AccountPerson[]> {
    const people = await manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .leftJoin(Account, 'a', 'a.person_id = p.id')
      .where('a.id IS NULL')
      .orderBy('p.sortKey', 'ASC')
      .getMany();
    return people.map(accountPerson);
  }
}

import { Injectable } from '@nestjs/common';
import { type EntityManager, ForeignKey, In } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { type AccountPerson, AccountPeople, type AccountPersonSource } from '../auth/account-people.js';
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

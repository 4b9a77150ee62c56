import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull, MoreThan } from 'typeorm';
import { Person } from '../people/person.entity.js';
import { Account } from './account.entity.js';
import { PasswordSetToken } from './password-set-token.entity.js';

/** Reads about accounts, named for what the caller wants. Writes go through AccountsService (DatabaseService.write). */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(normalizedEmail: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { email: normalizedEmail } });
  }

  findById(id: number): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { id } });
  }

  /** With the linked person (for names); a soft-deleted person comes back as null. */
  findByIdWithPerson(id: number): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { id }, relations: { person: true } });
  }

  findAllWithPeople(): Promise<Account[]> {
    return this.dataSource.getRepository(Account).find({ relations: { person: true }, order: { email: 'ASC' } });
  }

  countAdmins(): Promise<number> {
    return this.dataSource.getRepository(Account).count({ where: { isAdmin: true } });
  }

  findByEmails(emails: string[]): Promise<Account[]> {
    return this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.email IN (:...emails)', { emails: emails.length > 0 ? emails : [''] })
      .getMany();
  }

  findPersonByName(givenName: string, familyName: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOne({ where: { givenName, familyName }, order: { id: 'ASC' } });
  }

  personExists(id: number): Promise<boolean> {
    return this.dataSource.getRepository(Person).exists({ where: { id } });
  }

  isPersonLinked(personId: number): Promise<boolean> {
    return this.dataSource.getRepository(Account).exists({ where: { personId } });
  }

  /** People without an account, for the "link to a person" select. */
  findPeopleWithoutAccount(): Promise<Person[]> {
    return this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .leftJoin(Account, 'a', 'a.person_id = p.id')
      .where('a.id IS NULL')
      .orderBy('p.sortKey', 'ASC')
      .getMany();
  }

  /** An unused, unexpired set-password token with its account. */
  findUsableToken(tokenHash: string, now: Date): Promise<PasswordSetToken | null> {
    return this.dataSource.getRepository(PasswordSetToken).findOne({
      where: { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) },
      relations: { account: true },
    });
  }
}

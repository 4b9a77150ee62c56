import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull, MoreThan } from 'typeorm';
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

  findAll(): Promise<Account[]> {
    return this.dataSource.getRepository(Account).find({ order: { email: 'ASC' } });
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

  isPersonLinked(personId: number): Promise<boolean> {
    return this.dataSource.getRepository(Account).exists({ where: { personId } });
  }

  /** An unused, unexpired set-password token with its account. */
  findUsableToken(tokenHash: string, now: Date): Promise<PasswordSetToken | null> {
    return this.dataSource.getRepository(PasswordSetToken).findOne({
      where: { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) },
      relations: { account: true },
    });
  }
}

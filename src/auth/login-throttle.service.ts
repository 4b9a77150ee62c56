import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, LessThan, MoreThan } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { LoginFailure } from './login-failure.entity.js';

/** Limits of failed logins within the window (ASVS 2.2.1). Stored in the database: works across instances. */
export const LOGIN_THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

export type ThrottleReason = 'account' | 'ip';

/** Counts failed logins per account (normalised email, known or not) and per client IP. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000);
  }

  /** Why further attempts are refused right now, or null. */
  async blockedBy(accountKey: string, ip: string, now = new Date()): Promise<ThrottleReason | null> {
    const repo = this.dataSource.getRepository(LoginFailure);
    const since = MoreThan(this.windowStart(now));
    const [forAccount, forIp] = await Promise.all([
      repo.count({ where: { accountKey, attemptedAt: since } }),
      repo.count({ where: { ip, attemptedAt: since } }),
    ]);
    if (forAccount >= LOGIN_THROTTLE.perAccount) return 'account';
    if (forIp >= LOGIN_THROTTLE.perIp) return 'ip';
    return null;
  }

  async recordFailure(accountKey: string, ip: string, now = new Date()): Promise<void> {
    await this.db.write((m) => m.getRepository(LoginFailure).insert({ accountKey, ip, attemptedAt: now }));
  }

  /** A successful login forgets the account's failures (not the IP's). */
  async clearAccount(accountKey: string): Promise<void> {
    await this.db.write((m) => m.getRepository(LoginFailure).delete({ accountKey }));
  }

  /** Drops failures older than the window. */
  async deleteOld(now = new Date()): Promise<number> {
    const result = await this.db.write((m) => m.getRepository(LoginFailure).delete({ attemptedAt: LessThan(this.windowStart(now)) }));
    return result.affected ?? 0;
  }
}

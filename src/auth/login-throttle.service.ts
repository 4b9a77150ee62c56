import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, LessThan, MoreThan } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { LoginFailure } from './login-failure.entity.js';
import { PasswordResetRequest } from './password-reset-request.entity.js';

/** Limits of failed logins within the window (ASVS 2.2.1). Stored in the database: works across instances. */
export const LOGIN_THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

/**
 * Limits of "Passwort vergessen" requests within the window, per address (known or not, so the
 * answer reveals nothing) and per client IP: a flood neither fills mailboxes nor probes addresses.
 */
export const RESET_THROTTLE = { windowMinutes: 15, perAccount: 3, perIp: 10 } as const;

export type ThrottleReason = 'account' | 'ip';

/** Counts failed logins per account (normalised email, known or not) and per client IP. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private windowStart(now: Date, minutes: number = LOGIN_THROTTLE.windowMinutes): Date {
    return new Date(now.getTime() - minutes * 60_000);
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

  /** Why a further password reset request is refused right now, or null. Every request counts, answered or not. */
  async resetBlockedBy(accountKey: string, ip: string, now = new Date()): Promise<ThrottleReason | null> {
    const repo = this.dataSource.getRepository(PasswordResetRequest);
    const since = MoreThan(this.windowStart(now, RESET_THROTTLE.windowMinutes));
    const [forAccount, forIp] = await Promise.all([
      repo.count({ where: { accountKey, requestedAt: since } }),
      repo.count({ where: { ip, requestedAt: since } }),
    ]);
    if (forAccount >= RESET_THROTTLE.perAccount) return 'account';
    if (forIp >= RESET_THROTTLE.perIp) return 'ip';
    return null;
  }

  /** Counts a reset request, inside the caller's write transaction. */
  async recordResetRequest(manager: EntityManager, accountKey: string, ip: string, now = new Date()): Promise<void> {
    await manager.getRepository(PasswordResetRequest).insert({ accountKey, ip, requestedAt: now });
  }

  /** Drops failures and reset requests older than their window. */
  async deleteOld(now = new Date()): Promise<number> {
    const result = await this.db.write(async (m) => {
      const failures = await m.getRepository(LoginFailure).delete({ attemptedAt: LessThan(this.windowStart(now)) });
      const resets = await m.getRepository(PasswordResetRequest).delete({ requestedAt: LessThan(this.windowStart(now, RESET_THROTTLE.windowMinutes)) });
      return (failures.affected ?? 0) + (resets.affected ?? 0);
    });
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import { type Account, normalizeEmail } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { DatabaseService } from '../database/database.service.js';
import { LoginThrottleService } from './login-throttle.service.js';

export type ResetRequestOutcome =
  /** Same outcome for a known, an unknown and a disabled address: the answer reveals nothing. */
  | { kind: 'accepted' }
  | { kind: 'throttled' };

/**
 * "Passwort vergessen": asking for a link and setting the password through it. The link is an
 * ordinary set-password link (AccountsService), short-lived and single-use.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly repository: AccountsRepository,
    private readonly throttle: LoginThrottleService,
    private readonly db: DatabaseService,
  ) {}

  /** Mails a reset link when the address belongs to a usable account; throttled per address and per client either way. */
  async request(email: string, ip: string): Promise<ResetRequestOutcome> {
    const accountKey = normalizeEmail(email).slice(0, 254);
    if (await this.throttle.resetBlockedBy(accountKey, ip)) return { kind: 'throttled' };
    await this.db.write((m) => this.throttle.recordResetRequest(m, accountKey, ip));
    const account = await this.repository.findByEmail(accountKey);
    if (account && account.disabledAt === null) await this.accounts.issueResetLink(account);
    return { kind: 'accepted' };
  }

  /**
   * Sets the password through a set-password link (reset or issued by the administration). The link
   * and every other open link of the account are used up, and everything that kept the account
   * signed in ends: all its sessions (this browser's too) and its CardDAV/CalDAV device passwords
   * (both in AccountsService.setPasswordWithToken).
   */
  async completeWithToken(token: string, newPassword: string): Promise<Account> {
    return this.accounts.setPasswordWithToken(token, newPassword);
  }
}

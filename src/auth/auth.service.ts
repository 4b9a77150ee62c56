import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service.js';
import { Account, normalizeEmail } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { LoginThrottleService, type ThrottleReason } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';

export type LoginOutcome =
  | { kind: 'ok'; account: Account }
  /** Unknown email, wrong password or disabled account: deliberately indistinguishable. */
  | { kind: 'invalid' }
  | { kind: 'throttled'; reason: ThrottleReason };

/** Checks credentials with throttling per account and per IP. Sessions are the controller's business. */
@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly db: DatabaseService,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginOutcome> {
    const accountKey = normalizeEmail(email).slice(0, 254);
    const blocked = await this.throttle.blockedBy(accountKey, ip);
    if (blocked) return { kind: 'throttled', reason: blocked };

    const account = await this.repository.findByEmail(accountKey);
    let valid = false;
    if (account) {
      valid = await this.hasher.verify(account.passwordHash, password);
    } else {
      await this.hasher.verifyNothing(password); // same time for unknown emails
    }
    if (!account || !valid || account.disabledAt !== null) {
      await this.throttle.recordFailure(accountKey, ip);
      return { kind: 'invalid' };
    }

    await this.throttle.clearAccount(accountKey);
    const rehash = this.hasher.needsRehash(account.passwordHash) ? await this.hasher.hash(password) : null;
    const now = new Date();
    await this.db.write((m) =>
      m.getRepository(Account).update({ id: account.id }, rehash ? { lastLoginAt: now, passwordHash: rehash } : { lastLoginAt: now }),
    );
    return { kind: 'ok', account };
  }
}

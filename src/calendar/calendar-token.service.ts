import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { Account } from '../auth/account.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { DatabaseService } from '../database/database.service.js';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newCalendarToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The same answer for a malformed, unknown, revoked or disabled token: nothing is revealed. */
export const FEED_NOT_FOUND = 'Diesen Kalender gibt es nicht.';

/**
 * The secret in a personal feed's URL (calendar clients cannot log in). Stored on the account;
 * regenerating it makes the old URL answer 404.
 */
@Injectable()
export class CalendarTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  /** The viewer's current token, or null when none was created yet. */
  async current(viewer: Viewer): Promise<string | null> {
    assertMember(viewer, '/kalender');
    const account = await this.dataSource.getRepository(Account).findOne({ where: { id: viewer.accountId } });
    return account?.calendarToken ?? null;
  }

  /** A new token for the viewer's account (the old URL stops working). */
  async regenerate(viewer: Viewer): Promise<string> {
    assertMember(viewer, '/kalender');
    const token = newCalendarToken();
    await this.db.write((manager) => manager.getRepository(Account).update({ id: viewer.accountId }, { calendarToken: token }));
    return token;
  }

  /** The person behind a feed token (null for an account without a person); 404 for anything else. */
  async personFor(token: string): Promise<{ personId: number | null }> {
    if (!TOKEN_PATTERN.test(token)) throw notFound(FEED_NOT_FOUND);
    const account = await this.dataSource.getRepository(Account).findOne({ where: { calendarToken: token, disabledAt: IsNull() } });
    if (!account) throw notFound(FEED_NOT_FOUND);
    return { personId: account.personId };
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import session from 'express-session';
import { type DataSource, LessThan, MoreThan } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { Session } from './session.entity.js';

/** What we keep in a session besides the cookie. */
declare module 'express-session' {
  interface SessionData {
    /** The logged-in account; absent for anonymous sessions (which only carry a CSRF token). */
    accountId?: number;
    /** Synchroniser token for forms (src/auth/csrf.ts). */
    csrfToken?: string;
  }
}

type Callback = (err?: unknown) => void;

/** Touches that move the expiry by less than this are skipped, sparing a write on every request. */
const TOUCH_RESOLUTION_MS = 60_000;

/** The key a session is stored under: SHA-256 of the cookie's id, so the table alone is useless to a thief. */
export function sessionKey(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

/**
 * express-session store on the `sessions` table. No state in memory: every app instance on the same
 * database sees the same sessions, and they survive restarts. Idle timeout: `expires_at` (moved by each
 * request); absolute timeout: `created_at` + SESSION_MAX_HOURS (the id is regenerated at login).
 */
@Injectable()
export class TypeOrmSessionStore extends session.Store {
  private readonly logger = new Logger('SessionStore');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  get maxAgeMs(): number {
    return this.config.sessionMaxHours * 3_600_000;
  }

  get idleMs(): number {
    return this.config.sessionIdleMinutes * 60_000;
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.loadSession(sid).then(
      (data) => callback(null, data),
      (err: unknown) => callback(err),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.save(sid, data).then(
      () => callback?.(),
      (err: unknown) => callback?.(err),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db.write((m) => m.getRepository(Session).delete({ id: sessionKey(sid) })).then(
      () => callback?.(),
      (err: unknown) => callback?.(err),
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.moveExpiry(sid, this.expiryOf(data))
      .then(
        () => callback?.(),
        (err: unknown) => {
          this.logger.error(`Sitzung konnte nicht verlängert werden: ${String(err)}`);
          callback?.();
        },
      );
  }

  /** Moves the idle expiry; a read first, so most requests write nothing (one write a minute at most). */
  private async moveExpiry(sid: string, expiresAt: Date): Promise<void> {
    const id = sessionKey(sid);
    const threshold = new Date(expiresAt.getTime() - TOUCH_RESOLUTION_MS);
    const row = await this.dataSource.getRepository(Session).findOne({ select: { id: true, expiresAt: true }, where: { id } });
    if (!row || row.expiresAt >= threshold) return;
    await this.db.write((m) => m.getRepository(Session).update({ id, expiresAt: LessThan(threshold) }, { expiresAt }));
  }

  private async loadSession(sid: string): Promise<session.SessionData | null> {
    const now = Date.now();
    const row = await this.dataSource.getRepository(Session).findOne({ where: { id: sessionKey(sid) } });
    if (!row) return null;
    if (row.expiresAt.getTime() <= now || row.createdAt.getTime() + this.maxAgeMs <= now) {
      await this.db.write((m) => m.getRepository(Session).delete({ id: row.id }));
      return null;
    }
    try {
      return JSON.parse(row.data) as session.SessionData;
    } catch {
      return null;
    }
  }

  private async save(sid: string, data: session.SessionData): Promise<void> {
    const now = new Date();
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(Session)
        .values({
          id: sessionKey(sid),
          data: JSON.stringify(data),
          expiresAt: this.expiryOf(data),
          accountId: data.accountId ?? null,
          createdAt: now,
        })
        // created_at stays: it starts the absolute timeout
        .orUpdate(['data', 'expires_at', 'account_id'], ['id'])
        .execute(),
    );
  }

  private expiryOf(data: session.SessionData): Date {
    const fromCookie = data.cookie?.expires ? new Date(data.cookie.expires) : null;
    return fromCookie && !Number.isNaN(fromCookie.getTime()) ? fromCookie : new Date(Date.now() + this.idleMs);
  }

  /** Ends every session of an account (password changed, account disabled), except `keepSid`'s. */
  async destroyAllOf(accountId: number, keepSid?: string): Promise<void> {
    await this.db.write(async (m) => {
      const qb = m.createQueryBuilder().delete().from(Session).where('account_id = :accountId', { accountId });
      if (keepSid) qb.andWhere('id <> :keep', { keep: sessionKey(keepSid) });
      await qb.execute();
    });
  }

  /** Deletes sessions past their idle or absolute end. Returns how many. */
  async deleteExpired(now = new Date()): Promise<number> {
    return this.db.write(async (m) => {
      const repo = m.getRepository(Session);
      const idle = await repo.delete({ expiresAt: LessThan(now) });
      const old = await repo.delete({ createdAt: LessThan(new Date(now.getTime() - this.maxAgeMs)) });
      return (idle.affected ?? 0) + (old.affected ?? 0);
    });
  }

  /** Number of live sessions of an account (for tests and the account page). */
  countLiveOf(accountId: number): Promise<number> {
    return this.dataSource.getRepository(Session).count({ where: { accountId, expiresAt: MoreThan(new Date()) } });
  }
}

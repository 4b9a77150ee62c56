import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import session from 'express-session';
import type { Request } from 'express';
import { type DataSource, LessThan, MoreThan } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { AccountPeople } from './account-people.js';
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
export const TOUCH_RESOLUTION_MS = 60_000;

/**
 * The account a session belongs to, as the session read brought it (joined in the same statement), so
 * the viewer costs no query of its own. Null when the session names no existing account.
 */
export interface SessionAccount {
  id: number;
  email: string;
  personId: number | null;
  isAdmin: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
  /** The display name of the account's live person; null without one. */
  personName: string | null;
}

/** What the read of a session brought besides its data: the stored idle expiry and the account. */
interface LoadedSession {
  expiresAt: number;
  account: SessionAccount | null;
}

/** What the session read needs of node-postgres's pool (TypeORM's PostgresDriver.master). */
interface PreparedQueryPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Keyed by the data object `get` hands to express-session, then by the request's Session built from it. */
const loadedData = new WeakMap<object, LoadedSession>();
const loadedSessions = new WeakMap<object, LoadedSession>();

/**
 * The account of the request's session as read with it: `undefined` when the session was not read from
 * the store in this request (none, or a new one), null when it names no existing account.
 */
export function sessionAccountOf(req: Request): SessionAccount | null | undefined {
  const session: unknown = req.session;
  if (typeof session !== 'object' || session === null) return undefined;
  return loadedSessions.get(session)?.account;
}

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

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

  private loadSql: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: AccountPeople,
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

  /** Remembers what the read brought on the request's session (for touch and the viewer middleware). */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const loaded = loadedData.get(data);
    const created = super.createSession(req, data);
    if (loaded) loadedSessions.set(created, loaded);
    return created;
  }

  /**
   * express-session's rolling expiry: decided from the expiry the read brought, so most requests send
   * nothing; a write only when the stored expiry lags the new one by TOUCH_RESOLUTION_MS (once a minute).
   */
  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const expiresAt = this.expiryOf(data);
    const loaded = loadedSessions.get(data);
    if (loaded && expiresAt.getTime() - loaded.expiresAt < TOUCH_RESOLUTION_MS) {
      callback?.();
      return;
    }
    this.moveExpiry(sid, expiresAt)
      .then(
        () => {
          if (loaded) loaded.expiresAt = expiresAt.getTime();
          callback?.();
        },
        (err: unknown) => {
          this.logger.error(`Sitzung konnte nicht verlängert werden: ${String(err)}`);
          callback?.();
        },
      );
  }

  /** Moves the idle expiry, unless another request of the session moved it within the last minute. */
  private async moveExpiry(sid: string, expiresAt: Date): Promise<void> {
    const threshold = new Date(expiresAt.getTime() - TOUCH_RESOLUTION_MS);
    await this.db.write((m) => m.getRepository(Session).update({ id: sessionKey(sid), expiresAt: LessThan(threshold) }, { expiresAt }));
  }

  /**
   * One statement: the session row, its account (LEFT JOIN, so a deleted account reads as none) and the
   * name of the account's person (the join the people module supplies). Plain SQL, no entity hydration.
   */
  private sql(): string {
    if (this.loadSql) return this.loadSql;
    const nameJoin = this.people.nameJoin;
    const param = this.dataSource.options.type === 'postgres' ? '$1' : '?';
    const sql =
      'SELECT s.data AS session_data, s.expires_at AS session_expires_at, s.created_at AS session_created_at, ' +
      'a.id AS account_id, a.email AS account_email, a.person_id AS account_person_id, a.is_admin AS account_is_admin, ' +
      `a.must_change_password AS account_must_change_password, a.disabled_at AS account_disabled_at${nameJoin ? `, ${nameJoin.columns}` : ''} ` +
      `FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id${nameJoin ? ` ${nameJoin.join}` : ''} WHERE s.id = ${param}`;
    // only cached once the people module has registered its join (it does so at start-up)
    if (nameJoin) this.loadSql = sql;
    return sql;
  }

  /**
   * The session read, on every member request. On PostgreSQL a named prepared statement, straight on
   * node-postgres's pool: the server parses and plans it once per connection instead of per request.
   */
  private async readRows(sql: string, id: string): Promise<Record<string, unknown>[]> {
    if (this.dataSource.options.type !== 'postgres') return this.dataSource.query<Record<string, unknown>[]>(sql, [id]);
    const pool = (this.dataSource.driver as unknown as { master: PreparedQueryPool }).master;
    return (await pool.query({ name: 'netzwerk_session_read', text: sql, values: [id] })).rows;
  }

  private dateOf(column: ColumnMetadata, value: unknown): Date {
    const hydrated: unknown = this.dataSource.driver.prepareHydratedValue(value, column);
    return hydrated instanceof Date ? hydrated : new Date(Number.NaN);
  }

  private async loadSession(sid: string): Promise<session.SessionData | null> {
    const now = Date.now();
    const id = sessionKey(sid);
    const rows = await this.readRows(this.sql(), id);
    const row = rows[0];
    if (!row) return null;
    const columns = this.dataSource.getMetadata(Session);
    const expiresAt = this.dateOf(columns.findColumnWithPropertyName('expiresAt')!, row.session_expires_at).getTime();
    const createdAt = this.dateOf(columns.findColumnWithPropertyName('createdAt')!, row.session_created_at).getTime();
    // NaN (unreadable) counts as expired
    if (!(expiresAt > now) || !(createdAt + this.maxAgeMs > now)) {
      await this.db.write((m) => m.getRepository(Session).delete({ id }));
      return null;
    }
    let data: session.SessionData;
    try {
      data = JSON.parse(String(row.session_data)) as session.SessionData;
    } catch {
      return null;
    }
    loadedData.set(data, { expiresAt, account: this.accountOf(row) });
    return data;
  }

  private accountOf(row: Record<string, unknown>): SessionAccount | null {
    if (row.account_id === null || row.account_id === undefined) return null;
    const personId = row.account_person_id === null || row.account_person_id === undefined ? null : Number(row.account_person_id);
    return {
      id: Number(row.account_id),
      email: String(row.account_email),
      personId,
      isAdmin: flag(row.account_is_admin),
      mustChangePassword: flag(row.account_must_change_password),
      disabled: row.account_disabled_at !== null && row.account_disabled_at !== undefined,
      personName: personId === null ? null : (this.people.nameJoin?.displayName(row) ?? null),
    };
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

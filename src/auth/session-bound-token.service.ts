import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthBootstrapService } from './auth-bootstrap.service.js';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './auth.setup.js';
import { Session } from './session.entity.js';
import { sessionKey } from './session-store.js';
import { isMember, type RequestWithViewer } from './viewer.js';

/** The session id in an express-session cookie value ("s:<id>.<signature>", URL-encoded). */
function sessionIdOf(raw: string): string | null {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!value.startsWith('s:')) return null;
  const dot = value.lastIndexOf('.');
  return dot > 2 ? value.slice(2, dot) : null;
}

/** The session ids the request's cookies present (plain and __Host- name), unverified. */
function presentedSessionIds(req: Request): string[] {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return [];
  const ids: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== SESSION_COOKIE && name !== SECURE_SESSION_COOKIE) continue;
    const id = sessionIdOf(part.slice(eq + 1).trim());
    if (id !== null && id.length <= 200) ids.push(id);
  }
  return ids;
}

export interface SessionBoundToken {
  value: string;
  /** Until the session's absolute timeout. */
  expiresAt: Date;
}

/**
 * A small credential that outlives a session's idle timeout but not its absolute one: issued to a
 * logged-in browser for one purpose (e.g. "keep minutes text of meeting 12"), an HMAC under the
 * session secret over purpose, account, end and the SHA-256 of the session id. It is honoured only
 * together with the very session cookie it was issued for, even after that session expired (and its
 * row was deleted), so a forged or foreign cookie proves nothing. Expired sessions are deleted as
 * before; nothing else about them is kept.
 */
@Injectable()
export class SessionBoundTokens {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly bootstrap: AuthBootstrapService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private macKey(): Promise<Buffer> {
    this.key ??= this.bootstrap.sessionSecret().then(
      (secret) => createHash('sha256').update(`session-bound-token\u0000${secret}`).digest(),
      (e: unknown) => {
        this.key = null; // try again on the next request
        throw e;
      },
    );
    return this.key;
  }

  private async mac(purpose: string, accountId: number, expiresMs: number, sid: string): Promise<string> {
    return createHmac('sha256', await this.macKey()).update(`${purpose}\n${accountId}\n${expiresMs}\n${sessionKey(sid)}`).digest('base64url');
  }

  /** For the logged-in viewer's current session; null for anonymous viewers or without a stored session. */
  async issue(req: RequestWithViewer, purpose: string): Promise<SessionBoundToken | null> {
    const viewer = req.viewer;
    const sid = req.sessionID;
    if (!viewer || !isMember(viewer) || typeof sid !== 'string') return null;
    const row = await this.dataSource.getRepository(Session).findOne({ select: { id: true, createdAt: true }, where: { id: sessionKey(sid) } });
    if (!row) return null;
    const expiresMs = row.createdAt.getTime() + this.config.sessionMaxHours * 3_600_000;
    return { value: `${viewer.accountId}.${expiresMs}.${await this.mac(purpose, viewer.accountId, expiresMs, sid)}`, expiresAt: new Date(expiresMs) };
  }

  /**
   * The account a token names, when it was issued for `purpose` to the session whose cookie this
   * request carries (live or expired) and the session's absolute timeout has not passed; else null.
   */
  async verify(req: Request, purpose: string, token: string | null, now = new Date()): Promise<number | null> {
    const match = token === null ? null : /^([1-9]\d{0,14})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const accountId = Number(match[1]);
    const expiresMs = Number(match[2]);
    if (expiresMs <= now.getTime()) return null;
    const given = Buffer.from(match[3]);
    for (const sid of presentedSessionIds(req)) {
      const expected = Buffer.from(await this.mac(purpose, accountId, expiresMs, sid));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return accountId;
    }
    return null;
  }
}

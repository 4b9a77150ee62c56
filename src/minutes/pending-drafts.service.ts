import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { LessThan, type Repository } from 'typeorm';
import { AccountsService } from '../auth/accounts.service.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { LoginThrottleService } from '../auth/login-throttle.service.js';
import { clientIp } from '../auth/session-helpers.js';
import { type SessionBoundToken, SessionBoundTokens } from '../auth/session-bound-token.service.js';
import type { MemberViewer, RequestWithViewer } from '../auth/viewer.js';
import { DatabaseService } from '../database/database.service.js';
import type { TextSubmission } from './minutes.service.js';
import { PendingMinutesDraft } from './pending-minutes-draft.entity.js';

/** How long text submitted after the session expired is kept for its author to log in again. */
export const PENDING_DRAFT_DAYS = 7;

/** At most this many characters (all sections together) are kept without a live session. */
export const PENDING_DRAFT_MAX_CHARS = 60_000;

/** The cookie proving "this browser's session belonged to an editor of these minutes" (see SessionBoundTokens). */
export const EDITOR_COOKIE = 'nm.minutes-editor';

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const purposeOf = (meetingId: number): string => `minutes-draft:${meetingId}`;

/** Keys in the login throttle's table, apart from real logins (which they neither count for nor block). */
const throttleKeys = (accountId: number, req: Request): [string, string] => [`minutes-draft:${accountId}`, `minutes-draft:${clientIp(req)}`.slice(0, 64)];

export type KeepOutcome =
  /** No proof of an editor's (possibly expired) session: nothing stored, the usual refusal. */
  | { kind: 'refused' }
  | { kind: 'throttled' }
  | { kind: 'too-large' }
  | { kind: 'kept'; token: string };

function isSubmission(x: unknown): x is TextSubmission {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.baseVersion !== 'number' || typeof o.fields !== 'object' || o.fields === null) return false;
  return Object.values(o.fields as Record<string, unknown>).every(
    (f) => typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>).value === 'string' && typeof (f as Record<string, unknown>).baseHash === 'string',
  );
}

/**
 * Keeps minutes text that arrived without a valid session (expired while writing) — but only for a
 * browser that proves its session belonged to an account allowed to edit these minutes: the editor
 * page hands such a browser a token bound to its session cookie (SessionBoundTokens), valid until
 * the session's absolute timeout. Anonymous or forged requests store nothing. Per account and
 * minutes one draft (the newest wins), at most PENDING_DRAFT_MAX_CHARS, and no more attempts than
 * the login throttle allows (LOGIN_THROTTLE: per account and per IP within its window).
 * The text is stored under the SHA-256 of a random token only the submitting browser holds, and
 * claimed after the next login by the same account, with the editor's rights checked again then.
 */
@Injectable()
export class PendingDraftsService {
  constructor(
    @InjectRepository(PendingMinutesDraft) private readonly drafts: Repository<PendingMinutesDraft>,
    private readonly db: DatabaseService,
    private readonly tokens: SessionBoundTokens,
    private readonly accounts: AccountsService,
    private readonly permissions: BodyPolicyService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** For an editor's browser on the editor page: the proof that lets an expired session's text be kept. */
  editorToken(req: RequestWithViewer, meetingId: number): Promise<SessionBoundToken | null> {
    return this.tokens.issue(req, purposeOf(meetingId));
  }

  /** Decides whether text from a request without a valid session is kept, and keeps it. */
  async keep(req: Request, editorToken: string | null, meeting: { id: number; bodyId: number }, minutesId: number, submission: TextSubmission, now = new Date()): Promise<KeepOutcome> {
    const accountId = await this.tokens.verify(req, purposeOf(meeting.id), editorToken, now);
    if (accountId === null) return { kind: 'refused' };
    const account = await this.accounts.findById(accountId);
    if (!account || account.disabledAt !== null) return { kind: 'refused' };
    const editor: MemberViewer = { kind: 'member', accountId: account.id, personId: account.personId, isAdmin: account.isAdmin };
    if (!(await this.permissions.canManageBody(editor, meeting.bodyId, now))) return { kind: 'refused' };
    const [accountKey, ipKey] = throttleKeys(accountId, req);
    if ((await this.throttle.blockedBy(accountKey, ipKey, now)) !== null) return { kind: 'throttled' };
    await this.throttle.recordFailure(accountKey, ipKey, now);
    const size = Object.values(submission.fields).reduce((n, f) => n + f.value.length, 0);
    if (size > PENDING_DRAFT_MAX_CHARS) return { kind: 'too-large' };
    return { kind: 'kept', token: await this.stash(accountId, minutesId, submission, now) };
  }

  /** Stores the submission as the account's one draft of these minutes; returns the secret token for the browser. */
  private async stash(accountId: number, minutesId: number, submission: TextSubmission, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.write(async (manager) => {
      const repo = manager.getRepository(PendingMinutesDraft);
      await repo.delete({ expiresAt: LessThan(now) });
      await repo.delete({ accountId, minutesId });
      await repo.insert({
        tokenHash: hashOf(token),
        accountId,
        minutesId,
        payload: JSON.stringify(submission),
        expiresAt: new Date(now.getTime() + PENDING_DRAFT_DAYS * 86_400_000),
      });
    });
    return token;
  }

  /** The kept submission for these minutes, this account and this browser's token, if not expired. */
  async find(accountId: number, minutesId: number, token: string | null, now = new Date()): Promise<TextSubmission | null> {
    if (!token || token.length > 100) return null;
    const draft = await this.drafts.findOne({ where: { tokenHash: hashOf(token), minutesId, accountId } });
    if (!draft || draft.expiresAt.getTime() < now.getTime()) return null;
    try {
      const parsed: unknown = JSON.parse(draft.payload);
      return isSubmission(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  async remove(token: string | null): Promise<void> {
    if (!token || token.length > 100) return;
    await this.db.write((manager) => manager.getRepository(PendingMinutesDraft).delete({ tokenHash: hashOf(token) }));
  }
}

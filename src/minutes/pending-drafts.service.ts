import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import type { TextSubmission } from './minutes.service.js';
import { PendingMinutesDraft } from './pending-minutes-draft.entity.js';

/** How long text submitted after the session expired is kept for its author to log in again. */
export const PENDING_DRAFT_DAYS = 7;

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function isSubmission(x: unknown): x is TextSubmission {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.baseVersion !== 'number' || typeof o.fields !== 'object' || o.fields === null) return false;
  return Object.values(o.fields as Record<string, unknown>).every(
    (f) => typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>).value === 'string' && typeof (f as Record<string, unknown>).baseHash === 'string',
  );
}

/**
 * Keeps minutes text that arrived without a valid session (expired while writing). The text is
 * stored server-side under the SHA-256 of a random token; only the submitting browser holds the
 * token (an HttpOnly cookie), so only that browser — once logged in again as an editor — can
 * claim it.
 */
@Injectable()
export class PendingDraftsService {
  constructor(
    @InjectRepository(PendingMinutesDraft) private readonly drafts: Repository<PendingMinutesDraft>,
    private readonly db: DatabaseService,
  ) {}

  /** Stores the submission; returns the secret token for the browser. */
  async stash(minutesId: number, submission: TextSubmission, now = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.write(async (manager) => {
      const repo = manager.getRepository(PendingMinutesDraft);
      await repo.delete({ expiresAt: LessThan(now) });
      await repo.insert({
        tokenHash: hashOf(token),
        minutesId,
        payload: JSON.stringify(submission),
        expiresAt: new Date(now.getTime() + PENDING_DRAFT_DAYS * 86_400_000),
      });
    });
    return token;
  }

  /** The kept submission for these minutes and this browser's token, if not expired. */
  async find(minutesId: number, token: string | null, now = new Date()): Promise<TextSubmission | null> {
    if (!token || token.length > 100) return null;
    const draft = await this.drafts.findOne({ where: { tokenHash: hashOf(token), minutesId } });
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

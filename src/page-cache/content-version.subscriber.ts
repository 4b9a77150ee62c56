import { type EntityManager, EventSubscriber, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { bumpVersionRow, VersionRowSubscriber } from '../database/version-row.js';
import { ContentVersion } from './content-version.entity.js';
import { CONTENT_VERSION_CHANNEL } from './content-version.listener.js';

/**
 * Tables that never show on a public page, vCard or feed: bookkeeping, secrets, logs, queues and
 * drafts. A write anywhere else raises the content version (an unknown new table is safe by default).
 */
export const NON_CONTENT_TABLES: ReadonlySet<string> = new Set([
  'content_version',
  'sessions',
  'login_failures',
  'password_reset_requests',
  'email_change_tokens',
  'password_set_tokens',
  'auth_secrets',
  'audit_entries',
  'mail_outbox',
  'seed_runs',
  'import_drafts',
  'pending_minutes_drafts',
  'device_passwords',
  'dav_collections',
  'dav_resources',
]);

/**
 * Raised when a bump of this process is committed, so a reader here knows at once that its copy is
 * stale. Not earlier: readers see committed data only, and a reading taken before the commit must
 * not pass for the new one.
 */
export const localContentChanges = { count: 0 };

/** Transactions that raised the content version and have not ended yet. */
const uncommittedBumps = new WeakSet<QueryRunner>();

/**
 * Raise the content version inside the caller's write transaction. On PostgreSQL it also notifies the
 * other instances' listeners (content-version.listener.ts); a NOTIFY inside a transaction is delivered
 * at its commit, and never after a rollback.
 */
export async function bumpContentVersion(manager: EntityManager, now: Date = new Date()): Promise<void> {
  await bumpVersionRow(manager, ContentVersion, now);
  if (manager.connection.options.type === 'postgres') await manager.query(`NOTIFY ${CONTENT_VERSION_CHANNEL}`);
  if (manager.queryRunner?.isTransactionActive) uncommittedBumps.add(manager.queryRunner);
  else localContentChanges.count++;
}

/**
 * Raises the content version with every write to a content table, so cached pages of every app
 * instance see at once that they are stale.
 */
@EventSubscriber()
export class ContentVersionSubscriber extends VersionRowSubscriber {
  protected watches(tableName: string): boolean {
    return !NON_CONTENT_TABLES.has(tableName);
  }
  protected bump(manager: EntityManager): Promise<void> {
    return bumpContentVersion(manager);
  }

  /** Fires for savepoints too: only the outermost commit makes a bump visible. */
  override afterTransactionCommit(event: TransactionCommitEvent): void {
    super.afterTransactionCommit(event);
    if (!event.queryRunner.isTransactionActive && uncommittedBumps.delete(event.queryRunner)) localContentChanges.count++;
  }

  override afterTransactionRollback(event: TransactionRollbackEvent): void {
    super.afterTransactionRollback(event);
    if (!event.queryRunner.isTransactionActive) uncommittedBumps.delete(event.queryRunner);
  }
}

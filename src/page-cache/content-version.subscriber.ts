import { type EntityManager, EventSubscriber, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { type AnyEvent, bumpVersionRow, changedProperties, VersionRowSubscriber } from '../database/version-row.js';
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
 * Columns of content tables that no page, vCard or feed shows: an update that changes only these is no
 * change of content. A login sets `last_login_at` (and may rehash the password); without this, every
 * login would make every cached page of every instance stale.
 */
export const BOOKKEEPING_COLUMNS: ReadonlyMap<string, ReadonlySet<string>> = new Map([['accounts', new Set(['lastLoginAt', 'passwordHash', 'passwordChangedAt', 'updatedAt'])]]);

/** Whether a write changes what pages may show (the content version's one rule). */
export function isContentWrite(event: AnyEvent): boolean {
  const table = event.metadata.tableName;
  if (NON_CONTENT_TABLES.has(table)) return false;
  const bookkeeping = BOOKKEEPING_COLUMNS.get(table);
  const changed = bookkeeping ? changedProperties(event) : null;
  return !(bookkeeping && changed && changed.length > 0 && changed.every((property) => bookkeeping.has(property)));
}

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
  protected watches(event: AnyEvent): boolean {
    return isContentWrite(event);
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

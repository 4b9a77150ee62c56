import { type EntityManager, type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type RemoveEvent, type SoftRemoveEvent, type UpdateEvent } from 'typeorm';
import { ContentVersion } from './content-version.entity.js';

/**
 * Tables that never show on a public page, vCard or feed: bookkeeping, secrets, logs, queues and
 * drafts. A write anywhere else raises the content version (an unknown new table is safe by default).
 */
export const NON_CONTENT_TABLES: ReadonlySet<string> = new Set([
  'content_version',
  'calendar_data_version',
  'sessions',
  'login_failures',
  'password_set_tokens',
  'auth_secrets',
  'audit_entries',
  'mail_outbox',
  'seed_runs',
  'import_drafts',
  'pending_minutes_drafts',
]);

/** Raised with every bump in this process, so a reader here knows at once that its copy is stale. */
export const localContentChanges = { count: 0 };

/** Raise the content version inside the caller's write transaction. */
export async function bumpContentVersion(manager: EntityManager, now: Date = new Date()): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(ContentVersion)
    .set({ version: () => 'version + 1', changedAt: now })
    .where('id = :id', { id: 1 })
    .execute();
  if (!result.affected) {
    await manager.getRepository(ContentVersion).insert({ id: 1, version: 1, changedAt: now });
  }
  localContentChanges.count++;
}

type AnyEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown> | SoftRemoveEvent<unknown>;

/**
 * Raises the content version in the same transaction as every write to a content table — through
 * repositories and query builders alike — so no writer can forget to invalidate cached pages.
 */
@EventSubscriber()
export class ContentVersionSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterUpdate(event: UpdateEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterRemove(event: RemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterSoftRemove(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterRecover(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }

  private async bump(event: AnyEvent): Promise<void> {
    if (!NON_CONTENT_TABLES.has(event.metadata.tableName)) await bumpContentVersion(event.manager);
  }
}

import { Column, type EntityManager, type EntitySubscriberInterface, type EntityTarget, type InsertEvent, PrimaryColumn, type RemoveEvent, type SoftRemoveEvent, type UpdateEvent } from 'typeorm';

/** The columns of a one-row counter table (id 1): `version` raised and `changed_at` set by every write it watches. */
export abstract class VersionRow {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ name: 'changed_at', type: Date })
  changedAt: Date;
}

/** Raises a version row inside the caller's write transaction (creating the row if it is missing). */
export async function bumpVersionRow(manager: EntityManager, entity: EntityTarget<VersionRow>, now: Date = new Date()): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ version: () => 'version + 1', changedAt: now })
    .where('id = :id', { id: 1 })
    .execute();
  if (!result.affected) {
    await manager.getRepository(entity).insert({ id: 1, version: 1, changedAt: now });
  }
}

type AnyEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown> | SoftRemoveEvent<unknown>;

/**
 * A TypeORM subscriber that raises a version row in the same transaction as every write — through
 * repositories and query builders alike — to a table it watches, so no writer can forget it.
 */
export abstract class VersionRowSubscriber implements EntitySubscriberInterface {
  /** Whether a write to this table changes what the version stands for. */
  protected abstract watches(tableName: string): boolean;
  protected abstract bump(manager: EntityManager): Promise<void>;

  afterInsert(event: InsertEvent<unknown>): Promise<void> {
    return this.onWrite(event);
  }
  afterUpdate(event: UpdateEvent<unknown>): Promise<void> {
    return this.onWrite(event);
  }
  afterRemove(event: RemoveEvent<unknown>): Promise<void> {
    return this.onWrite(event);
  }
  afterSoftRemove(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.onWrite(event);
  }
  afterRecover(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.onWrite(event);
  }

  private async onWrite(event: AnyEvent): Promise<void> {
    if (this.watches(event.metadata.tableName)) await this.bump(event.manager);
  }
}

import {
  Column,
  type EntityManager,
  type EntitySubscriberInterface,
  type EntityTarget,
  type InsertEvent,
  PrimaryColumn,
  type QueryRunner,
  type RemoveEvent,
  type SoftRemoveEvent,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type UpdateEvent,
} from 'typeorm';

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

/** Per connection: the last version bump queued on it. */
const lastBump = new WeakMap<QueryRunner, Promise<void>>();

/** TypeORM tells all subscribers of a write at once (Promise.all); one connection runs their bumps one after another. */
function oneAfterAnother(runner: QueryRunner, bump: () => Promise<void>): Promise<void> {
  const next = (lastBump.get(runner) ?? Promise.resolve()).catch(() => undefined).then(bump);
  lastBump.set(runner, next);
  return next;
}

export type AnyEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown> | SoftRemoveEvent<unknown>;

/**
 * The properties an update changed: the changed columns of a `save`, or the values a query builder's
 * (or `repository.update`'s) `set` gave; null when TypeORM does not say (then it counts as a change of content).
 */
export function changedProperties(event: AnyEvent): string[] | null {
  if (!('updatedColumns' in event)) return null;
  if (event.updatedColumns.length > 0) return event.updatedColumns.map((column) => column.propertyName);
  const values: unknown = event.entity;
  if (event.databaseEntity === undefined && typeof values === 'object' && values !== null) return Object.keys(values);
  return null;
}

/**
 * A TypeORM subscriber that raises a version row in the same transaction as every write — through
 * repositories and query builders alike — to a table it watches, so no writer can forget it.
 */
export abstract class VersionRowSubscriber implements EntitySubscriberInterface {
  /** Whether this write changes what the version stands for. */
  protected abstract watches(event: AnyEvent): boolean;
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

  /** Per connection: the bump of its open transaction (done or running). */
  private readonly bumps = new WeakMap<QueryRunner, Promise<void>>();

  /**
   * TypeORM runs the after-hooks of every row of a multi-row insert at once (Promise.all), on one
   * connection: one bump per transaction, shared by all its writes, so no two bumps run in parallel
   * (and the whole transaction becomes visible at once anyway). A write outside a transaction bumps itself.
   */
  private onWrite(event: AnyEvent): Promise<void> {
    if (!this.watches(event)) return Promise.resolve();
    const runner = event.queryRunner;
    if (!runner.isTransactionActive) return oneAfterAnother(runner, () => this.bump(event.manager));
    let bump = this.bumps.get(runner);
    if (!bump) {
      bump = oneAfterAnother(runner, () => this.bump(event.manager));
      this.bumps.set(runner, bump);
    }
    return bump;
  }

  /** Fires for savepoints too: a write after a savepoint ended bumps again (a rolled-back savepoint may have taken the bump with it). */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.bumps.delete(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.bumps.delete(event.queryRunner);
  }
}

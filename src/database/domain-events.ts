import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The events a write publishes, by name. Empty here on purpose: the module that publishes an event
 * declares it next to its own types (declaration merging), so this file never imports a domain:
 *
 *   declare module '../database/domain-events.js' {
 *     interface DomainEventMap { 'meeting.changed': MeetingChanged }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap;

/** A handler runs inside the publisher's transaction, on the publisher's EntityManager. */
export type DomainEventHandler<K extends DomainEventName> = (manager: EntityManager, event: DomainEventMap[K]) => Promise<void>;

/**
 * The seam for a write's side effects (queue iTIP mails, reindex search, …): a lower module publishes,
 * a higher module handles, and both run in the same transaction, so a side effect commits or rolls back
 * with the write that caused it (the transactional outbox stays transactional) and the lower module
 * never imports the higher one.
 *
 * Handlers register once at start-up (in their service's constructor or onModuleInit) and run one
 * after another in registration order — never in parallel: one transaction is one connection.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, DomainEventHandler<DomainEventName>[]>();

  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    // Stored under its own name and only ever called with that name's payload (publish below).
    list.push(handler as unknown as DomainEventHandler<DomainEventName>);
    this.handlers.set(name, list);
  }

  /** Run every handler of `name` inside the caller's transaction; a handler's error aborts the write. */
  async publish<K extends DomainEventName>(manager: EntityManager, name: K, event: DomainEventMap[K]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`DomainEvents.publish('${String(name)}') outside a write transaction`);
    }
    for (const handler of this.handlers.get(name) ?? []) {
      await handler(manager, event);
    }
  }
}

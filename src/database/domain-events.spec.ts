import type { EntityManager } from 'typeorm';
import { DomainEvents, type DomainEventName } from './domain-events.js';

// The app's event names come from the modules that publish them; this test uses its own name.
const NAME = 'test.event' as DomainEventName;
const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

describe('DomainEvents', () => {
  it('runs the handlers one after another, in registration order, on the publisher’s manager', async () => {
    const events = new DomainEvents();
    const log: string[] = [];
    let running = 0;
    for (const name of ['mail', 'search']) {
      events.on(NAME, async (manager, event) => {
        expect(manager).toBe(inTransaction);
        running++;
        expect(running).toBe(1);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}:${JSON.stringify(event)}`);
        running--;
      });
    }
    await events.publish(inTransaction, NAME, { id: 7 } as never);
    expect(log).toEqual(['mail:{"id":7}', 'search:{"id":7}']);
  });

  it('lets a handler’s error abort the write', async () => {
    const events = new DomainEvents();
    events.on(NAME, () => Promise.reject(new Error('outbox full')));
    await expect(events.publish(inTransaction, NAME, {} as never)).rejects.toThrow('outbox full');
  });

  it('refuses to publish outside a transaction (a side effect would not roll back with the write)', async () => {
    const events = new DomainEvents();
    const outside = { queryRunner: undefined } as unknown as EntityManager;
    await expect(events.publish(outside, NAME, {} as never)).rejects.toThrow(/outside a write transaction/);
  });
});

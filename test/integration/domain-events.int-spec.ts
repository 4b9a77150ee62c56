import { DataSource } from 'typeorm';
import { DatabaseService } from '../../src/database/database.service.js';
import { type DomainEventName, DomainEvents } from '../../src/database/domain-events.js';
import { Organisation } from '../../src/organisations/organisation.entity.js';
import { createTestModule, type TestModule } from '../helpers/test-module.js';

// The app's event names belong to the modules that publish them; this test uses one of its own.
const NAME = 'test.organisation-saved' as DomainEventName;

/** A write's side effects run in the writer's transaction on the real engine: they commit or roll back with it. */
describe('DomainEvents inside DatabaseService.write', () => {
  let t: TestModule;
  let db: DatabaseService;
  let events: DomainEvents;
  let failHandler = false;
  const count = (name: string): Promise<number> => t.module.get(DataSource).getRepository(Organisation).countBy({ name });

  beforeAll(async () => {
    t = await createTestModule([]);
    db = t.module.get(DatabaseService);
    events = t.module.get(DomainEvents);
    // The "higher module": records a side effect in the same transaction, or fails.
    events.on(NAME, async (manager, event) => {
      const { name } = event as unknown as { name: string };
      await manager.getRepository(Organisation).save({ name: `${name} (Folge)`, kind: 'other' });
      if (failHandler) throw new Error('Nebenwirkung fehlgeschlagen');
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const publishWrite = (name: string, thenFail = false): Promise<void> =>
    db.write(async (m) => {
      await m.getRepository(Organisation).save({ name, kind: 'other' });
      await events.publish(m, NAME, { name } as never);
      if (thenFail) throw new Error('Schreiben fehlgeschlagen');
    });

  it('commits the side effect with the write', async () => {
    await publishWrite('Verein Ost');
    expect([await count('Verein Ost'), await count('Verein Ost (Folge)')]).toEqual([1, 1]);
  });

  it('rolls the side effect back when the write fails after publishing', async () => {
    await expect(publishWrite('Verein West', true)).rejects.toThrow('Schreiben fehlgeschlagen');
    expect([await count('Verein West'), await count('Verein West (Folge)')]).toEqual([0, 0]);
  });

  it('rolls the write back when a handler fails', async () => {
    failHandler = true;
    await expect(publishWrite('Verein Nord')).rejects.toThrow('Nebenwirkung fehlgeschlagen');
    failHandler = false;
    expect([await count('Verein Nord'), await count('Verein Nord (Folge)')]).toEqual([0, 0]);
  });
});

import { DataSource } from 'typeorm';
import { DatabaseService } from '../../src/database/database.service.js';
import { Organisation } from '../../src/organisations/organisation.entity.js';
import { createTestModule, type TestModule } from '../helpers/test-module.js';

/** DatabaseService.write on the real engine (SQLite here, PostgreSQL in the PostgreSQL pass). */
describe('DatabaseService.write', () => {
  let t: TestModule;
  let db: DatabaseService;

  beforeAll(async () => {
    t = await createTestModule([]);
    db = t.module.get(DatabaseService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs concurrent writers one at a time, so a read-modify-write loses no update', async () => {
    const counter = await db.write((m) => m.getRepository(Organisation).save({ name: 'Zähler', kind: 'other', description: '0' }));
    let inside = 0;
    let mostInside = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.write(async (m) => {
          inside++;
          mostInside = Math.max(mostInside, inside);
          const repo = m.getRepository(Organisation);
          const current = await repo.findOneByOrFail({ id: counter.id });
          await new Promise((resolve) => setImmediate(resolve)); // give another writer the chance to interleave
          await repo.update({ id: counter.id }, { description: String(Number(current.description) + 1) });
          await repo.insert({ name: `Schreiber ${i}`, kind: 'other' });
          inside--;
        }),
      ),
    );
    expect(mostInside).toBe(1);
    const repo = t.module.get(DataSource).getRepository(Organisation);
    expect((await repo.findOneByOrFail({ id: counter.id })).description).toBe('20');
    expect(await repo.countBy({ kind: 'other' })).toBeGreaterThanOrEqual(21);
  });

  it('rolls a failed writer back completely and lets the next one write', async () => {
    const repo = t.module.get(DataSource).getRepository(Organisation);
    const before = await repo.count();
    const failing = db.write(async (m) => {
      await m.getRepository(Organisation).insert({ name: 'Wird zurückgerollt', kind: 'other' });
      throw new Error('Abbruch im Test');
    });
    const next = db.write((m) => m.getRepository(Organisation).insert({ name: 'Danach geschrieben', kind: 'other' }));
    await expect(failing).rejects.toThrow('Abbruch im Test');
    await next;
    expect(await repo.count()).toBe(before + 1);
    expect(await repo.countBy({ name: 'Wird zurückgerollt' })).toBe(0);
    expect(await repo.countBy({ name: 'Danach geschrieben' })).toBe(1);
  });
});

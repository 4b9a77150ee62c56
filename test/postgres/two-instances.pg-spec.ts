import { DataSource } from 'typeorm';
import { DatabaseService } from '../../src/database/database.service.js';
import { Organisation } from '../../src/organisations/organisation.entity.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Two app instances on one PostgreSQL database, as behind a load balancer. */
describe('two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required for this suite');
    a = await createTestApp();
    b = await createTestApp({ databasePath: a.config.databasePath, databaseUrl: a.config.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('loses none of 20 concurrent writers spread over both instances, some on the same record', async () => {
    const shared = await a.app.get(DatabaseService).write((m) => m.getRepository(Organisation).save({ name: 'Zähler', kind: 'other', description: '0' }));
    const writers = Array.from({ length: 20 }, (_, i) => {
      const db = (i % 2 === 0 ? a : b).app.get(DatabaseService);
      return db.write(async (m) => {
        await m.getRepository(Organisation).insert({ name: `Parallel ${i}`, kind: 'other' });
        // The same record from both instances: a row lock serialises the increments.
        await m.query(`UPDATE organisations SET description = CAST(CAST(description AS integer) + 1 AS varchar) WHERE id = $1`, [shared.id]);
      });
    });
    await Promise.all(writers);
    const repo = b.app.get(DataSource).getRepository(Organisation);
    expect(await repo.count({ where: { kind: 'other' } })).toBe(21);
    expect((await repo.findOneByOrFail({ id: shared.id })).description).toBe('20');
  });
});

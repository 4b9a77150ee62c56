import { DataSource } from 'typeorm';
import { sortKeyOf } from '../seeds/seed-context.js';
import { appDataSourceOptions } from '../src/app.entities.js';
import { engineOf } from '../src/database/database-options.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { Person } from '../src/people/person.entity.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

/**
 * The migration that gives audit entries their body fills it in for the entries written before it:
 * a body's own entries and memberships (through the membership's body); other entries stay without.
 */
describe('audit body migration', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(appDataSourceOptions(db));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('backfills the body of body and membership entries', async () => {
    await ds.runMigrations({ transaction: 'each' });
    const position = ds.migrations.findIndex((m) => /AuditBody\d+$/.test(m.constructor.name));
    expect(position).toBeGreaterThan(0);
    for (let i = ds.migrations.length; i > position; i--) await ds.undoLastMigration({ transaction: 'each' });

    const body = await ds.getRepository(Body).save({ name: 'Altbeirat', code: 'ALT', kind: 'advisory_board', isPublic: true });
    const person = await ds.getRepository(Person).save({ givenName: 'Jana', familyName: 'Köhler', sortKey: sortKeyOf({ givenName: 'Jana', familyName: 'Köhler' }) });
    const membership = await ds.getRepository(Membership).save({ bodyId: body.id, personId: person.id, role: 'member', votingRight: true });
    const entry = async (type: string, entityId: number): Promise<void> => {
      await ds.query(
        `INSERT INTO audit_entries (created_at, account_id, actor_name, action, entity_type, entity_id, label, subject_person_id, changes, search_text) VALUES ($1, NULL, 'System', 'create', $2, $3, 'x', NULL, '[]', 'x')`.replace(
          /\$(\d)/g,
          (_, n: string) => (engineOf(db) === 'postgres' ? `$${n}` : '?'),
        ),
        ['2026-01-01 10:00:00.000', type, entityId],
      );
    };
    await entry('body', body.id);
    await entry('membership', membership.id);
    await entry('person', person.id);

    await ds.runMigrations({ transaction: 'each' });
    const rows: { entity_type: string; body_id: number | string | null }[] = await ds.query(`SELECT entity_type, body_id FROM audit_entries ORDER BY id`);
    expect(rows.map((r) => [r.entity_type, r.body_id === null ? null : Number(r.body_id)])).toEqual([
      ['body', body.id],
      ['membership', body.id],
      ['person', null],
    ]);
  });
});

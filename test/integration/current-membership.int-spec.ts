import { BodiesModule } from '../../src/bodies/bodies.module.js';
import { BodyPolicyService } from '../../src/bodies/body-policy.service.js';
import { Body } from '../../src/bodies/body.entity.js';
import { isCurrentMembership } from '../../src/bodies/current-membership.js';
import { Membership } from '../../src/bodies/membership.entity.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { Person } from '../../src/people/person.entity.js';
import { createTestModule, type TestModule } from '../helpers/test-module.js';

/**
 * The one current-membership rule exists as a predicate and as SQL (src/bodies/current-membership.ts):
 * on the real engine both must say the same for every kind of period, chairs included.
 */
describe('current membership: the SQL and the predicate agree on the engine', () => {
  let t: TestModule;
  let policy: BodyPolicyService;
  let bodyId: number;
  const today = '2026-03-29';
  const periods: [string, string | null, string | null][] = [
    ['open-ended', null, null],
    ['started long ago, no end', '2020-01-01', null],
    ['starts today', today, null],
    ['starts tomorrow', '2026-03-30', null],
    ['starts next month', '2026-04-01', '2026-12-31'],
    ['ends today', '2025-01-01', today],
    ['ended yesterday', '2025-01-01', '2026-03-28'],
    ['ended years ago', null, '2003-01-01'],
  ];
  const personOf = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestModule([BodiesModule]);
    policy = t.module.get(BodyPolicyService);
    await t.module.get(DatabaseService).write(async (m) => {
      bodyId = (await m.getRepository(Body).save({ name: 'Arbeitsgruppe Zeiträume', code: 'AGZ', kind: 'working_group', isPublic: true })).id;
      for (const [label, startDate, endDate] of periods) {
        const person = await m.getRepository(Person).save({ givenName: 'Ирина', familyName: label, sortKey: label });
        personOf.set(label, person.id);
        await m.getRepository(Membership).save({ bodyId, personId: person.id, role: 'chair', votingRight: true, startDate, endDate });
      }
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists exactly the members the predicate calls current', async () => {
    const expected = periods.filter(([, startDate, endDate]) => isCurrentMembership({ startDate, endDate }, today)).map(([label]) => personOf.get(label));
    expect(await policy.currentMemberIds(bodyId, today)).toEqual([...expected].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(expected).toHaveLength(4);
  });

  it('gives chair rights only to current chairs (not to one who starts tomorrow or ended yesterday)', async () => {
    const chairs = (await policy.currentChairs([bodyId], today)).map((m) => m.person.familyName).sort();
    expect(chairs).toEqual(['ends today', 'open-ended', 'started long ago, no end', 'starts today']);
  });
});

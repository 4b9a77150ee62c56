import { DateTime } from 'luxon';
import { SeedContext } from '../seeds/seed-context.js';
import { BodyPolicyService } from '../src/bodies/body-policy.service.js';
import { ANONYMOUS, memberViewer } from '../src/auth/viewer.js';
import type { MembershipRole } from '../src/bodies/membership.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** A Berlin calendar date relative to `now`. */
function berlinDate(now: Date, days: number): string {
  return DateTime.fromJSDate(now).setZone('Europe/Berlin').plus({ days }).toISODate() ?? '';
}

describe('BodyPolicyService.canManageBody', () => {
  let t: TestApp;
  let permissions: BodyPolicyService;
  let bodyId: number;
  let otherBodyId: number;
  const people: Record<string, number> = {};
  // 23:30 UTC on 31 March is already 1 April in Berlin (summer time): "today" is Berlin's date
  const now = new Date('2031-03-31T23:30:00Z');

  beforeAll(async () => {
    t = await createTestApp();
    permissions = t.app.get(BodyPolicyService);
    await t.app.get(DatabaseService).write(async (m) => {
      const ctx = new SeedContext(m);
      const body = await ctx.ensureBody({ name: 'Testbeirat', code: 'TB', kind: 'advisory_board' });
      const other = await ctx.ensureBody({ name: 'Anderer Runder Tisch', code: 'ART', kind: 'round_table' });
      bodyId = body.id;
      otherBodyId = other.id;
      const add = async (key: string, role: MembershipRole, inBody: number, startDate: string | null, endDate: string | null) => {
        const person = await ctx.ensurePerson({ givenName: key, familyName: 'Prüfling' });
        people[key] = person.id;
        await ctx.ensureMembership({ bodyId: inBody, personId: person.id, role, startDate, endDate });
      };
      await add('Vorsitz', 'chair', body.id, '2020-01-01', null);
      await add('Stellvertretung', 'deputy_chair', body.id, null, null);
      await add('Geschäftsführung', 'secretary', body.id, '2024-05-01', berlinDate(now, 0)); // ends today: still current
      await add('Mitglied', 'member', body.id, null, null);
      await add('Ehemalig', 'chair', body.id, '2010-01-01', berlinDate(now, -1)); // ended yesterday (Berlin)
      await add('Anderswo', 'chair', other.id, null, null);
      await add('Künftig', 'chair', body.id, berlinDate(now, 1), null); // starts tomorrow
      await add('Gast', 'guest', body.id, null, null);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['Vorsitz', true],
    ['Stellvertretung', true],
    ['Geschäftsführung', true],
    ['Mitglied', false],
    ['Gast', false],
    ['Ehemalig', false],
    ['Anderswo', false],
    ['Künftig', false],
  ])('%s → %s', async (key, expected) => {
    expect(await permissions.canManageBody(memberViewer(100, people[key]), bodyId, now)).toBe(expected);
  });

  it('the chair of another body manages that body only', async () => {
    expect(await permissions.canManageBody(memberViewer(100, people['Anderswo']), otherBodyId, now)).toBe(true);
    expect(await permissions.canManageBody(memberViewer(100, people['Vorsitz']), otherBodyId, now)).toBe(false);
  });

  it('administrators manage every body; anonymous viewers and accounts without a person none', async () => {
    expect(await permissions.canManageBody(memberViewer(1, null, true), bodyId, now)).toBe(true);
    expect(await permissions.canManageBody(memberViewer(1, people['Mitglied'], true), otherBodyId, now)).toBe(true);
    expect(await permissions.canManageBody(ANONYMOUS, bodyId, now)).toBe(false);
    expect(await permissions.canManageBody(memberViewer(2, null), bodyId, now)).toBe(false);
  });

  it('lists the bodies a viewer manages', async () => {
    expect(await permissions.manageableBodyIds(memberViewer(100, people['Vorsitz']), now)).toEqual([bodyId]);
    expect(await permissions.manageableBodyIds(memberViewer(100, people['Mitglied']), now)).toEqual([]);
    expect(await permissions.manageableBodyIds(memberViewer(1, null, true), now)).toBe('all');
    expect(await permissions.manageableBodyIds(ANONYMOUS, now)).toEqual([]);
  });

  it('assertCanManageBody sends anonymous viewers to the login and refuses members with a German 403', async () => {
    await expect(permissions.assertCanManageBody(ANONYMOUS, bodyId, '/gremien/1')).rejects.toMatchObject({ returnTo: '/gremien/1' });
    await expect(permissions.assertCanManageBody(memberViewer(100, people['Mitglied']), bodyId)).rejects.toMatchObject({
      response: { userMessage: 'Nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung dieses Gremiums dürfen das.' },
    });
    await expect(permissions.assertCanManageBody(memberViewer(100, people['Stellvertretung']), bodyId)).resolves.toBeUndefined();
  });
});

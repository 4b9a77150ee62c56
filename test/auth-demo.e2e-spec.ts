import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PEOPLE } from '../seeds/demo.seed.js';
import { Account } from '../src/auth/account.entity.js';
import { BodyPolicyService } from '../src/bodies/body-policy.service.js';
import { DEMO_ACCOUNTS, DEMO_CHAIR, DEMO_MEMBER, DEMO_SECRETARY } from '../src/auth/demo-accounts.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { memberViewer } from '../src/auth/viewer.js';
import { Body } from '../src/bodies/body.entity.js';
import { Person } from '../src/people/person.entity.js';
import { csrfTokenFrom, login, startupError } from './helpers/auth.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('demo accounts', () => {
  it('do not exist without demo data', async () => {
    const t = await createTestApp({ seedDemo: false });
    try {
      const emails = (await t.app.get(DataSource).getRepository(Account).find()).map((a) => a.email);
      expect(emails).toEqual(['admin@localhost']);
      const agent = request.agent(t.http);
      const page = await agent.get('/anmelden');
      await agent.post('/anmelden').type('form').send({ _csrf: csrfTokenFrom(page.text), email: DEMO_CHAIR.email, password: DEMO_CHAIR.password }).expect(422);
    } finally {
      await t.close();
    }
  });

  describe('with demo data', () => {
    let dir: string;
    let databasePath: string;
    let t: TestApp;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'netzwerk-demo-'));
      databasePath = join(dir, 'demo.sqlite');
      t = await createTestApp({ databasePath, seedDemo: true });
    });
    afterAll(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('log in with the documented passwords and are linked to the fictional demo people, not real ones', async () => {
      const ds = t.app.get(DataSource);
      for (const demo of DEMO_ACCOUNTS) {
        const account = await ds.getRepository(Account).findOneOrFail({ where: { email: demo.email } });
        const person = await ds.getRepository(Person).findOneBy({ id: account.personId ?? 0 });
        expect(account.isAdmin).toBe(false);
        expect(person).toMatchObject({ givenName: DEMO_PEOPLE[demo.personKey].givenName, familyName: DEMO_PEOPLE[demo.personKey].familyName });
        await login(request.agent(t.http), demo.email, demo.password);
      }
      const avramenko = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
      expect(await ds.getRepository(Account).countBy({ personId: avramenko.id })).toBe(0);
      const agent = request.agent(t.http);
      await login(agent, DEMO_MEMBER.email, DEMO_MEMBER.password);
      expect((await agent.get('/')).text).toContain('Thị Lan Nguyễn');
    });

    it('give chair rights for the Begleitbeirat to the deputy chair and the secretary only', async () => {
      const ds = t.app.get(DataSource);
      const board = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
      const permissions = t.app.get(BodyPolicyService);
      const viewerOf = async (email: string) => {
        const a = await ds.getRepository(Account).findOneByOrFail({ email });
        return memberViewer(a.id, a.personId);
      };
      expect(await permissions.canManageBody(await viewerOf(DEMO_CHAIR.email), board.id)).toBe(true);
      expect(await permissions.canManageBody(await viewerOf(DEMO_SECRETARY.email), board.id)).toBe(true);
      expect(await permissions.canManageBody(await viewerOf(DEMO_MEMBER.email), board.id)).toBe(false);
    });

    it('stop a production start while a demo password still works; changed passwords let it start', async () => {
      await t.app.close();
      // production refuses (demo data stays off; the accounts are still there)
      const refused = await startupError({ databasePath, nodeEnv: 'production', seedDemo: false });
      expect(refused.name).toBe('StartupRefusedError');
      expect(refused.message).toMatch(
        /^Start abgebrochen: In der Produktion haben diese Konten noch ihr öffentlich dokumentiertes Demo-Passwort: vorsitz@example\.org, geschaeftsfuehrung@example\.org, mitglied@example\.org\./,
      );
      // production with SEED_DEMO=true creates the demo accounts and so refuses as well
      expect((await startupError({ nodeEnv: 'production', seedDemo: true })).name).toBe('StartupRefusedError');
      // change the demo passwords (as an operator would) and try again
      const maintenance = await createTestApp({ databasePath, seedDemo: false });
      try {
        const hasher = maintenance.app.get(PasswordHasher);
        for (const demo of DEMO_ACCOUNTS) {
          const passwordHash = await hasher.hash(`${demo.password} geändert vom Betrieb`);
          await maintenance.app.get(DatabaseService).write((m) => m.getRepository(Account).update({ email: demo.email }, { passwordHash }));
        }
      } finally {
        await maintenance.app.close();
      }
      const production = await createTestApp({ databasePath, nodeEnv: 'production', seedDemo: false });
      await production.app.close();
      t = await createTestApp({ databasePath, seedDemo: false }); // for afterAll
    });
  });
});

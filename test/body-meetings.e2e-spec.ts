import request from 'supertest';
import { DataSource } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { DEMO_CHAIR, DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { login } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** The start page and body pages show what comes next and what was decided (demo data). */
describe('upcoming meetings and recent decisions on start and body pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists upcoming meetings on the start page', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.text).toContain('Nächste Sitzungen');
    expect(res.text).toMatch(/href="\/sitzungen\/\d+"/);
  });

  it('lists the body’s upcoming meetings and its latest public decisions on the body page', async () => {
    const ds = t.app.get(DataSource);
    const board = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const res = await request(t.http).get(`/gremien/${board.id}`).expect(200);
    expect(res.text).toContain('Nächste Sitzungen');
    expect(res.text).toContain(`/sitzungen?gremium&#x3D;${board.id}`);
    const decisions = await ds.getRepository(Decision).count();
    expect(decisions).toBeGreaterThan(0);
    const anyBodyWithDecisions = await Promise.all(
      (await ds.getRepository(Body).find()).map(async (b) => (await request(t.http).get(`/gremien/${b.id}`)).text),
    );
    expect(anyBodyWithDecisions.some((html) => html.includes('Letzte Beschlüsse') && /[A-Z]+-\d{4}-\d+/.test(html))).toBe(true);
  });
});

describe('planning links on the meetings list', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows "Sitzung planen" to a chair, not to a plain member or a visitor', async () => {
    const chair = request.agent(t.http);
    await login(chair, DEMO_CHAIR.email, DEMO_CHAIR.password);
    const forChair = await chair.get('/sitzungen').expect(200);
    expect(forChair.text).toContain('href="/sitzungen/neu"');
    expect(forChair.text).toContain('Sitzung planen');

    const member = request.agent(t.http);
    await login(member, DEMO_MEMBER.email, DEMO_MEMBER.password);
    expect((await member.get('/sitzungen').expect(200)).text).not.toContain('Sitzung planen');
    expect((await request(t.http).get('/sitzungen').expect(200)).text).not.toContain('Sitzung planen');
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedDemoMinutes } from '../seeds/demo-minutes.seed.js';
import { SeedContext } from '../seeds/seed-context.js';
import { DEMO_SECRETARY } from '../src/auth/demo-accounts.js';
import { Body } from '../src/bodies/body.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { login } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('demo minutes', () => {
  let t: TestApp;
  const now = new Date('2026-06-01T10:00:00Z');
  let ids: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    const db = t.app.get(DatabaseService);
    // The first start already loaded the demo minutes; this test loads them itself, from a clean slate.
    await db.write(async (m) => {
      for (const table of ['pending_minutes_drafts', 'action_items', 'decisions', 'decision_counters', 'minutes_amendments', 'minutes_items', 'minutes']) {
        await m.query(`DELETE FROM ${table}`);
      }
    });
    ids = await db.write(async (m) => {
      const bb = await m.getRepository(Body).findOneByOrFail({ code: 'BB' });
      const out: number[] = [];
      const dates = ['2026-01-20', '2026-02-24', '2026-03-24', '2026-04-28', '2026-06-30'];
      for (const [i, day] of dates.entries()) {
        const meeting = await m.getRepository(Meeting).save({
          bodyId: bb.id,
          title: `${i + 1}. Sitzung 2026`,
          startsAt: new Date(`${day}T16:00:00Z`),
          endsAt: new Date(`${day}T18:00:00Z`),
          state: i < 4 ? 'held' : 'invited',
          uid: `demo-minutes-${i}@test`,
          isPublic: true,
        });
        await m.getRepository(AgendaItem).save([
          { meetingId: meeting.id, number: '1', position: 0, level: 0, title: 'Bericht der Servicestelle', isPublic: true },
          { meetingId: meeting.id, number: '2', position: 1, level: 0, title: 'Integrationskonzept', isPublic: true },
          { meetingId: meeting.id, number: '3', position: 2, level: 0, title: 'Personalien', isPublic: false },
        ]);
        out.push(meeting.id);
      }
      return out;
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes approved, circulated and draft minutes with decisions and action items, and is re-runnable', async () => {
    const db = t.app.get(DatabaseService);
    const first = await db.write(async (m) => {
      const ctx = new SeedContext(m);
      await seedDemoMinutes(ctx, now);
      return ctx.created;
    });
    expect(first).toBe(4);
    const ds = t.app.get(DataSource);
    const minutes = await ds.getRepository(Minutes).find({ order: { meetingId: 'ASC' } });
    expect(minutes.map((x) => x.status)).toEqual(['approved', 'approved', 'circulated', 'draft']);
    expect(minutes[0].approvedInMeetingId).toBe(ids[1]);
    const numbers = (await ds.getRepository(Decision).find({ order: { sequence: 'ASC' } })).map((d) => d.number);
    expect(numbers).toEqual(['BB-2026-01', 'BB-2026-02', 'BB-2026-03', 'BB-2026-04', 'BB-2026-05', 'BB-2026-06', 'BB-2026-07', 'BB-2026-08']);
    expect(await ds.getRepository(ActionItem).count()).toBe(8);

    const again = await db.write(async (m) => {
      const ctx = new SeedContext(m);
      await seedDemoMinutes(ctx, now);
      return ctx.created;
    });
    expect(again).toBe(0);
    expect(await ds.getRepository(Decision).count()).toBe(8);
  });

  it('shows the demo protocol publicly and the draft to the demo secretary', async () => {
    const page = await request(t.http).get(`/sitzungen/${ids[0]}/protokoll`).expect(200);
    expect(page.text).toContain('BB-2026-01');
    expect(page.text).not.toContain('Personalien');
    await request(t.http).get(`/sitzungen/${ids[3]}/protokoll`).expect(404);
    const secretary = request.agent(t.http);
    await login(secretary, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
    const draft = await secretary.get(`/sitzungen/${ids[3]}/protokoll`).expect(200);
    expect(draft.text).toContain('Entwurf');
    const register = await request(t.http).get('/beschluesse?gremium=' + String((await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ code: 'BB' })).id)).expect(200);
    expect(register.text).toContain('BB-2026-01');
    expect(register.text).not.toContain('BB-2026-07');
  });
});

describe('demo minutes on the demo meetings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the held demo meetings approved minutes, and the Begleitbeirat one circulated and one draft', async () => {
    const db = t.app.get(DatabaseService);
    const run = (): Promise<number> =>
      db.write(async (m) => {
        const ctx = new SeedContext(m);
        await seedDemoMinutes(ctx);
        return ctx.created;
      });
    await run();
    const ds = t.app.get(DataSource);
    const statuses = (await ds.getRepository(Minutes).find()).map((x) => x.status);
    expect(statuses).toContain('approved');
    expect(statuses.filter((s) => s === 'circulated')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'draft')).toHaveLength(1);
    expect(await ds.getRepository(Decision).count()).toBeGreaterThan(0);
    expect(await run()).toBe(0);
  });
});

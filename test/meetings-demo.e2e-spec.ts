import { jest } from '@jest/globals';
import ICAL from 'ical.js';
import request from 'supertest';
import { DataSource, IsNull, Not } from 'typeorm';
import { seedDemoMeetings } from '../seeds/demo-meetings.seed.js';
import { SeedContext } from '../seeds/seed-context.js';
import { Body } from '../src/bodies/body.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { STRUCTURE_BODY_CODES } from '../seeds/schwerin-structure.seed.js';


// Logins hash passwords (argon2) and the demo seed is large: generous limits for a busy CI machine.
jest.setTimeout(60_000);

describe('demo meetings (seedDemo: true)', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives every body past and upcoming meetings with agendas', async () => {
    const now = Date.now();
    // the real network structure (Arbeitstische, Sprecherrat, Ehrenamtsforum) has no demo members or meetings
    const bodies = (await ds.getRepository(Body).find()).filter((b) => !(STRUCTURE_BODY_CODES as readonly string[]).includes(b.code));
    expect(bodies.length).toBeGreaterThanOrEqual(8);
    for (const body of bodies) {
      const meetings = await ds.getRepository(Meeting).find({ where: { bodyId: body.id } });
      expect(meetings.some((m) => m.endsAt.getTime() < now && m.state === 'held')).toBe(true);
      expect(meetings.some((m) => m.startsAt.getTime() > now)).toBe(true);
      for (const m of meetings) expect(await ds.getRepository(AgendaItem).countBy({ meetingId: m.id })).toBeGreaterThan(0);
    }
  });

  it('has one series, a postponed and a cancelled meeting, and answers from members', async () => {
    const series = await ds.getRepository(Meeting).find({ where: { seriesId: Not(IsNull()) } });
    expect(series.length).toBeGreaterThanOrEqual(4);
    expect(new Set(series.map((m) => m.seriesId)).size).toBe(1);
    const postponed = await ds.getRepository(Meeting).find({ where: { description: Not(IsNull()) } });
    expect(postponed.some((m) => m.description?.startsWith('Verschoben vom'))).toBe(true);
    const cancelled = await ds.getRepository(Meeting).find({ where: { state: 'cancelled' } });
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].cancelReason).toBeTruthy();
    const answers = await ds.getRepository(Attendance).find({ where: { response: Not('none') } });
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.some((a) => a.response === 'declined' && a.deputyPersonId !== null)).toBe(true);
  });

  it('is re-runnable: a second run creates nothing and leaves the content version alone', async () => {
    const before = await ds.getRepository(Meeting).count();
    const version: unknown = await ds.query('SELECT version FROM content_version WHERE id = 1');
    const created = await t.app.get(DatabaseService).write(async (manager) => {
      const ctx = new SeedContext(manager);
      await seedDemoMeetings(ctx);
      return ctx.created;
    });
    expect(created).toBe(0);
    expect(await ds.getRepository(Meeting).count()).toBe(before);
    expect(await ds.query('SELECT version FROM content_version WHERE id = 1')).toEqual(version);
  });

  it('shows the meetings on the pages and in the public feed', async () => {
    const list = await request(t.http).get('/sitzungen').expect(200);
    expect(list.text).toContain('Begleitbeirat');
    const feed = await request(t.http).get('/kalender/oeffentlich.ics').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(feed.status).toBe(200);
    const jcal: unknown = ICAL.parse(String(feed.body));
    const events = new ICAL.Component(jcal as never).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(10);
    expect(events.some((e) => e.getFirstPropertyValue('status') === 'CANCELLED')).toBe(true);
    // the internal working group stays out of the public feed
    expect(events.some((e) => String(e.getFirstPropertyValue('summary')).includes('AG Sprache'))).toBe(false);
  });
});

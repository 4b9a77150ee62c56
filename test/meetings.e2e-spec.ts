import request from 'supertest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('meetings (read side)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists meetings', async () => {
    const res = await request(t.http).get('/sitzungen').expect(200);
    expect(res.text).toContain('Kommende Sitzungen');
    await request(t.http).get('/sitzungen/monat/2026-03').expect(200);
    await request(t.http).get('/kalender/oeffentlich.ics').expect(200);
  });
});

import { jest } from '@jest/globals';
import type { Agent } from './helpers/auth.js';
import { createMeeting, createMeetingsFixture, meetingAgent, meetingFields, type MeetingsFixture, submitForm } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

jest.setTimeout(60_000);

/** REGION and DEFAULT_LOCALITY: an installation outside Mecklenburg-Vorpommern (here Regensburg, Bayern). */
describe('installation facts from the configuration (REGION=BY, DEFAULT_LOCALITY=Regensburg)', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp({ region: 'BY', defaultLocality: 'Regensburg' });
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
    admin = await meetingAgent(t, f.emails.admin);
  });
  afterAll(async () => {
    await t.close();
  });

  it('warns about the holidays of Bayern, by their German names, and not about those of Mecklenburg-Vorpommern', async () => {
    const fronleichnam = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f, { date: '04.06.2026' }));
    expect(fronleichnam.status).toBe(200);
    expect(fronleichnam.text).toContain('Der 04.06.2026 ist in Bayern ein gesetzlicher Feiertag (Fronleichnam).');
    const reformation = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f, { title: 'Am Reformationstag', date: '31.10.2026' }));
    expect(reformation.text).not.toContain('gesetzlicher Feiertag');
    const frauentag = await submitForm(chair, '/sitzungen/neu', '/sitzungen/neu', meetingFields(f, { title: 'Am Frauentag', date: '08.03.2026', startTime: '10:00', endTime: '11:00' }));
    expect(frauentag.text).not.toContain('gesetzlicher Feiertag');
  });

  it('shows the holidays of Bayern in the month view', async () => {
    const june = (await chair.get('/sitzungen/monat/2026-06').expect(200)).text;
    expect(june).toContain('<span class="month-grid__holiday">Fronleichnam</span>');
    const october = (await chair.get('/sitzungen/monat/2026-10').expect(200)).text;
    expect(october).not.toContain('month-grid__holiday">Reformationstag');
    expect(october).toContain('<span class="month-grid__holiday">Tag der Deutschen Einheit</span>');
  });

  it('pre-fills new locations and undated-place invitations with the default locality', async () => {
    const form = (await admin.get('/orte/neu').expect(200)).text;
    expect(form).toMatch(/name="locality"[^>]*value="Regensburg"|value="Regensburg"[^>]*name="locality"/);
    expect(form).not.toContain('Schwerin');
    const id = await createMeeting(chair, f, { title: 'Ohne Ort', date: '2026-09-10', locationId: '', onlineLink: 'https://meet.example.org/ohne-ort' });
    const letter = (await chair.get(`/sitzungen/${id}/einladung`).expect(200)).text;
    expect(letter).toMatch(/<p class="letter__date">Regensburg, den \d{1,2}\. \S+ \d{4}<\/p>/);
  });
});

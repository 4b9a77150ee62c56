import { jest } from '@jest/globals';
import ICAL from 'ical.js';
import request from 'supertest';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types.js';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { CalendarFeedService } from '../src/calendar/calendar-feed.service.js';
import { type Agent, login } from './helpers/auth.js';
import { createMeeting, createMeetingsFixture, MEETING_PASSWORD, meetingAgent, type MeetingsFixture, submitForm } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

interface ParsedFeed {
  calendar: ICAL.Component;
  events: ICAL.Event[];
  byUid: (uid: string) => ICAL.Event | undefined;
}

/** Parses with ical.js (independent of ical-generator) and registers the feed's own VTIMEZONEs. */
function parse(text: string): ParsedFeed {
  const jcal: unknown = ICAL.parse(text);
  const calendar = new ICAL.Component(jcal as never);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  return { calendar, events, byUid: (uid) => events.find((e) => e.uid === uid) };
}

/** The response body as UTF-8 text, whatever supertest made of the content type. */
function ics(res: request.Response): string {
  const body: unknown = res.body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return typeof res.text === 'string' ? res.text : '';
}

/** GET with headers, buffering the raw bytes (supertest has no parser for text/calendar). */
function getIcs(agent: { get: (path: string) => request.Test }, path: string, headers: Record<string, string> = {}): request.Test {
  const req = agent.get(path);
  for (const [k, v] of Object.entries(headers)) void req.set(k, v);
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
}


// Logins hash passwords (argon2) and the demo seed is large: generous limits for a busy CI machine.
jest.setTimeout(60_000);

describe('calendar feeds', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;
  let winter: number;
  let summer: number;
  let internal: number;
  let internalBodyMeeting: number;
  let cancelled: number;
  const title = 'Сессия совета – جلسة المجلس';

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
    winter = await createMeeting(chair, f, { title, date: '2026-03-26' });
    summer = await createMeeting(chair, f, { title: 'Nach der Zeitumstellung', date: '2026-03-30', onlineLink: 'https://meet.example.org/beirat' });
    internal = await createMeeting(chair, f, { title: 'Interne Klausur', date: '2026-04-14', isPublic: '' });
    internalBodyMeeting = await createMeeting(chair, f, { bodyId: String(f.internalBodyId), title: 'Kreis intern', date: '2026-04-15' });
    cancelled = await createMeeting(chair, f, { title: 'Wird abgesagt', date: '2026-04-21' });
    const agenda = `/sitzungen/${winter}/tagesordnung`;
    const item = (fields: Record<string, string>) =>
      submitForm(chair, agenda, agenda, { level: '0', presenter: '', plannedMinutes: '', isPublic: 'on', description: '', ...fields });
    await item({ title: 'Вітання – Begrüßung', presenter: 'Ольга Петренко' });
    await item({ title: 'تقرير خدمة الاندماج', presenter: 'مريم الحسيني' });
    await item({ title: 'Personalangelegenheiten', isPublic: '' });
  });
  afterAll(async () => {
    await t.close();
  });

  const uidOf = async (id: number): Promise<string> => {
    const res = await getIcs(request(t.http), `/sitzungen/${id}/ical`).expect(200);
    return parse(ics(res)).events[0].uid;
  };

  it('serves the public feed inline as text/calendar with a real VTIMEZONE, name and refresh interval', async () => {
    const res = await getIcs(request(t.http), '/kalender/oeffentlich.ics').expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline/);
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['last-modified']).toBeDefined();
    const body = ics(res);
    expect(body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(body).toContain('X-PUBLISHED-TTL:PT1H');
    const feed = parse(body);
    expect(feed.calendar.getFirstPropertyValue('name')).toBe('Netzwerk Migration: Sitzungen');
    const tz = feed.calendar.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(tz?.getAllSubcomponents('daylight').length).toBeGreaterThan(0);
    expect(tz?.getAllSubcomponents('standard').length).toBeGreaterThan(0);
  });

  it('gives local times right on both sides of the DST switch', async () => {
    const feed = parse(ics(await getIcs(request(t.http), '/kalender/oeffentlich.ics')));
    const a = feed.byUid(await uidOf(winter));
    const b = feed.byUid(await uidOf(summer));
    expect(a?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(b?.component.getFirstProperty('dtend')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(a?.startDate.toString()).toBe('2026-03-26T18:00:00');
    expect(b?.startDate.toString()).toBe('2026-03-30T18:00:00');
    expect(a?.startDate.toJSDate().toISOString()).toBe('2026-03-26T17:00:00.000Z');
    expect(b?.startDate.toJSDate().toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(b?.endDate.toJSDate().toISOString()).toBe('2026-03-30T18:00:00.000Z');
  });

  it('keeps names and agenda in every script intact, with address, URL and organizer; internal items left out', async () => {
    const feed = parse(ics(await getIcs(request(t.http), '/kalender/oeffentlich.ics')));
    const e = feed.byUid(await uidOf(winter));
    expect(e?.summary).toBe(`BB ${f.code}: ${title}`);
    expect(e?.description).toContain('TOP 1 Вітання – Begrüßung (Ольга Петренко)');
    expect(e?.description).toContain('TOP 2 تقرير خدمة الاندماج (مريم الحسيني)');
    expect(e?.description).not.toContain('Personalangelegenheiten');
    expect(e?.description).toContain(`${t.config.baseUrl}/sitzungen/${winter}`);
    expect(e?.location).toContain('Am Packhof 2-6, 19053 Schwerin');
    expect(e?.component.getFirstPropertyValue('url')).toBe(`${t.config.baseUrl}/sitzungen/${winter}`);
    const organizer = e?.component.getFirstProperty('organizer');
    expect(organizer?.getParameter('cn')).toBe(`Ольга Петренко ${f.code}`);
    expect(organizer?.getFirstValue()).toBe(`mailto:olga-${f.code.toLowerCase()}@example.org`);
    for (const prop of ['dtstamp', 'last-modified', 'sequence', 'uid']) expect(e?.component.hasProperty(prop)).toBe(true);
    const online = feed.byUid(await uidOf(summer));
    expect(online?.location).toContain('Online: https://meet.example.org/beirat');
  });

  it('leaves internal meetings out of anonymous feeds', async () => {
    const memberAgent = await meetingAgent(t, f.emails.member);
    const internalUid = parse(ics(await getIcs(memberAgent, `/sitzungen/${internal}/ical`).expect(200))).events[0].uid;
    const feed = parse(ics(await getIcs(request(t.http), '/kalender/oeffentlich.ics')));
    expect(feed.byUid(internalUid)).toBeUndefined();
    expect(feed.events.some((e) => e.summary.includes('Kreis intern'))).toBe(false);
    const body = parse(ics(await getIcs(request(t.http), `/gremien/${f.bodyId}/sitzungen.ics`).expect(200)));
    expect(body.byUid(internalUid)).toBeUndefined();
    await getIcs(request(t.http), `/gremien/${f.internalBodyId}/sitzungen.ics`).expect(404);
    await getIcs(request(t.http), '/gremien/999999/sitzungen.ics').expect(404);
    await getIcs(request(t.http), '/gremien/abc/sitzungen.ics').expect(404);
    const asMember = await getIcs(memberAgent, `/gremien/${f.bodyId}/sitzungen.ics`).expect(200);
    expect(asMember.headers['cache-control']).toContain('private');
    const memberFeed = parse(ics(asMember));
    expect(memberFeed.byUid(internalUid)).toBeDefined();
    expect(memberFeed.byUid(await uidOf(winter))?.description).toContain('Personalangelegenheiten');
  });

  it('answers If-None-Match and If-Modified-Since with 304 and does not rebuild unchanged feeds', async () => {
    const first = await getIcs(request(t.http), '/kalender/oeffentlich.ics').expect(200);
    const feeds = t.app.get(CalendarFeedService);
    const builds = feeds.builds;
    const etag = String(first.headers.etag);
    const byTag = await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.etag).toBe(etag);
    expect(ics(byTag)).toBe('');
    const byDate = await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-Modified-Since': String(first.headers['last-modified']) });
    expect(byDate.status).toBe(304);
    await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-None-Match': '"something-else"' }).expect(200);
    await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' }).expect(200);
    await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-Modified-Since': 'gestern' }).expect(200);
    expect(feeds.builds).toBe(builds);
  });

  it('moves a postponed meeting (same UID, higher SEQUENCE, new ETag) and keeps a cancelled one with STATUS:CANCELLED', async () => {
    const before = await getIcs(request(t.http), '/kalender/oeffentlich.ics').expect(200);
    const uid = await uidOf(summer);
    const oldSequence = parse(ics(before)).byUid(uid)?.sequence ?? -1;
    const moved = await submitForm(chair, `/sitzungen/${summer}/verschieben`, `/sitzungen/${summer}/verschieben`, { date: '02.04.2026', startTime: '17:00', endTime: '19:00', trotzdem: 'on', bestaetigt: 'on' });
    expect(moved.status).toBe(303);
    const after = await getIcs(request(t.http), '/kalender/oeffentlich.ics', { 'If-None-Match': String(before.headers.etag) }).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const e = parse(ics(after)).byUid(uid);
    expect(e?.sequence).toBeGreaterThan(oldSequence);
    expect(e?.startDate.toString()).toBe('2026-04-02T17:00:00');

    const cancelUid = await uidOf(cancelled);
    const cancelSequence = parse(ics(after)).byUid(cancelUid)?.sequence ?? -1;
    expect((await submitForm(chair, `/sitzungen/${cancelled}/absagen`, `/sitzungen/${cancelled}/absagen`, { reason: 'Raum nicht verfügbar' })).status).toBe(303);
    const refetched = parse(ics(await getIcs(request(t.http), '/kalender/oeffentlich.ics').expect(200)));
    const c = refetched.byUid(cancelUid);
    expect(c).toBeDefined();
    expect(c?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(c?.sequence).toBeGreaterThan(cancelSequence);
    expect(c?.summary).toContain('Abgesagt');
    expect(c?.description).toContain('Raum nicht verfügbar');
  });

  it('changes the ETag when the agenda changes', async () => {
    const before = await getIcs(request(t.http), `/gremien/${f.bodyId}/sitzungen.ics`).expect(200);
    const agenda = `/sitzungen/${winter}/tagesordnung`;
    await submitForm(chair, agenda, agenda, { title: 'Verschiedenes', level: '0', presenter: '', plannedMinutes: '', isPublic: 'on', description: '' });
    const after = await getIcs(request(t.http), `/gremien/${f.bodyId}/sitzungen.ics`, { 'If-None-Match': String(before.headers.etag) }).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(parse(ics(after)).byUid(await uidOf(winter))?.description).toContain('TOP 4 Verschiedenes');
  });

  it('offers a single meeting as an attachment, 404 for internal meetings seen anonymously', async () => {
    const res = await getIcs(request(t.http), `/sitzungen/${winter}/ical`).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="sitzung-${winter}.ics"`);
    const feed = parse(ics(res));
    expect(feed.events).toHaveLength(1);
    expect(feed.calendar.getFirstSubcomponent('vtimezone')).not.toBeNull();
    const again = await getIcs(request(t.http), `/sitzungen/${winter}/ical`, { 'If-None-Match': String(res.headers.etag) });
    expect(again.status).toBe(304);
    await getIcs(request(t.http), `/sitzungen/${internal}/ical`).expect(404);
    await getIcs(request(t.http), `/sitzungen/${internalBodyMeeting}/ical`).expect(404);
  });

  it('gives each member a personal feed by secret token; a new token makes the old URL answer 404', async () => {
    const page = await chair.get('/kalender').expect(200);
    expect(page.text).toContain('Persönliche Kalender-Adresse erzeugen');
    expect((await submitForm(chair, '/kalender', '/kalender/persoenlich', {})).status).toBe(303);
    const withToken = await chair.get('/kalender').expect(200);
    const path = /https?:\/\/[^/]+(\/kalender\/[A-Za-z0-9_-]{43}\.ics)/.exec(withToken.text)?.[1];
    expect(path).toBeDefined();
    expect(withToken.text).toContain('webcal://');
    const personal = await getIcs(request(t.http), path ?? '').expect(200);
    expect(personal.headers['cache-control']).toContain('private');
    const feed = parse(ics(personal));
    const titles = feed.events.map((e) => e.summary);
    expect(titles.some((s) => s.includes('Interne Klausur'))).toBe(true);
    expect(titles.some((s) => s.includes('Kreis intern'))).toBe(true);
    expect(feed.byUid(await uidOf(winter))?.description).toContain('Personalangelegenheiten');

    expect((await submitForm(chair, '/kalender', '/kalender/persoenlich', {})).status).toBe(303);
    const oldAnswer = await getIcs(request(t.http), path ?? '');
    expect(oldAnswer.status).toBe(404);
    const forged = await getIcs(request(t.http), `/kalender/${'A'.repeat(43)}.ics`);
    expect(forged.status).toBe(404);
    const malformed = await getIcs(request(t.http), '/kalender/%27%20OR%201=1.ics');
    expect(malformed.status).toBe(404);
    // Unknown, revoked and malformed tokens look the same: nothing is revealed.
    const main = (r: request.Response): string => /<main[^]*<\/main>/.exec(ics(r))?.[0] ?? '';
    expect(main(forged)).toContain('Diesen Kalender gibt es nicht.');
    expect(main(oldAnswer)).toBe(main(forged));
    expect(main(malformed)).toBe(main(forged));
    expect(ics(forged)).not.toContain('Петренко');
  });

  it('explains subscribing for Outlook, Apple, Google, Thunderbird and Android (ICSx⁵, DAVx⁵)', async () => {
    const res = await request(t.http).get('/kalender').expect(200);
    for (const word of ['Outlook', 'Apple', 'Google', 'Thunderbird', 'Android', 'ICSx⁵', 'DAVx⁵', 'webcal://', 'https://', 'im Browser']) expect(res.text).toContain(word);
  });
});

describe('two app instances on one database', () => {
  it('agree on the feed version: a change made through one gives a new ETag on the other', async () => {
    const a = await createTestApp();
    const b = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(a.config), { logger: ['error'] });
    try {
      await configureApp(b);
      await b.init();
      const bHttp = b.getHttpServer() as App;
      const f = await createMeetingsFixture(a);
      const id = await createMeeting(await meetingAgent(a, f.emails.chair), f, { title: 'Zwei Instanzen', date: '2026-09-22' });
      const first = await getIcs(request(a.http), '/kalender/oeffentlich.ics').expect(200);
      const etag = String(first.headers.etag);
      // the other instance builds the same bytes from the same data
      expect((await getIcs(request(bHttp), '/kalender/oeffentlich.ics', { 'If-None-Match': etag })).status).toBe(304);
      const chairOnB = request.agent(bHttp);
      await login(chairOnB, f.emails.chair, MEETING_PASSWORD);
      expect((await submitForm(chairOnB, `/sitzungen/${id}/absagen`, `/sitzungen/${id}/absagen`, { reason: 'Über die andere Instanz abgesagt' })).status).toBe(303);
      const after = await getIcs(request(a.http), '/kalender/oeffentlich.ics', { 'If-None-Match': etag }).expect(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(ics(after)).toContain('STATUS:CANCELLED');
    } finally {
      await b.close();
      await a.close();
    }
  });
});

import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { memberViewer } from '../src/auth/viewer.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership, type MembershipRole } from '../src/bodies/membership.entity.js';
import { CalendarFeedService } from '../src/calendar/calendar-feed.service.js';
import { CalendarTokenService } from '../src/calendar/calendar-token.service.js';
import { meetingSummary } from '../src/calendar/meeting-event.js';
import { loadConfig } from '../src/config/app-config.js';
import { DatabaseService } from '../src/database/database.service.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Location } from '../src/meetings/location.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MinutesItem } from '../src/minutes/minutes-item.entity.js';
import { MinutesService } from '../src/minutes/minutes.service.js';
import { Person } from '../src/people/person.entity.js';
import { sortKeyOf } from '../seeds/seed-context.js';
import { type Agent, createAccount, login } from './helpers/auth.js';
import { formFor, submittedValues } from './helpers/html-forms.js';
import { editorFields } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * LOAD on loopback, for a bounded time: 20 logged-in writers (administrators editing people and
 * minutes, chairs editing meetings — each its own record and all of them one shared record, through
 * the real forms) and 200 calendar clients polling the public, a body's and a personal feed with
 * If-None-Match. Asserted: no 5xx; every write the server confirmed (303) is there afterwards (own
 * records: the writer's last confirmed value; shared records: one of the confirmed values); the minutes
 * editor answers concurrent edits of one text as a German 409 conflict that keeps the text, never by
 * dropping it; pollers get 304 while nothing changes and the new ETag after a change. The figures are
 * printed; nothing about speed is asserted.
 */

const WRITE_SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const POLLERS = Number(process.env.LOAD_POLLERS ?? 200);
/** Mean pause of a poller between requests during the writes (real clients poll every 15 minutes or so). */
const POLL_INTERVAL_MS = 1_000;
const PASSWORD = 'Last am Pfaffenteich 2026';
const PEOPLE_WRITERS = 8;
const MEETING_WRITERS = 6;
const MINUTES_WRITERS = 6;
const CONFLICT_TEXT = 'Jemand anderes hat dieses Protokoll inzwischen gespeichert';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Fixture {
  bodyId: number;
  /** One person per people writer, and the person all of them edit. */
  people: number[];
  sharedPerson: number;
  meetings: number[];
  sharedMeeting: number;
  /** Held meeting with draft minutes; item per minutes writer, and the item all of them edit. */
  minutesMeeting: number;
  minutesItems: number[];
  sharedItem: number;
  chairEmails: string[];
  adminEmails: string[];
  personalToken: string;
}

/** What the writers were told: the values of their confirmed (303) writes, in order. */
interface Ledger {
  own: Map<string, string[]>;
  shared: Map<string, string[]>;
  conflicts: number;
  conflictPagesKeepingText: number;
  unexpected: string[];
  statuses: Record<string, number>;
}

describe('load: concurrent writers and calendar pollers', () => {
  let t: TestApp;
  let base: string;
  let f: Fixture;

  async function fixture(): Promise<Fixture> {
    const db = t.app.get(DatabaseService);
    const day = (days: number, hour: number): Date => {
      const d = new Date(Date.now() + days * 86_400_000);
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, 0, 0));
    };
    const made = await db.write(async (m) => {
      const body = await m.getRepository(Body).save({ name: 'Beirat unter Last', shortName: 'Last', code: 'LAST', kind: 'advisory_board', isPublic: true, noticePeriodDays: 1, defaultDurationMinutes: 120 });
      const location = await m.getRepository(Location).save({ name: 'Stadthaus, Raum Last', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' });
      const person = (givenName: string, familyName: string): Promise<Person> => m.getRepository(Person).save({ givenName, familyName, sortKey: sortKeyOf({ givenName, familyName }) });
      const roles: MembershipRole[] = ['chair', 'deputy_chair', 'secretary'];
      const chairs: Person[] = [];
      for (let i = 0; i < MEETING_WRITERS; i++) {
        const p = await person('Ольга', `Leitung ${i}`);
        await m.getRepository(Membership).save({ bodyId: body.id, personId: p.id, role: roles[i % roles.length], votingRight: true });
        chairs.push(p);
      }
      const people: number[] = [];
      for (let i = 0; i < PEOPLE_WRITERS; i++) people.push((await person('Mehmet', `Çelik ${i}`)).id);
      const sharedPerson = (await person('Thị Lan', 'Nguyễn (gemeinsam)')).id;
      const meeting = (title: string, days: number, hour: number, state: Meeting['state'] = 'scheduled'): Promise<Meeting> =>
        m.getRepository(Meeting).save({ bodyId: body.id, title, startsAt: day(days, hour), endsAt: day(days, hour + 1), locationId: location.id, state, isPublic: true, uid: `last-${title.replace(/\W/g, '')}-${days}@test`, sequence: 0 });
      const meetings: number[] = [];
      for (let i = 0; i < MEETING_WRITERS; i++) meetings.push((await meeting(`Sitzung ${i}`, 20 + i, 16)).id);
      const sharedMeeting = (await meeting('Gemeinsame Sitzung', 40, 16)).id;
      const held = await meeting('Protokollsitzung', -3, 16, 'held');
      const items: number[] = [];
      for (let i = 0; i <= MINUTES_WRITERS; i++) {
        items.push((await m.getRepository(AgendaItem).save({ meetingId: held.id, number: String(i + 1), position: i, level: 0, title: `Punkt ${i + 1}`, isPublic: true })).id);
      }
      return { bodyId: body.id, chairs, people, sharedPerson, meetings, sharedMeeting, minutesMeeting: held.id, items };
    });
    const chairEmails: string[] = [];
    let personalToken = '';
    for (const [i, chair] of made.chairs.entries()) {
      const email = `last.vorsitz.${i}@example.org`;
      const account = await createAccount(t, { email, password: PASSWORD, personId: chair.id });
      chairEmails.push(email);
      // the first chair subscribes to "my meetings": the personal feed the pollers use
      if (i === 0) personalToken = await t.app.get(CalendarTokenService).regenerate(memberViewer(account.id, chair.id));
    }
    const adminEmails: string[] = [];
    let adminId = 0;
    for (let i = 0; i < PEOPLE_WRITERS + MINUTES_WRITERS; i++) {
      const email = `last.admin.${i}@example.org`;
      adminId = (await createAccount(t, { email, password: PASSWORD, isAdmin: true })).id;
      adminEmails.push(email);
    }
    await t.app.get(MinutesService).create(made.minutesMeeting, memberViewer(adminId, null, true));
    const [sharedItem, ...minutesItems] = made.items;
    return {
      bodyId: made.bodyId,
      people: made.people,
      sharedPerson: made.sharedPerson,
      meetings: made.meetings,
      sharedMeeting: made.sharedMeeting,
      minutesMeeting: made.minutesMeeting,
      minutesItems,
      sharedItem,
      chairEmails,
      adminEmails,
      personalToken,
    };
  }

  async function agentFor(email: string): Promise<Agent> {
    const agent = request.agent(base);
    await login(agent, email, PASSWORD);
    return agent;
  }

  beforeAll(async () => {
    t = await createTestApp({ mail: { ...loadConfig({ NODE_ENV: 'test' }).mail, worker: false } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    f = await fixture();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers two editors of the same minutes text with a German 409 that keeps the second text', async () => {
    const path = `/sitzungen/${f.minutesMeeting}/protokoll/bearbeiten`;
    const [a, b] = [await agentFor(f.adminEmails[0]), await agentFor(f.adminEmails[1])];
    const formA = editorFields((await a.get(path)).text);
    const formB = editorFields((await b.get(path)).text);
    const field = `text_item-${f.sharedItem}`;
    expect(formA[field]).toBeDefined();
    expect((await a.post(path).type('form').send({ ...formA, [field]: 'Erste Fassung' })).status).toBe(303);
    const second = await b.post(path).type('form').send({ ...formB, [field]: 'Zweite Fassung – Ümlaute' });
    expect(second.status).toBe(409);
    expect(second.text).toContain(CONFLICT_TEXT);
    expect(second.text).toContain('Zweite Fassung – Ümlaute');
    expect(second.text).toContain('Erste Fassung');
  });

  it('keeps every confirmed write and serves conditional feed requests correctly under load', async () => {
    const ledger: Ledger = { own: new Map(), shared: new Map(), conflicts: 0, conflictPagesKeepingText: 0, unexpected: [], statuses: {} };
    const confirm = (map: Map<string, string[]>, key: string, value: string): void => {
      map.set(key, [...(map.get(key) ?? []), value]);
    };
    const note = (status: number): void => {
      ledger.statuses[String(status)] = (ledger.statuses[String(status)] ?? 0) + 1;
    };

    // --- writers (all logged in before the pollers start, so logins do not count as changes)
    const peopleAgents = await Promise.all(f.adminEmails.slice(0, PEOPLE_WRITERS).map(agentFor));
    const minutesAgents = await Promise.all(f.adminEmails.slice(PEOPLE_WRITERS).map(agentFor));
    const meetingAgents = await Promise.all(f.chairEmails.map(agentFor));

    /** Loads the record's edit form, changes one field, sends it; records what the server confirmed. */
    async function editThroughForm(agent: Agent, pagePath: string, action: string, field: string, value: string, key: string, shared: boolean): Promise<void> {
      const page = await agent.get(pagePath);
      note(page.status);
      if (page.status !== 200) {
        ledger.unexpected.push(`GET ${pagePath} → ${page.status}`);
        return;
      }
      const values = { ...submittedValues(formFor(page.text, pagePath, action)), [field]: value, trotzdem: 'on' };
      const res = await agent.post(action).type('form').send(values);
      note(res.status);
      if (res.status === 303) confirm(shared ? ledger.shared : ledger.own, key, value);
      else ledger.unexpected.push(`POST ${action} (${field}=${value}) → ${res.status}`);
    }

    async function peopleWriter(agent: Agent, k: number, until: number): Promise<void> {
      // at least once on its own record and once on the shared one, however slow the machine
      for (let i = 0; i < 2 || Date.now() < until; i++) {
        const id = i % 2 === 0 ? f.people[k] : f.sharedPerson;
        const shared = id === f.sharedPerson;
        await editThroughForm(agent, `/personen/${id}/bearbeiten`, `/personen/${id}/bearbeiten`, 'functionTitle', `${shared ? 'Gemeinsam' : 'Funktion'} ${k}.${i} – Integrationsbeauftragte`, `person:${id}`, shared);
      }
    }

    async function meetingWriter(agent: Agent, k: number, until: number): Promise<void> {
      // at least once on its own record and once on the shared one, however slow the machine
      for (let i = 0; i < 2 || Date.now() < until; i++) {
        const id = i % 2 === 0 ? f.meetings[k] : f.sharedMeeting;
        const shared = id === f.sharedMeeting;
        await editThroughForm(agent, `/sitzungen/${id}/bearbeiten`, `/sitzungen/${id}/bearbeiten`, 'title', `${shared ? 'Gemeinsame Sitzung' : 'Sitzung'} ${k}.${i}`, `meeting:${id}`, shared);
      }
    }

    async function minutesWriter(agent: Agent, k: number, until: number): Promise<void> {
      const path = `/sitzungen/${f.minutesMeeting}/protokoll/bearbeiten`;
      // at least once on its own record and once on the shared one, however slow the machine
      for (let i = 0; i < 2 || Date.now() < until; i++) {
        const item = i % 2 === 0 ? f.minutesItems[k] : f.sharedItem;
        const shared = item === f.sharedItem;
        const page = await agent.get(path);
        note(page.status);
        const text = `${shared ? 'Gemeinsamer Text' : 'Text'} ${k}.${i}: Олена berichtet über 120 Beratungen.`;
        // a little "typing" time, so that editors of the shared text really overlap
        await sleep(Math.floor(Math.random() * 60));
        const res = await agent.post(path).type('form').send({ ...editorFields(page.text), [`text_item-${item}`]: text });
        note(res.status);
        if (res.status === 303) {
          confirm(shared ? ledger.shared : ledger.own, `item:${item}`, text);
        } else if (res.status === 409) {
          ledger.conflicts++;
          if (!shared) ledger.unexpected.push(`409 for a text only writer ${k} edits`);
          if (!res.text.includes(CONFLICT_TEXT)) ledger.unexpected.push(`409 without the German conflict message (${res.text.slice(0, 200)})`);
          // the text is not lost: the conflict page gives it back for merging
          if (res.text.includes(text.replace(/&/g, '&amp;'))) ledger.conflictPagesKeepingText++;
          else ledger.unexpected.push(`409 page without the writer's text ${text}`);
        } else {
          ledger.unexpected.push(`POST ${path} → ${res.status}`);
        }
      }
    }

    // --- pollers
    const feeds = [`/kalender/oeffentlich.ics`, `/gremien/${f.bodyId}/sitzungen.ics`, `/kalender/${f.personalToken}.ics`];
    const poll = { requests: 0, ok200: 0, notModified304: 0, other: [] as string[], quietPolls: 0, quietNot304: 0 };
    interface Poller {
      url: string;
      etag: string;
      initialEtag: string;
      /** New ETags seen after the first answer. */
      changes: number;
    }
    async function pollOnce(p: Poller): Promise<number> {
      const res = await fetch(base + p.url, { headers: p.etag ? { 'If-None-Match': p.etag } : {} });
      const body = await res.text();
      poll.requests++;
      note(res.status);
      if (res.status === 304) {
        poll.notModified304++;
      } else if (res.status === 200) {
        poll.ok200++;
        const etag = res.headers.get('etag') ?? '';
        if (!body.startsWith('BEGIN:VCALENDAR')) poll.other.push(`${p.url}: 200 without a calendar`);
        if (p.etag && etag !== p.etag) p.changes++;
        if (p.etag && etag === p.etag) poll.other.push(`${p.url}: 200 although If-None-Match matched ${etag}`);
        p.etag = etag;
      } else {
        poll.other.push(`${p.url} → ${res.status}`);
      }
      return res.status;
    }
    const pollers: Poller[] = Array.from({ length: POLLERS }, (_, i) => ({ url: feeds[i % feeds.length], etag: '', initialEtag: '', changes: 0 }));
    for (const p of pollers) {
      await pollOnce(p);
      p.initialEtag = p.etag;
    }
    expect(pollers.every((p) => p.etag !== '')).toBe(true);

    // quiet phase: nothing changes, every conditional request is answered 304
    const quietUntil = Date.now() + 1_500;
    await Promise.all(
      pollers.map(async (p) => {
        while (Date.now() < quietUntil) {
          await sleep(200 + Math.floor(Math.random() * 400));
          poll.quietPolls++;
          if ((await pollOnce(p)) !== 304) poll.quietNot304++;
        }
      }),
    );

    // load phase: writers and pollers together
    const buildsBefore = t.app.get(CalendarFeedService).builds;
    const started = Date.now();
    const until = started + WRITE_SECONDS * 1000;
    let writing = true;
    const polling = Promise.all(
      pollers.map(async (p) => {
        while (writing) {
          await sleep(POLL_INTERVAL_MS / 2 + Math.floor(Math.random() * POLL_INTERVAL_MS));
          await pollOnce(p);
        }
      }),
    );
    await Promise.all([
      ...peopleAgents.map((a, k) => peopleWriter(a, k, until)),
      ...meetingAgents.map((a, k) => meetingWriter(a, k, until)),
      ...minutesAgents.map((a, k) => minutesWriter(a, k, until)),
    ]);
    writing = false;
    await polling;
    const loadSeconds = (Date.now() - started) / 1000;
    const builds = t.app.get(CalendarFeedService).builds - buildsBefore;

    // settle: every poller's next answers bring it to the feed's current ETag, then 304
    const current = new Map<string, string>();
    for (const url of feeds) current.set(url, (await fetch(base + url)).headers.get('etag') ?? '');
    const settle = await Promise.all(pollers.map(async (p) => [await pollOnce(p), await pollOnce(p)]));
    // and what the feeds say now is what the database says (no stale cached feed behind the 304s)
    const ds = t.app.get(DataSource);
    const stale: string[] = [];
    for (const url of feeds) {
      const text = (await fetch(base + url)).text();
      for (const id of [...f.meetings, f.sharedMeeting]) {
        const meeting = await ds.getRepository(Meeting).findOneOrFail({ where: { id }, relations: { body: true } });
        const summary = meetingSummary(meeting, meeting.body);
        if (!(await text).includes(`SUMMARY:${summary}\r\n`)) stale.push(`${url} lacks the current title ${summary}`);
      }
    }

    // --- what the database holds
    const stored = async (key: string): Promise<string | null | undefined> => {
      const [kind, raw] = key.split(':');
      const id = Number(raw);
      if (kind === 'person') return (await ds.getRepository(Person).findOneByOrFail({ id })).functionTitle;
      if (kind === 'meeting') return (await ds.getRepository(Meeting).findOneByOrFail({ id })).title;
      return (await ds.getRepository(MinutesItem).findOne({ where: { agendaItemId: id } }))?.text;
    };
    const lost: string[] = [];
    for (const [key, values] of ledger.own) {
      const value = await stored(key);
      if (value !== values[values.length - 1]) lost.push(`${key}: stored ${JSON.stringify(value)}, last confirmed ${JSON.stringify(values[values.length - 1])}`);
    }
    for (const [key, values] of ledger.shared) {
      const value = await stored(key);
      if (!values.includes(value ?? '')) lost.push(`${key} (shared): stored ${JSON.stringify(value)} is none of the ${values.length} confirmed values`);
    }
    const writes = [...ledger.own.values(), ...ledger.shared.values()].reduce((n, v) => n + v.length, 0);

    console.log(
      [
        `load (${loadSeconds.toFixed(1)} s of writing, ${PEOPLE_WRITERS + MEETING_WRITERS + MINUTES_WRITERS} writers, ${POLLERS} pollers):`,
        `  requests: ${Object.values(ledger.statuses).reduce((a, b) => a + b, 0)} by status ${JSON.stringify(ledger.statuses)}`,
        `  writes confirmed: ${writes} (own records ${[...ledger.own.values()].reduce((n, v) => n + v.length, 0)} on ${ledger.own.size}, shared records ${[...ledger.shared.values()].reduce((n, v) => n + v.length, 0)} on ${ledger.shared.size})`,
        `  minutes conflicts (409): ${ledger.conflicts}, each page keeping the text: ${ledger.conflictPagesKeepingText}`,
        `  feed polls: ${poll.requests} (${poll.ok200} × 200, ${poll.notModified304} × 304), quiet phase: ${poll.quietPolls} polls, ${poll.quietNot304} not 304`,
        `  feeds built during the writes: ${builds}`,
        `  pollers that saw a new ETag during or after the writes: ${pollers.filter((p) => p.changes > 0).length} of ${POLLERS}`,
      ].join('\n'),
    );

    expect(Object.keys(ledger.statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(ledger.unexpected).toEqual([]);
    expect(lost).toEqual([]);
    // every writer got writes through, on its own record and on the shared one
    expect(ledger.own.size).toBe(PEOPLE_WRITERS + MEETING_WRITERS + MINUTES_WRITERS);
    expect(ledger.shared.size).toBe(3);
    expect(ledger.conflicts).toBe(ledger.conflictPagesKeepingText);
    // pollers: 304 while nothing changed; afterwards the new ETag once, then 304 again
    expect(poll.other).toEqual([]);
    expect(poll.quietPolls).toBeGreaterThan(0);
    expect(poll.quietNot304).toBe(0);
    for (const url of feeds) expect(current.get(url)).not.toBe(pollers.find((p) => p.url === url)?.initialEtag);
    expect(pollers.filter((p) => p.etag !== current.get(p.url))).toEqual([]);
    expect(pollers.filter((p) => p.changes === 0).map((p) => p.url)).toEqual([]);
    expect(settle.filter(([, second]) => second !== 304)).toEqual([]);
    expect(stale).toEqual([]);
  }, 120_000);
});

import { jest } from '@jest/globals';
import { DAVClient, type DAVAddressBook, type DAVCalendar, type DAVObject } from 'tsdav';
import ICAL from 'ical.js';
import request from 'supertest';
import { Account } from '../src/auth/account.entity.js';
import { DevicePasswordsService } from '../src/auth/device-passwords.service.js';
import { memberViewer } from '../src/auth/viewer.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DavSyncService } from '../src/dav/dav-sync.service.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { ConsentService } from '../src/privacy/consent.service.js';
import { type Agent, csrfTokenFrom, login } from './helpers/auth.js';
import { basic, changePhone, consentedPerson, createDevicePassword, davRequest } from './helpers/dav.js';
import { createMeeting, createMeetingsFixture, MEETING_PASSWORD, meetingAgent, type MeetingsFixture } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// argon2 per device password, a real HTTP server and a real client: generous limits for a busy CI machine.
jest.setTimeout(90_000);

const PROPFIND_PRINCIPAL = `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>`;

function cardOf(objects: DAVObject[], personId: number): DAVObject | undefined {
  return objects.find((o) => o.url.endsWith(`/person-${personId}.vcf`));
}

describe('CardDAV and CalDAV (tsdav as the client)', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let chair: Agent;
  let password: string;
  let base: string;
  let meetingId: number;
  let colleague: number;
  let leaving: number;
  let chairAccountId: number;

  const client = (accountType: 'carddav' | 'caldav', pass = password): DAVClient =>
    new DAVClient({ serverUrl: base, credentials: { username: f.emails.chair, password: pass }, authMethod: 'Basic', defaultAccountType: accountType });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
    f = await createMeetingsFixture(t);
    chair = await meetingAgent(t, f.emails.chair);
    password = await createDevicePassword(chair, 'iPhone');
    meetingId = await createMeeting(chair, f, { title: 'Frühjahrssitzung', date: '2027-03-18' });
    colleague = await consentedPerson(t, 'Amira', 'Haddad', '+49 385 111-1111');
    leaving = await consentedPerson(t, 'Jonas', 'Berg', '+49 385 222-2222');
    chairAccountId = (await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.chair })).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('device passwords', () => {
    it('are shown once, listed with their use, and never log in on the web', async () => {
      const page = await chair.get('/konto/geraete');
      expect(page.status).toBe(200);
      expect(page.text).toContain('iPhone');
      expect(page.text).not.toContain(password);
      const agent = request.agent(t.http);
      const form = await agent.get('/anmelden');
      const res = await agent.post('/anmelden').type('form').send({ email: f.emails.chair, password, _csrf: csrfTokenFrom(form.text) });
      expect(res.status).not.toBe(303);
    });

    it('are linked from the account page', async () => {
      const page = await chair.get('/konto');
      expect(page.text).toContain('href="/konto/geraete"');
    });

    it('reject an empty name with 422 and the German message', async () => {
      const page = await chair.get('/konto/geraete');
      const res = await chair.post('/konto/geraete').type('form').send({ name: '  ', _csrf: csrfTokenFrom(page.text) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Bitte geben Sie dem Gerät einen Namen');
    });

    it('revoked: the device gets 401 at once; others keep working', async () => {
      const spare = await createDevicePassword(chair, 'Tablet');
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, spare), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(207);
      const page = await chair.get('/konto/geraete');
      const action = /<th scope="row">Tablet<\/th>[\s\S]*?action="(\/konto\/geraete\/\d+\/widerrufen)"/.exec(page.text)?.[1];
      expect(action).toBeDefined();
      const revoked = await chair.post(action ?? '').type('form').send({ _csrf: csrfTokenFrom(page.text) });
      expect(revoked.status).toBe(200);
      expect(revoked.text).toContain('wurde widerrufen');
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, spare), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(401);
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, password), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(207);
      // another member cannot revoke the chair's password
      const member = await meetingAgent(t, f.emails.member);
      const other = await member.get('/konto/geraete');
      expect((await member.post(action ?? '').type('form').send({ _csrf: csrfTokenFrom(other.text) })).status).toBe(404);
    });
  });

  describe('device passwords of an account', () => {
    it('revokeAllForAccount (password reset) ends every device at once, inside the caller\'s transaction', async () => {
      const member = await meetingAgent(t, f.emails.voter);
      const first = await createDevicePassword(member, 'Laptop');
      const second = await createDevicePassword(member, 'Telefon');
      for (const pass of [first, second]) {
        expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.voter, pass), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(207);
      }
      const listed = await member.get('/konto/geraete');
      expect(listed.text).not.toMatch(/<th scope="row">Laptop<\/th>\s*<td data-label="Angelegt">[^<]*<\/td>\s*<td data-label="Zuletzt benutzt">noch nie/);
      const voter = await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.voter });
      const revoked = await t.app.get(DatabaseService).write((m) => t.app.get(DevicePasswordsService).revokeAllForAccount(m, voter.id));
      expect(revoked).toBe(2);
      for (const pass of [first, second]) {
        expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.voter, pass), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(401);
      }
      expect((await member.get('/konto/geraete')).text).toContain('Sie haben noch kein Gerätepasswort angelegt.');
    });

    it('erasing the person of an account removes its device passwords', async () => {
      const member = await meetingAgent(t, f.emails.member);
      const pass = await createDevicePassword(member, 'Telefon');
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.member, pass), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(207);
      const account = await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.member });
      const admin = (await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.admin })).id;
      await t.app.get(PrivacyService).erase(memberViewer(admin, null, true), f.people.member);
      expect(await t.app.get(DevicePasswordsService).list(account.id)).toEqual([]);
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.member, pass), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(401);
    });
  });

  describe('authentication', () => {
    it('asks for Basic credentials, refuses the web password, sets no cookie', async () => {
      const none = await davRequest(t, 'PROPFIND', '/dav/', null, PROPFIND_PRINCIPAL, { Depth: '0' });
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Basic realm="/);
      const web = await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, MEETING_PASSWORD), PROPFIND_PRINCIPAL, { Depth: '0' });
      expect(web.status).toBe(401);
      const ok = await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, password), PROPFIND_PRINCIPAL, { Depth: '0' });
      expect(ok.status).toBe(207);
      for (const res of [none, web, ok]) expect(res.headers['set-cookie']).toBeUndefined();
      expect(ok.headers['cache-control']).toContain('no-store');
      expect(ok.text).toContain(`<d:href>/dav/principals/${chairAccountId}/</d:href>`);
    });

    it('sets no session cookie even for a browser that sends its session along', async () => {
      const cookie = (await request(t.http).get('/anmelden')).headers['set-cookie'];
      const res = await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, password), PROPFIND_PRINCIPAL, { Depth: '0', Cookie: String(cookie ?? '') });
      expect(res.status).toBe(207);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('accepts the password without its dashes', async () => {
      const res = await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.chair, password.replace(/-/g, '')), PROPFIND_PRINCIPAL, { Depth: '0' });
      expect(res.status).toBe(207);
    });

    it('throttles failures per account like the web login (429), without locking the web login', async () => {
      const outsider = await meetingAgent(t, f.emails.outsider);
      const own = await createDevicePassword(outsider, 'Telefon');
      for (let i = 0; i < 5; i++) {
        expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.outsider, `falsch-${i}`), PROPFIND_PRINCIPAL)).status).toBe(401);
      }
      const blocked = await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.outsider, own), PROPFIND_PRINCIPAL);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('900');
      await login(request.agent(t.http), f.emails.outsider, MEETING_PASSWORD); // throws if refused
    });

    it('refuses a disabled account at once, device password or not', async () => {
      const other = await meetingAgent(t, f.emails.otherChair);
      const own = await createDevicePassword(other, 'Telefon');
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.otherChair, own), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(207);
      await t.app.get(DatabaseService).write((m) => m.getRepository(Account).update({ email: f.emails.otherChair }, { disabledAt: new Date() }));
      expect((await davRequest(t, 'PROPFIND', '/dav/', basic(f.emails.otherChair, own), PROPFIND_PRINCIPAL, { Depth: '0' })).status).toBe(401);
    });

    it("does not serve another account's paths", async () => {
      const other = await davRequest(t, 'PROPFIND', `/dav/addressbooks/${chairAccountId + 1}/`, basic(f.emails.chair, password), PROPFIND_PRINCIPAL, { Depth: '1' });
      expect(other.status).toBe(404);
    });
  });

  describe('discovery', () => {
    it('OPTIONS announces DAV classes and the read-only methods', async () => {
      const res = await davRequest(t, 'OPTIONS', '/dav/', null);
      expect(res.status).toBe(200);
      expect(res.headers.dav).toBe('1, 3, addressbook, calendar-access');
      expect(res.headers.allow).toContain('PROPFIND');
      expect(res.headers.allow).toContain('REPORT');
      expect(res.headers.allow).not.toContain('PUT');
    });

    it('/.well-known/carddav and /.well-known/caldav redirect to the service', async () => {
      for (const path of ['/.well-known/carddav', '/.well-known/caldav']) {
        for (const method of ['GET', 'PROPFIND']) {
          const res = await davRequest(t, method, path, null);
          expect(res.status).toBe(301);
          expect(res.headers.location).toBe('/dav/');
        }
      }
    });
  });

  describe('address books', () => {
    let books: DAVAddressBook[];
    let dav: DAVClient;
    let directory: DAVAddressBook;
    let cards: DAVObject[];

    beforeAll(async () => {
      dav = client('carddav');
      await dav.login(); // well-known, principal, home set
      books = await dav.fetchAddressBooks();
      const found = books.find((b) => b.displayName === t.config.siteName);
      if (!found) throw new Error(`no directory among ${books.map((b) => JSON.stringify(b.displayName)).join(', ')}`);
      directory = found;
      cards = await dav.fetchVCards({ addressBook: directory });
    });

    it('lists the directory and one address book per body of the member, with sync support', () => {
      const names = books.map((b) => b.displayName);
      expect(names).toHaveLength(4);
      expect(names).toEqual(expect.arrayContaining([t.config.siteName, f.bodyName, f.otherBodyName, expect.stringContaining('Interner Kreis')]));
      expect(directory.reports).toEqual(expect.arrayContaining(['addressbookMultiget', 'addressbookQuery', 'syncCollection']));
      expect(directory.syncToken).toMatch(/\/dav\/sync\/\d+-\d+$/);
      expect(String(directory.ctag)).toMatch(/^\d+$/);
    });

    it('holds vCards 3.0 of the people who consented, with what members may see', () => {
      const chairCard = cardOf(cards, f.people.chair)?.data as string;
      expect(chairCard).toContain('VERSION:3.0');
      expect(chairCard).toContain(`UID:urn:netzwerk-migration:`);
      expect(chairCard).toMatch(/CATEGORIES:.*Begleitbeirat/);
      const colleagueCard = cardOf(cards, colleague)?.data as string;
      expect(colleagueCard).toContain('+49 385 111-1111');
      expect(colleagueCard).toMatch(/EMAIL;[^:]*:amira\.\d+@example\.org/);
      expect(cards.every((c) => typeof c.etag === 'string' && c.etag.length > 2)).toBe(true);
      // no consent, no card
      expect(cardOf(cards, f.people.secretary)).toBeUndefined();
    });

    it('a body address book holds its current members who consented', async () => {
      const body = books.find((b) => b.displayName === f.bodyName);
      if (!body) throw new Error('no body address book');
      const members = await dav.fetchVCards({ addressBook: body });
      expect(members.map((m) => m.url.replace(/^.*\//, ''))).toEqual([`person-${f.people.chair}.vcf`]);
    });

    it('addressbook-query finds cards by FN and UID text match', async () => {
      const byName = await dav.addressBookQuery({
        url: directory.url,
        props: { 'd:getetag': {} },
        filters: { 'card:prop-filter': { _attributes: { name: 'FN' }, 'card:text-match': { _attributes: { 'match-type': 'contains' }, _text: 'haddad' } } },
        depth: '1',
      });
      expect(byName.map((r) => r.href)).toEqual([expect.stringMatching(new RegExp(`/person-${colleague}\\.vcf$`))]);
      const byUid = await dav.addressBookQuery({
        url: directory.url,
        props: { 'd:getetag': {} },
        filters: { 'card:prop-filter': { _attributes: { name: 'UID' }, 'card:text-match': { _attributes: { 'match-type': 'ends-with' }, _text: `:person:${leaving}` } } },
        depth: '1',
      });
      expect(byUid.map((r) => r.href)).toEqual([expect.stringMatching(new RegExp(`/person-${leaving}\\.vcf$`))]);
    });

    it('GET serves one card with its ETag and answers 304 to If-None-Match', async () => {
      const card = cardOf(cards, colleague);
      const path = new URL(card?.url ?? '').pathname;
      const res = await davRequest(t, 'GET', path, basic(f.emails.chair, password));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/vcard/);
      expect(res.headers.etag).toBe(card?.etag);
      expect(res.text.trim()).toBe(String(card?.data).trim()); // the client trims the XML text
      expect(res.text).toMatch(/\r\nEND:VCARD\r\n$/);
      const again = await davRequest(t, 'GET', path, basic(f.emails.chair, password), undefined, { 'If-None-Match': String(card?.etag) });
      expect(again.status).toBe(304);
      // never from (or into) the page cache, never stored by a proxy
      for (const answer of [res, again]) {
        expect(answer.headers['x-cache']).toBeUndefined();
        expect(answer.headers['cache-control']).toBe('private, no-store');
      }
    });

    it('sync: a changed phone number is exactly one changed card; an erased person is reported removed', async () => {
      const sync = t.app.get(DavSyncService);
      const collection = { ...directory, objects: cards, objectMultiGet: dav.addressBookMultiGet.bind(dav) };
      // nothing changed: nothing to fetch, no rendering
      const rendersBefore = sync.renders;
      const unchanged = await dav.smartCollectionSyncDetailed({ collection, method: 'webdav' });
      expect(unchanged.objects).toEqual({ created: [], updated: [], deleted: [] });
      expect(sync.renders).toBe(rendersBefore);
      // … also after a restart (or on another instance): the stored state answers, nothing is rendered
      sync.forgetSnapshots();
      const afterRestart = await dav.smartCollectionSyncDetailed({ collection, method: 'webdav' });
      expect(afterRestart.objects).toEqual({ created: [], updated: [], deleted: [] });
      expect(afterRestart.syncToken).toBe(directory.syncToken);
      expect(sync.renders).toBe(rendersBefore);

      await changePhone(t, colleague, '+49 385 999-0000');
      const changed = await dav.smartCollectionSyncDetailed({ collection, method: 'webdav' });
      expect(changed.objects.created).toEqual([]);
      expect(changed.objects.deleted).toEqual([]);
      expect(changed.objects.updated.map((o) => o.url)).toEqual([cardOf(cards, colleague)?.url]);
      expect(changed.objects.updated[0].data).toContain('+49 385 999-0000');
      expect(changed.syncToken).not.toBe(directory.syncToken);

      const admin = (await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.admin })).id;
      await t.app.get(PrivacyService).erase(memberViewer(admin, null, true), leaving);
      const erased = await dav.smartCollectionSyncDetailed({
        collection: { ...collection, syncToken: changed.syncToken, objects: [...cards] },
        method: 'webdav',
      });
      expect(erased.objects.created).toEqual([]);
      expect(erased.objects.updated).toEqual([]);
      expect(erased.objects.deleted.map((o) => o.url)).toEqual([cardOf(cards, leaving)?.url]);
      expect((await davRequest(t, 'GET', new URL(cardOf(cards, leaving)?.url ?? '').pathname, basic(f.emails.chair, password))).status).toBe(404);

      // a withdrawn consent takes the card off every phone as well
      await t.app.get(ConsentService).withdraw(memberViewer(admin, null, true), colleague);
      const withdrawn = await dav.smartCollectionSyncDetailed({ collection: { ...collection, syncToken: erased.syncToken }, method: 'webdav' });
      expect(withdrawn.objects.deleted.map((o) => o.url)).toEqual([cardOf(cards, colleague)?.url]);
    });

    it('refuses a sync token it did not issue with 403 valid-sync-token', async () => {
      const res = await davRequest(
        t,
        'REPORT',
        new URL(directory.url).pathname,
        basic(f.emails.chair, password),
        `<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>http://example.org/ns/sync/1</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
      );
      expect(res.status).toBe(403);
      expect(res.text).toContain('valid-sync-token');
    });
  });

  describe('calendars', () => {
    let dav: DAVClient;
    let calendars: DAVCalendar[];

    beforeAll(async () => {
      dav = client('caldav');
      await dav.login();
      calendars = await dav.fetchCalendars();
    });

    it('lists the personal calendar and one per body, events only', () => {
      const names = calendars.map((c) => (typeof c.displayName === 'string' ? c.displayName : JSON.stringify(c.displayName)));
      expect(names).toContain(`${t.config.siteName}: meine Sitzungen`);
      expect(names).toEqual(expect.arrayContaining([expect.stringContaining(`BB `), expect.stringContaining('Runder Tisch')]));
      expect(calendars.every((c) => c.components?.includes('VEVENT'))).toBe(true);
      expect(calendars[0].reports).toEqual(expect.arrayContaining(['calendarMultiget', 'calendarQuery', 'syncCollection']));
    });

    it('the personal calendar holds the meetings of the feed, one VCALENDAR with VTIMEZONE per event', async () => {
      const personal = calendars.find((c) => c.displayName === `${t.config.siteName}: meine Sitzungen`);
      if (!personal) throw new Error('no personal calendar');
      const objects = await dav.fetchCalendarObjects({ calendar: personal });
      const texts = objects.map((o) => String(o.data));
      const mine = texts.find((text) => text.includes(`/sitzungen/${meetingId}`));
      expect(mine).toBeDefined();
      const parsed = new ICAL.Component(ICAL.parse(mine ?? '') as never);
      expect(parsed.getAllSubcomponents('vevent')).toHaveLength(1);
      expect(parsed.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
      const event = new ICAL.Event(parsed.getFirstSubcomponent('vevent') as ICAL.Component);
      expect(event.summary).toContain('Frühjahrssitzung');
      expect(event.startDate.toString()).toBe('2027-03-18T18:00:00');

      const inRange = await dav.fetchCalendarObjects({ calendar: personal, timeRange: { start: '2027-03-18T00:00:00Z', end: '2027-03-19T00:00:00Z' } });
      expect(inRange.map((o) => o.url)).toContain(objects.find((o) => String(o.data).includes(`/sitzungen/${meetingId}`))?.url);
      const outOfRange = await dav.fetchCalendarObjects({ calendar: personal, timeRange: { start: '2027-04-01T00:00:00Z', end: '2027-04-02T00:00:00Z' } });
      expect(outOfRange.map((o) => o.url)).not.toContain(objects.find((o) => String(o.data).includes(`/sitzungen/${meetingId}`))?.url);
    });
  });

  describe('read-only', () => {
    it('answers every write with 403 and a DAV error body', async () => {
      const path = `/dav/addressbooks/${chairAccountId}/netzwerk/person-${f.people.chair}.vcf`;
      for (const method of ['PUT', 'DELETE', 'MKCOL', 'PROPPATCH', 'MOVE', 'COPY']) {
        const res = await davRequest(t, method, path, basic(f.emails.chair, password), method === 'PROPPATCH' ? '<d:propertyupdate xmlns:d="DAV:"/>' : undefined);
        expect([method, res.status]).toEqual([method, 403]);
        expect(res.text).toContain('<d:need-privileges>');
      }
    });
  });

  describe('hostile XML', () => {
    const path = (): string => `/dav/addressbooks/${chairAccountId}/netzwerk/`;

    it('refuses entity declarations (billion laughs, external entities)', async () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d:propfind xmlns:d="DAV:"><d:prop><d:displayname>&b;</d:displayname></d:prop></d:propfind>`;
      const external = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d:propfind xmlns:d="DAV:"><d:prop><d:displayname>&x;</d:displayname></d:prop></d:propfind>`;
      for (const body of [laughs, external]) {
        const res = await davRequest(t, 'PROPFIND', path(), basic(f.emails.chair, password), body, { Depth: '0' });
        expect(res.status).toBe(400);
        expect(res.text).not.toContain('root:');
      }
    });

    it('refuses a body of 1 MB with 413', async () => {
      const big = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop>${'<d:displayname/>'.repeat(70_000)}</d:prop></d:propfind>`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000);
      const res = await davRequest(t, 'PROPFIND', path(), basic(f.emails.chair, password), big, { Depth: '0' });
      expect(res.status).toBe(413);
    });

    it('refuses deep nesting and malformed XML with 400', async () => {
      const deep = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:">${'<d:x>'.repeat(5000)}${'</d:x>'.repeat(5000)}</d:propfind>`;
      expect((await davRequest(t, 'PROPFIND', path(), basic(f.emails.chair, password), deep, { Depth: '0' })).status).toBe(400);
      expect((await davRequest(t, 'REPORT', path(), basic(f.emails.chair, password), '<d:sync-collection xmlns:d="DAV:"><d:sync-token>')).status).toBe(400);
      expect((await davRequest(t, 'REPORT', path(), basic(f.emails.chair, password), '<x:sync-collection><x:a/></x:sync-collection>')).status).toBe(400);
    });
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_CHAIR, DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { loadConfig } from '../src/config/app-config.js';
import { Body } from '../src/bodies/body.entity.js';
import { isCurrentMembership } from '../src/bodies/current-membership.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { CalendarFeedService } from '../src/calendar/calendar-feed.service.js';
import { berlinDay } from '../src/common/dates.js';
import { Account } from '../src/auth/account.entity.js';
import { Person } from '../src/people/person.entity.js';
import { type Agent, loggedInAgent, login, postForm } from './helpers/auth.js';
import { idFromLocation, personForm } from './helpers/directory.js';
import { countSql } from './helpers/sql-count.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';
const ACCOUNT_NAME = /<span class="account-menu__name">([^<]*)<\/span>/;

function nameIn(html: string): string | undefined {
  return ACCOUNT_NAME.exec(html)?.[1];
}

function tokensIn(html: string): string[] {
  return [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]);
}

/** Statements a request sent that are not about its session or account (the viewer's own lookups). */
function pageStatements(statements: string[]): string[] {
  return statements.filter((sql) => !/\b(?:sessions|accounts)\b/i.test(sql) && !/^(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql.trim()));
}

describe('member page cache: rendered parts per content version and visibility level, personal header filled per request', () => {
  let t: TestApp;
  let first: Agent;
  let second: Agent;
  let admin: Agent;
  let chair: Agent;
  let personId: number;
  /** The Begleitbeirat: the demo chair manages it; fresh accounts without a person are plain members. */
  let body: number;
  let officerLink: string;

  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' });
    t = await createTestApp({ seedDemo: true, mail: { ...defaults.mail, worker: false }, documents: { ...defaults.documents, textWorker: false } });
    first = await loggedInAgent(t, { email: 'erstes.mitglied@example.org', password: PASSWORD });
    second = await loggedInAgent(t, { email: 'zweites.mitglied@example.org', password: PASSWORD });
    admin = await loggedInAgent(t, { email: 'cache.verwaltung@example.org', password: PASSWORD, isAdmin: true });
    chair = request.agent(t.http);
    await login(chair, DEMO_CHAIR.email, DEMO_CHAIR.password);
    personId = (await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' })).id;
    body = (await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ shortName: 'Begleitbeirat' })).id;
    officerLink = `/gremien/${body}/mitgliedschaften/neu`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves two members of the same level the same page, each with their own name and CSRF token (which works)', async () => {
    const path = `/personen/${personId}`;
    const a = await first.get(path).set('Cache-Control', 'no-cache').expect(200);
    expect(a.headers['x-cache']).toBe('miss');
    const b = await second.get(path).expect(200);
    expect(b.headers['x-cache']).toBe('hit');
    // the member's response headers stay: the cache lives in the server only
    expect(b.headers['cache-control']).toBe('no-store');
    expect(b.headers['content-type']).toMatch(/^text\/html/);

    expect(nameIn(a.text)).toBe('erstes.mitglied@example.org');
    expect(nameIn(b.text)).toBe('zweites.mitglied@example.org');
    expect(b.text).not.toContain('erstes.mitglied');
    const [tokenA] = tokensIn(a.text);
    const tokensB = tokensIn(b.text);
    expect(tokensB.length).toBeGreaterThan(0);
    expect(new Set(tokensB).size).toBe(1);
    expect(tokensB[0]).not.toBe(tokenA);
    expect(b.text).not.toContain(tokenA);
    expect(b.text).not.toMatch(/nmslot[0-9a-f]+/);
    // apart from the personal parts the pages are the same
    expect(b.text.replaceAll(tokensB[0], 'T').replace(ACCOUNT_NAME, '')).toBe(a.text.replaceAll(tokenA, 'T').replace(ACCOUNT_NAME, ''));

    // the first member, served from the cache now, still gets their own name and token
    const again = await first.get(path).expect(200);
    expect(again.headers['x-cache']).toBe('hit');
    expect(nameIn(again.text)).toBe('erstes.mitglied@example.org');
    expect(tokensIn(again.text)[0]).toBe(tokenA);

    // the token from the cached page is this session's own: a form posted with it works
    const posted = await second.post('/kalender/persoenlich').type('form').send({ _csrf: tokensB[0] });
    expect(posted.status).toBe(303);
    // and the first member's token does not work for the second member
    expect((await second.post('/kalender/persoenlich').type('form').send({ _csrf: tokenA })).status).toBe(403);
  });

  it('sends a cached member page gzip-compressed (compressed when stored, the member’s parts spliced in) as the same page', async () => {
    const path = '/personen';
    await first.get(path).set('Cache-Control', 'no-cache').expect(200);
    const plain = await second.get(path).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // superagent decompresses with zlib: an independent reader of the spliced stream
    const zipped = await second.get(path).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(zipped.headers['x-cache']).toBe('hit');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.text).toBe(plain.text);
    expect(nameIn(zipped.text)).toBe('zweites.mitglied@example.org');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text) / 3);
  });

  it('fills in a name with characters HTML escapes exactly as a fresh rendering shows it', async () => {
    const created = await postForm(admin, '/personen/neu', personForm({ givenName: 'Siobhán', familyName: "O'Brien-Müller" }));
    expect(created.status).toBe(303);
    const agent = await loggedInAgent(t, { email: 'obrien@example.org', password: PASSWORD, personId: idFromLocation(created.headers.location, '/personen') });
    const path = `/personen/${personId}`;
    await first.get(path).expect(200);
    const hit = await agent.get(path).expect(200);
    expect(hit.headers['x-cache']).toBe('hit');
    const fresh = await agent.get(path).set('Cache-Control', 'no-cache').expect(200);
    expect(fresh.headers['x-cache']).toBe('miss');
    expect(nameIn(fresh.text)).toContain('O&#x27;Brien-Müller');
    expect(nameIn(hit.text)).toBe(nameIn(fresh.text));
  });

  it('never gives an administrator the member page or a member the administrator page (edit links, header links)', async () => {
    const path = `/personen/${personId}`;
    await first.get(path).expect(200);
    const asAdmin = await admin.get(path).expect(200);
    expect(asAdmin.text).toContain(`/personen/${personId}/bearbeiten`);
    expect(asAdmin.text).toContain('/admin/konten');
    expect(nameIn(asAdmin.text)).toBe('cache.verwaltung@example.org');
    const adminAgain = await admin.get(path).expect(200);
    expect(adminAgain.headers['x-cache']).toBe('hit');
    const asMember = await second.get(path).expect(200);
    expect(asMember.text).not.toContain(`/personen/${personId}/bearbeiten`);
    expect(asMember.text).not.toContain('/admin/konten');
  });

  it('shows a chair the officer links of their body after a member’s rendering of the page was cached, and the member none', async () => {
    const path = `/gremien/${body}`;
    const member = await first.get(path).set('Cache-Control', 'no-cache').expect(200);
    expect(member.text).not.toContain(officerLink);
    expect((await second.get(path).expect(200)).headers['x-cache']).toBe('hit');
    const asChair = await chair.get(path).expect(200);
    expect(asChair.headers['x-cache']).toBe('miss');
    expect(asChair.text).toContain(officerLink);
    expect(nameIn(asChair.text)).not.toBe(nameIn(member.text));
    expect((await chair.get(path).expect(200)).text).toContain(officerLink);
    const memberAgain = await second.get(path).expect(200);
    expect(memberAgain.headers['x-cache']).toBe('hit');
    expect(memberAgain.text).not.toContain(officerLink);
  });

  it('shows a current member of the body its circulars link, and a member of another body none, whoever came first', async () => {
    const seated = request.agent(t.http);
    await login(seated, DEMO_MEMBER.email, DEMO_MEMBER.password);
    const path = `/gremien/${body}`;
    const circulars = `/gremien/${body}/rundschreiben`;
    await first.get(path).set('Cache-Control', 'no-cache').expect(200);
    const own = await seated.get(path).expect(200);
    expect(own.headers['x-cache']).toBe('miss');
    expect(own.text).toContain(circulars);
    expect(own.text).not.toContain(officerLink);
    expect((await seated.get(path).expect(200)).text).toContain(circulars);
    const other = await second.get(path).expect(200);
    expect(other.headers['x-cache']).toBe('hit');
    expect(other.text).not.toContain(circulars);
  });

  it('never answers an anonymous visitor (with or without a cookie) from a member page', async () => {
    const path = `/personen/${personId}`;
    const member = await first.get(path).expect(200);
    expect(member.text).toContain('Abmelden');
    for (const anon of [request(t.http).get(path), request(t.http).get(path).set('Cookie', 'nm.sid=s%3Aunknown.session')]) {
      const page = await anon.expect(200);
      expect(page.text).not.toContain('Abmelden');
      expect(page.text).not.toContain('erstes.mitglied');
      expect(page.text).toContain('Anmelden');
    }
  });

  it('renders afresh after an edit, and on a reload (no-cache); a hit sends no statement beyond the session and account', async () => {
    const path = `/personen/${personId}`;
    await second.get(path).expect(200);
    const hit = await countSql(() => second.get(path).expect(200));
    expect(hit.result.headers['x-cache']).toBe('hit');
    expect(pageStatements(hit.statements)).toEqual([]);

    const reload = await countSql(() => second.get(path).set('Cache-Control', 'no-cache').expect(200));
    expect(reload.result.headers['x-cache']).toBe('miss');
    expect(pageStatements(reload.statements).length).toBeGreaterThan(0);

    const edit = await postForm(admin, `/personen/${personId}/bearbeiten`, personForm({ givenName: 'Олена', familyName: 'Avramenko-Mitglieder', phoneVisibility: 'members', emailVisibility: 'members' }));
    expect(edit.status).toBe(303);
    const after = await first.get(path).expect(200);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.text).toContain('Avramenko-Mitglieder');
    expect((await second.get(path).expect(200)).headers['x-cache']).toBe('hit');
  });

  it('caches the directory list and the search per level, with no statement beyond the session on a hit', async () => {
    for (const path of ['/personen', '/personen?q=Avramenko', '/suche?q=Avramenko', `/gremien/${body}`]) {
      await first.get(path).expect(200);
      await first.get(path).expect(200); // the level, too, is known now for this member and content version
      const hit = await countSql(() => first.get(path).expect(200));
      expect(hit.result.headers['x-cache']).toBe('hit');
      expect(pageStatements(hit.statements)).toEqual([]);
      expect(nameIn(hit.result.text)).toBe('erstes.mitglied@example.org');
      const other = await second.get(path).expect(200);
      expect(nameIn(other.text)).toBe('zweites.mitglied@example.org');
    }
  });

  it('does not store what is not a complete page: unknown ids, invalid filters', async () => {
    await first.get('/personen/999999').expect(404);
    expect((await first.get('/personen/999999').expect(404)).headers['x-cache']).toBe('miss');
    const bad = await first.get('/gremien/abc');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.text).not.toMatch(/nmslot[0-9a-f]+/);
    expect(nameIn(bad.text) ?? 'erstes.mitglied@example.org').toBe('erstes.mitglied@example.org');
  });

  it('caches the vCard bundle for members per content version, one copy for all members', async () => {
    const path = `/gremien/${body}/vcard`;
    const a = await first.get(path).set('Cache-Control', 'no-cache').expect(200);
    expect(a.headers['content-type']).toMatch(/^text\/vcard/);
    const b = await chair.get(path).expect(200);
    expect(b.headers['x-cache']).toBe('hit');
    expect(b.text).toBe(a.text);
    expect(b.headers['content-type']).toMatch(/^text\/vcard/);
    expect(b.headers['content-disposition']).toBe(a.headers['content-disposition']);
    expect(b.headers['cache-control']).toBe('private, no-store');
    // anonymous visitors are never answered from the members' copy
    await request(t.http).get(path);
    expect((await request(t.http).get(path)).headers['x-cache']).not.toBe('hit');
  });

  describe('personal feed', () => {
    /** The feed path of a new member account linked to `person`. */
    async function feedOf(email: string, person: number): Promise<string> {
      const agent = await loggedInAgent(t, { email, password: PASSWORD, personId: person });
      expect((await postForm(agent, '/kalender/persoenlich')).status).toBe(303);
      const page = await agent.get('/kalender').expect(200);
      const path = /id="persoenliche-kalender-adresse"[^>]*value="https?:\/\/[^/"]+(\/kalender\/[^"]+\.ics)"/.exec(page.text)?.[1];
      if (!path) throw new Error('no personal feed address on /kalender');
      return path;
    }

    /** People without an account, grouped by the set of bodies they currently sit on. */
    async function peopleByBodySet(): Promise<Map<string, number[]>> {
      const db = t.app.get(DataSource);
      const today = berlinDay(new Date());
      const withAccount = new Set((await db.getRepository(Account).find()).map((a) => a.personId));
      const bodiesOf = new Map<number, Set<number>>();
      for (const m of await db.getRepository(Membership).find()) {
        if (!isCurrentMembership(m, today) || withAccount.has(m.personId)) continue;
        bodiesOf.set(m.personId, (bodiesOf.get(m.personId) ?? new Set()).add(m.bodyId));
      }
      const groups = new Map<string, number[]>();
      for (const [person, bodies] of bodiesOf) {
        const key = [...bodies].sort((a, b) => a - b).join(',');
        groups.set(key, [...(groups.get(key) ?? []), person]);
      }
      return groups;
    }

    it('is built once for everyone on the same bodies (same bytes, same ETag, 304 for either token), separately for other bodies', async () => {
      const groups = [...(await peopleByBodySet()).entries()].sort((a, b) => b[1].length - a[1].length);
      const [[sharedSet, [p1, p2]], [otherSet, [p3]]] = groups;
      expect(sharedSet).not.toBe(otherSet);
      const feeds = t.app.get(CalendarFeedService);
      const one = await feedOf('feed.eins@example.org', p1);
      const two = await feedOf('feed.zwei@example.org', p2);
      const three = await feedOf('feed.drei@example.org', p3);

      const before = feeds.builds;
      const a = await request(t.http).get(one).expect(200);
      expect(feeds.builds).toBe(before + 1);
      const b = await request(t.http).get(two).expect(200);
      expect(feeds.builds).toBe(before + 1); // the same set of bodies: the same copy
      expect(b.text).toBe(a.text);
      expect(b.headers.etag).toBe(a.headers.etag);
      await request(t.http).get(two).set('If-None-Match', String(a.headers.etag)).expect(304);
      await request(t.http).get(one).set('If-None-Match', String(a.headers.etag)).expect(304);

      await request(t.http).get(three).expect(200);
      expect(feeds.builds).toBe(before + 2);
    });
  });
});

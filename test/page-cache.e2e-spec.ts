import request from 'supertest';
import { DataSource } from 'typeorm';
import { Person } from '../src/people/person.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { loggedInAgent, login, postForm, type Agent } from './helpers/auth.js';
import { idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

describe('public page cache on the real app', () => {
  let t: TestApp;
  let admin: Agent;
  let personId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'cache.admin@example.org', password: PASSWORD, isAdmin: true });
    personId = (await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('replays an anonymous person page until the person is edited, then shows the change at once', async () => {
    const anon = request(t.http);
    const first = await anon.get(`/personen/${personId}`).expect(200);
    const second = await anon.get(`/personen/${personId}`).expect(200);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers['content-security-policy']).toBeDefined(); // security headers on cached answers too
    await anon.get(`/personen/${personId}`).set('If-None-Match', String(second.headers.etag)).expect(304);

    const edit = await postForm(admin, `/personen/${personId}/bearbeiten`, personForm({ givenName: 'Олена', familyName: 'Avramenko-Şahin', phoneVisibility: 'public', emailVisibility: 'public' }));
    expect(edit.status).toBe(303);
    const after = await anon.get(`/personen/${personId}`).expect(200);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.text).toContain('Avramenko-Şahin');
  });

  it('keeps cached pages over a login (last login and password rehash are bookkeeping), not over a change of an account’s rights', async () => {
    const ds = t.app.get(DataSource);
    const version = async (): Promise<number> => Number((await ds.query<{ version: number | string }[]>('SELECT version FROM content_version WHERE id = 1'))[0].version);
    const anon = request(t.http);
    await anon.get(`/personen/${personId}`).expect(200);
    const before = await version();
    await loggedInAgent(t, { email: 'cache.login@example.org', password: PASSWORD }); // creates the account: content
    const created = await version();
    expect(created).toBeGreaterThan(before);
    await anon.get(`/personen/${personId}`).expect(200);
    const again = request.agent(t.http);
    await login(again, 'cache.login@example.org', PASSWORD);
    expect(await version()).toBe(created);
    expect((await anon.get(`/personen/${personId}`).expect(200)).headers['x-cache']).toBe('hit');
    // rights are content: an administrator flag changes what pages show
    await t.app.get(DatabaseService).write((m) => m.getRepository(Account).update({ email: 'cache.login@example.org' }, { isAdmin: true }));
    expect(await version()).toBeGreaterThan(created);
  });

  it('finds a new person in search right after saving, though the search page was cached', async () => {
    const anon = request(t.http);
    const before = await anon.get('/suche?q=Nguy%E1%BB%85n').expect(200);
    expect((await anon.get('/suche?q=Nguy%E1%BB%85n').expect(200)).headers['x-cache']).toBe('hit');
    expect(before.text).not.toContain('Thị Cache');
    const created = await postForm(admin, '/personen/neu', personForm({ givenName: 'Thị Cache', familyName: 'Nguyễn' }));
    expect(created.status).toBe(303);
    const id = idFromLocation(created.headers.location, '/personen');
    const after = await anon.get('/suche?q=Nguy%E1%BB%85n').expect(200);
    expect(after.text).toContain(`/personen/${id}`);
  });

  it('never answers members from the anonymous cache (their name, their rights), and tells browsers not to store their pages', async () => {
    // members' pages have a cache of their own, per visibility level (test/member-page-cache.e2e-spec.ts)
    const page = await admin.get(`/personen/${personId}`).set('Cache-Control', 'no-cache').expect(200);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain(`/personen/${personId}/bearbeiten`);
    const anon = await request(t.http).get(`/personen/${personId}`).expect(200);
    expect(anon.text).not.toContain(`/personen/${personId}/bearbeiten`);
  });

  it('keeps 404 pages and login forms out of the cache', async () => {
    const anon = request(t.http);
    await anon.get('/personen/999999').expect(404);
    expect((await anon.get('/personen/999999').expect(404)).headers['x-cache']).toBe('miss');
    const login = await anon.get('/anmelden').expect(200);
    expect(login.headers['x-cache']).toBeUndefined();
  });

  it('can be switched off (PAGE_CACHE_SECONDS=0)', async () => {
    const off = await createTestApp({ pageCache: { ttlSeconds: 0, maxMegabytes: 1 } });
    try {
      await request(off.http).get('/').expect(200);
      expect((await request(off.http).get('/').expect(200)).headers['x-cache']).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});

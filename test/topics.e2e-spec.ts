import request from 'supertest';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { OrganisationTopic, Topic } from '../src/organisations/topic.entity.js';
import { PersonTopic } from '../src/people/person-topic.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { login, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, html } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ADMIN = { email: 'themen.admin@example.org', password: 'Themen pflegen am Pfaffenteich 2026' } as const;

describe('Themen und Angebote: the kept topic vocabulary', () => {
  let t: TestApp;
  let admin: Agent;
  let ds: DataSource;

  const topicByKey = (nameKey: string): Promise<Topic | null> => ds.getRepository(Topic).findOneBy({ nameKey });

  /** Gives a person and an organisation a topic directly (as the seeds do) and reindexes both. */
  async function assign(personId: number, organisationId: number, topicId: number): Promise<void> {
    const indexer = t.app.get(SearchIndexer);
    await t.app.get(DatabaseService).write(async (m) => {
      await m.getRepository(PersonTopic).insert({ personId, topicId });
      await m.getRepository(OrganisationTopic).insert({ organisationId, topicId });
      await indexer.reindex(m, 'person', personId);
      await indexer.reindex(m, 'organisation', organisationId);
    });
  }

  /** POSTs a form as the administrator and checks the status. */
  async function post(path: string, fields: Record<string, string>, status: number): Promise<{ text: string; headers: Record<string, string> }> {
    const res = await postForm(admin, path, fields);
    if (res.status !== status) throw new Error(`POST ${path}: HTTP ${res.status}, expected ${status}: ${res.text.slice(0, 500)}`);
    return { text: res.text, headers: res.headers };
  }

  beforeAll(async () => {
    t = await createTestApp({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    ds = t.app.get(DataSource);
    admin = request.agent(t.http);
    await login(admin, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await t.close();
  });

  it('seeds a German starter vocabulary and lists it, linked from the admin menu', async () => {
    expect(await topicByKey('asylberatung')).not.toBeNull();
    expect(await topicByKey('sprachkurs')).not.toBeNull();
    const home = await admin.get('/').expect(200);
    expect(home.text).toContain('<a href="/admin/themen">Themen und Angebote</a>');
    const page = await admin.get('/admin/themen').expect(200);
    expect(page.text).toContain('<th scope="row">Asylberatung</th>');
    expect(page.text).toContain('nicht verwendet');
    await request(t.http).get('/admin/themen').expect(302);
  });

  it('adds a topic, audited; refuses empty, too long and duplicate names (any case) with 422 and the value kept', async () => {
    const created = await post('/admin/themen', { name: '  Frühe   Hilfen ' }, 303);
    expect(created.headers.location).toBe('/admin/themen');
    const topic = await topicByKey('fruehe hilfen');
    expect(topic?.name).toBe('Frühe Hilfen');
    const audit = await auditEntriesOf(t, 'topic', topic?.id ?? 0);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0].parsed).toEqual([{ field: 'name', label: 'Name', old: null, new: 'Frühe Hilfen' }]);

    const empty = await post('/admin/themen', { name: '   ' }, 422);
    expect(empty.text).toContain('Bitte geben Sie einen Namen ein.');
    const long = await post('/admin/themen', { name: 'x'.repeat(101) }, 422);
    expect(long.text).toContain('höchstens 100 Zeichen');
    expect(long.text).toContain(`value="${'x'.repeat(101)}"`);
    const duplicate = await post('/admin/themen', { name: 'FRUEHE hilfen' }, 422);
    expect(duplicate.text).toContain(html('Das Thema „Frühe Hilfen“ gibt es schon'));
    expect(duplicate.text).toContain('value="FRUEHE hilfen"');
    expect(duplicate.text).toContain('aria-invalid="true"');
    expect(await ds.getRepository(Topic).countBy({ name: 'FRUEHE hilfen' })).toBe(0);
  });

  it('finds a person and an organisation by their topic, and a rename reindexes them in the same write', async () => {
    const person = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    const organisation = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    const topic = await topicByKey('sprachkurs');
    await assign(person.id, organisation.id, topic?.id ?? 0);

    const found = await admin.get('/suche').query({ q: 'sprachkurs' }).expect(200);
    expect(found.text).toContain(`/personen/${person.id}`);
    expect(found.text).toContain(`/organisationen/${organisation.id}`);

    const usage = await admin.get('/admin/themen').expect(200);
    expect(usage.text).toMatch(/<th scope="row">Sprachkurs<\/th>\s*<td>1 Person · 1 Organisation<\/td>/);

    const renamePage = await admin.get(`/admin/themen/${topic?.id}/umbenennen`).expect(200);
    expect(renamePage.text).toContain('Verwendet bei: 1 Person · 1 Organisation');
    const clash = await post(`/admin/themen/${topic?.id}/umbenennen`, { name: 'asylberatung' }, 422);
    expect(clash.text).toContain(html('Das Thema „Asylberatung“ gibt es schon'));
    expect(clash.text).toContain('value="asylberatung"');
    await post(`/admin/themen/${topic?.id}/umbenennen`, { name: 'Deutschkurs' }, 303);

    const renamed = await admin.get('/suche').query({ q: 'deutschkurs' }).expect(200);
    expect(renamed.text).toContain(`/personen/${person.id}`);
    expect(renamed.text).toContain(`/organisationen/${organisation.id}`);
    const old = await admin.get('/suche').query({ q: 'sprachkurs' }).expect(200);
    expect(old.text).not.toContain(`/personen/${person.id}"`);
    const audit = await auditEntriesOf(t, 'topic', topic?.id ?? 0);
    expect(audit.map((a) => [a.action, a.parsed[0]?.old, a.parsed[0]?.new])).toEqual([['update', 'Sprachkurs', 'Deutschkurs']]);
  });

  it('removes a topic only with the tick, says how many entries use it, and takes it out of their search documents', async () => {
    const topic = await topicByKey('deutschkurs');
    const person = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    const confirm = await admin.get(`/admin/themen/${topic?.id}/entfernen`).expect(200);
    expect(confirm.text).toContain('Dieses Thema wird verwendet: 1 Person · 1 Organisation.');
    const unticked = await post(`/admin/themen/${topic?.id}/entfernen`, {}, 422);
    expect(unticked.text).toContain('Bitte bestätigen Sie');
    expect(await topicByKey('deutschkurs')).not.toBeNull();

    await post(`/admin/themen/${topic?.id}/entfernen`, { confirm: 'on' }, 303);
    expect(await topicByKey('deutschkurs')).toBeNull();
    expect(await ds.getRepository(PersonTopic).countBy({ topicId: topic?.id })).toBe(0);
    const gone = await admin.get('/suche').query({ q: 'deutschkurs' }).expect(200);
    expect(gone.text).not.toContain(`/personen/${person.id}"`);
    expect((await auditEntriesOf(t, 'topic', topic?.id ?? 0)).map((a) => a.action)).toEqual(['update', 'delete']);
  });

  it('answers 404 for unknown topics', async () => {
    await admin.get('/admin/themen/999999/umbenennen').expect(404);
    await post('/admin/themen/999999/entfernen', { confirm: 'on' }, 404);
  });
});

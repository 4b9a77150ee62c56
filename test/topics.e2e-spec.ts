import request from 'supertest';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { OrganisationTopic, Topic } from '../src/organisations/topic.entity.js';
import { PersonTopic } from '../src/people/person-topic.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SeederService } from '../src/seeder.service.js';
import { createAccount, csrfToken, login, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, html, personForm } from './helpers/directory.js';
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

  const csrf = (): Promise<string> => csrfToken(admin);

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
    expect(usage.text).toMatch(/<th scope="row">Sprachkurs<\/th>\s*<td data-label="Verwendet bei">1 Person · 1 Organisation<\/td>/);

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

  it('filters the directory by topic and shows languages and topics in rows, on the person, the organisation and in search results', async () => {
    const person = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    const organisation = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    const kita = await topicByKey('kita');
    await assign(person.id, organisation.id, kita?.id ?? 0);

    const filtered = await admin.get('/personen').query({ topic: kita?.id }).expect(200);
    expect(filtered.text).toContain(`<option value="${kita?.id}" selected>Kita</option>`);
    expect(filtered.text).toContain('Thema: Kita');
    expect(filtered.text).toContain('1 Person');
    expect(filtered.text).toContain(`href="/personen/${person.id}"`);
    expect(filtered.text).toMatch(/Themen: (?:[^<]*, )?Kita/);
    const none = await admin.get('/personen').query({ topic: (await topicByKey('wohnen'))?.id }).expect(200);
    expect(none.text).toContain('Keine Personen gefunden');
    // an unknown or malformed topic is no filter (as with the other filters), never an error
    const unknown = await admin.get('/personen').query({ topic: '999999' }).expect(200);
    expect(unknown.text).not.toContain('Thema:');
    await admin.get('/personen').query({ topic: 'x; DROP' }).expect(200);

    const personPage = await request(t.http).get(`/personen/${person.id}`).expect(200);
    expect(personPage.text).toMatch(/<dt>Themen und Angebote<\/dt><dd>(?:[^<]*, )?Kita/);
    const orgPage = await request(t.http).get(`/organisationen/${organisation.id}`).expect(200);
    expect(orgPage.text).toMatch(/<h2 id="org-topics">Themen und Angebote<\/h2><p>(?:[^<]*, )?Kita/);
    const orgList = await request(t.http).get('/organisationen').expect(200);
    expect(orgList.text).toMatch(/Themen: (?:[^<]*, )?Kita/);
    const orgsWithKita = await request(t.http).get('/organisationen').query({ topic: kita?.id }).expect(200);
    expect(orgsWithKita.text).toContain('– Thema: Kita</h1>');
    expect(orgsWithKita.text).toContain(`href="/organisationen/${organisation.id}"`);
    expect((orgsWithKita.text.match(/<li class="card">/g) ?? []).length).toBe(1);
    const orgsWithWohnen = await request(t.http).get('/organisationen').query({ topic: (await topicByKey('wohnen'))?.id }).expect(200);
    expect(orgsWithWohnen.text).toContain('Keine Organisationen gefunden.');
    await request(t.http).get('/organisationen').query({ topic: 'x' }).expect(200);

    const results = await admin.get('/suche').query({ q: 'kita' }).expect(200);
    expect(results.text).toContain(`/personen/${person.id}`);
    expect(results.text).toMatch(/Integrationsbeauftragter · Fachstelle Integration · (?:Sprachen: [^<]* · )?Themen: (?:[^<]*, )?Kita<\/span>/);
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

  it('chooses topics on the person and organisation forms (checkbox group), audited, kept on 422, none ticked clears them', async () => {
    const asyl = await topicByKey('asylberatung');
    const wohnen = await topicByKey('wohnen');
    const newPage = await admin.get('/personen/neu').expect(200);
    expect(newPage.text).toContain('<legend>Themen und Angebote</legend>');
    expect(newPage.text).toContain(`<input id="person-topics-${asyl?.id}" name="topicIds" type="checkbox" value="${asyl?.id}">`);

    // the family name is missing: 422, the ticked topics stay ticked
    const invalid = await admin
      .post('/personen/neu')
      .type('form')
      .send(`${new URLSearchParams({ ...personForm(), familyName: '', topicsShown: '1', _csrf: await csrf() }).toString()}&topicIds=${asyl?.id}&topicIds=${wohnen?.id}`)
      .expect(422);
    expect(invalid.text).toContain(`value="${asyl?.id}" checked`);
    expect(invalid.text).toContain(`value="${wohnen?.id}" checked`);
    // a forged or meanwhile removed topic: 422 with a German message at the group
    const forged = await admin
      .post('/personen/neu')
      .type('form')
      .send(`${new URLSearchParams({ ...personForm(), familyName: 'Themenprobe', topicsShown: '1', _csrf: await csrf() }).toString()}&topicIds=999999`)
      .expect(422);
    expect(forged.text).toContain('Ein gewähltes Thema gibt es nicht (mehr).');
    const malformed = await admin
      .post('/personen/neu')
      .type('form')
      .send(`${new URLSearchParams({ ...personForm(), familyName: 'Themenprobe', topicsShown: '1', _csrf: await csrf() }).toString()}&topicIds=abc`)
      .expect(422);
    expect(malformed.text).toContain('Ein gewähltes Thema gibt es nicht (mehr).');
    expect(await ds.getRepository(Person).countBy({ familyName: 'Themenprobe' })).toBe(0);

    const created = await admin
      .post('/personen/neu')
      .type('form')
      .send(`${new URLSearchParams({ ...personForm(), familyName: 'Themenprobe', topicsShown: '1', _csrf: await csrf() }).toString()}&topicIds=${asyl?.id}&topicIds=${wohnen?.id}`)
      .expect(303);
    const personId = Number(/\/personen\/(\d+)$/.exec(String(created.headers.location))?.[1]);
    expect((await ds.getRepository(PersonTopic).findBy({ personId })).map((t) => t.topicId).sort()).toEqual([asyl?.id, wohnen?.id].sort());
    const audit = await auditEntriesOf(t, 'person', personId);
    expect(audit[0].parsed).toContainEqual({ field: 'topics', label: 'Themen und Angebote', old: null, new: 'Asylberatung, Wohnen' });
    const found = await admin.get('/suche').query({ q: 'asylberatung' }).expect(200);
    expect(found.text).toContain(`/personen/${personId}`);

    // the edit form shows them ticked; sending the form with none ticked clears them
    const edit = await admin.get(`/personen/${personId}/bearbeiten`).expect(200);
    expect(edit.text).toContain(`value="${asyl?.id}" checked`);
    await admin
      .post(`/personen/${personId}/bearbeiten`)
      .type('form')
      .send({ ...personForm(), familyName: 'Themenprobe', topicsShown: '1', _csrf: await csrf() })
      .expect(303);
    expect(await ds.getRepository(PersonTopic).countBy({ personId })).toBe(0);
    expect((await auditEntriesOf(t, 'person', personId))[1].parsed).toContainEqual({ field: 'topics', label: 'Themen und Angebote', old: 'Asylberatung, Wohnen', new: null });

    // organisations alike
    const organisation = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    const orgEdit = await admin.get(`/organisationen/${organisation.id}/bearbeiten`).expect(200);
    expect(orgEdit.text).toContain('<legend>Themen und Angebote</legend>');
    await admin
      .post(`/organisationen/${organisation.id}/bearbeiten`)
      .type('form')
      .send(`${new URLSearchParams({ name: organisation.name, shortName: organisation.shortName ?? '', kind: organisation.kind, parentId: organisation.parentId === null ? '' : String(organisation.parentId), street: organisation.street ?? '', postalCode: organisation.postalCode ?? '', locality: organisation.locality ?? '', phone: '', fax: '', email: '', website: '', description: '', topicsShown: '1', _csrf: await csrf() }).toString()}&topicIds=${wohnen?.id}`)
      .expect(303);
    expect((await ds.getRepository(OrganisationTopic).findBy({ organisationId: organisation.id })).map((r) => r.topicId)).toEqual([wohnen?.id]);
    const orgAudit = await auditEntriesOf(t, 'organisation', organisation.id);
    expect(orgAudit[orgAudit.length - 1].parsed).toContainEqual({ field: 'topics', label: 'Themen und Angebote', old: 'Kita', new: 'Wohnen' });
  });

  it('lets a member keep the topics of their own entry current on "Mein Eintrag" (self-edit, audited)', async () => {
    const person = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    await createAccount(t, { email: 'themen.mitglied@example.org', password: ADMIN.password, personId: person.id });
    const member = request.agent(t.http);
    await login(member, 'themen.mitglied@example.org', ADMIN.password);
    const path = `/personen/${person.id}/selbst-bearbeiten`;
    const page = await member.get(path).expect(200);
    expect(page.text).toContain('<legend>Themen und Angebote</legend>');
    // the form as the page shows it (every text field, select and textarea), like a browser sends it
    const fields: Record<string, string> = {};
    for (const m of page.text.matchAll(/<input id="eintrag-[^"]*" name="([^"]+)" type="(?:text|tel|email)"[^>]*?(?: value="([^"]*)")?[^>]*>/g)) fields[m[1]] = m[2] ?? '';
    for (const m of page.text.matchAll(/<select id="eintrag-[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/select>/g)) fields[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
    for (const m of page.text.matchAll(/<textarea id="eintrag-[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/textarea>/g)) fields[m[1]] = m[2];
    if (/id="eintrag-consent"[^>]* checked/.test(page.text)) fields.consent = 'on';
    const sprachmittlung = await topicByKey('sprachmittlung');
    const form = new URLSearchParams({ ...fields, topicsShown: '1', _csrf: await csrfToken(member, path) }).toString();
    const forged = await member.post(path).type('form').send(`${form}&topicIds=999999`);
    expect(forged.status).toBe(422);
    expect(forged.text).toContain('Ein gewähltes Thema gibt es nicht (mehr).');
    const saved = await member.post(path).type('form').send(`${form}&topicIds=${sprachmittlung?.id}`);
    expect(saved.status).toBe(303);
    expect((await ds.getRepository(PersonTopic).findBy({ personId: person.id })).map((r) => r.topicId)).toEqual([sprachmittlung?.id]);
    const audit = await auditEntriesOf(t, 'person', person.id);
    const last = audit[audit.length - 1];
    expect(audit.filter((a) => a.action === 'consent')).toEqual([]);
    expect(last.action).toBe('self_edit');
    expect(last.parsed.find((c) => c.field === 'topics')?.new).toBe('Sprachmittlung');
    expect((await member.get(path).expect(200)).text).toContain(`value="${sprachmittlung?.id}" checked`);
  });

  it('answers 404 for unknown topics', async () => {
    await admin.get('/admin/themen/999999/umbenennen').expect(404);
    await post('/admin/themen/999999/entfernen', { confirm: 'on' }, 404);
  });
});

describe('Themen und Angebote in the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives demo people and organisations topics, searchable at once ("sprachkurs"), and a forced re-run adds nothing twice', async () => {
    const ds = t.app.get(DataSource);
    const sprachkurs = await ds.getRepository(Topic).findOneByOrFail({ nameKey: 'sprachkurs' });
    const withTopic = await ds.getRepository(PersonTopic).find({ where: { topicId: sprachkurs.id }, relations: { person: true } });
    expect(withTopic.length).toBeGreaterThan(0);
    expect(await ds.getRepository(OrganisationTopic).countBy({ topicId: sprachkurs.id })).toBeGreaterThan(0);
    const admin = request.agent(t.http);
    await login(admin, ADMIN.email, ADMIN.password);
    const found = await admin.get('/suche').query({ q: 'sprachkurs', kind: 'person' }).expect(200);
    expect(withTopic.some((r) => found.text.includes(`href="/personen/${r.personId}"`))).toBe(true);

    const before = await ds.getRepository(PersonTopic).count();
    await t.app.get(SeederService).seed({ demo: true, force: true });
    expect(await ds.getRepository(PersonTopic).count()).toBe(before);
    expect(await ds.getRepository(Topic).countBy({ nameKey: 'sprachkurs' })).toBe(1);
  });
});

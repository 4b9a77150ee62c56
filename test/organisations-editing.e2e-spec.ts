import request from 'supertest';
import { DataSource } from 'typeorm';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, idFromLocation } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

const VALID = {
  name: 'Verein Brücke – Мост e. V.',
  shortName: 'Brücke',
  kind: 'association',
  parentId: '',
  street: 'Mecklenburgstraße 1',
  postalCode: '19053',
  locality: 'Schwerin',
  phone: '0385 545-1263',
  fax: '',
  email: 'Info@Bruecke.Example.org',
  website: 'https://bruecke.example.org',
  description: 'Begegnung und Beratung.',
};

describe('editing organisations', () => {
  let t: TestApp;
  let admin: Agent;
  let member: Agent;
  let cityId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.org@example.org', password: PASSWORD });
    cityId = (await t.app.get(DataSource).getRepository(Organisation).findOneByOrFail({ name: 'Landeshauptstadt Schwerin' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the edit links to administrators only', async () => {
    for (const agent of [request.agent(t.http), member]) {
      expect((await agent.get('/organisationen').expect(200)).text).not.toContain('/organisationen/neu');
      expect((await agent.get(`/organisationen/${cityId}`).expect(200)).text).not.toContain(`/organisationen/${cityId}/bearbeiten`);
    }
    expect((await admin.get('/organisationen').expect(200)).text).toContain('href="/organisationen/neu"');
    const page = (await admin.get(`/organisationen/${cityId}`).expect(200)).text;
    expect(page).toContain(`href="/organisationen/${cityId}/bearbeiten"`);
    expect(page).toContain(`href="/organisationen/${cityId}/entfernen"`);
  });

  it('keeps members and visitors out of the forms (403 / login), also for direct posts', async () => {
    await member.get('/organisationen/neu').expect(403);
    await member.get(`/organisationen/${cityId}/bearbeiten`).expect(403);
    expect((await postForm(member, '/organisationen/neu', VALID)).status).toBe(403);
    expect((await postForm(member, `/organisationen/${cityId}/bearbeiten`, VALID)).status).toBe(403);
    expect((await postForm(member, `/organisationen/${cityId}/entfernen`, { confirm: 'on' })).status).toBe(403);
    const anonymous = await request(t.http).get('/organisationen/neu').expect(302);
    expect(anonymous.headers.location).toBe('/anmelden?next=%2Forganisationen%2Fneu');
    expect(await t.app.get(DataSource).getRepository(Organisation).countBy({ name: VALID.name })).toBe(0);
  });

  it('re-renders bad input with 422, every typed value and a message at each field', async () => {
    const res = await postForm(admin, '/organisationen/neu', { ...VALID, name: '   ', phone: '0385 5', email: 'kein-at', website: 'bruecke.example.org', kind: 'bank' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Fehler: Organisation anlegen');
    expect(res.text).toContain('Bitte geben Sie den Namen der Organisation ein.');
    expect(res.text).toContain('Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein');
    expect(res.text).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(res.text).toContain('beginnend mit https://');
    expect(res.text).toContain('Bitte wählen Sie die Art der Organisation.');
    expect(res.text).toContain('value="0385 5"');
    expect(res.text).toContain('value="kein-at"');
    expect(res.text).toContain('value="Mecklenburgstraße 1"');
    expect(res.text).toContain('Begegnung und Beratung.</textarea>');
    expect(res.text).toMatch(/id="organisation-phone"[^>]*aria-describedby="organisation-phone-hinweis organisation-phone-fehler"[^>]*aria-invalid="true"/);
  });

  it('creates an organisation with a normalised phone number, findable by search, with an audit entry', async () => {
    const res = await postForm(admin, '/organisationen/neu', VALID);
    expect(res.status).toBe(303);
    const id = idFromLocation(res.headers.location, '/organisationen');
    const stored = await t.app.get(DataSource).getRepository(Organisation).findOneByOrFail({ id });
    expect(stored).toMatchObject({ name: VALID.name, phone: '+49 385 5451263', email: 'Info@bruecke.example.org', fax: null, parentId: null });
    const page = await request(t.http).get(`/organisationen/${id}`).expect(200);
    expect(page.text).toContain('Verein Brücke – Мост e. V.');
    expect((await request(t.http).get('/suche?q=Мост').expect(200)).text).toContain(`href="/organisationen/${id}"`);
    const [entry] = await auditEntriesOf(t, 'organisation', id);
    expect(entry).toMatchObject({ action: 'create', actorName: 'verwaltung@example.org', label: VALID.name });
    expect(entry.parsed).toContainEqual({ field: 'phone', label: 'Telefon', old: null, new: '+49 385 5451263' });
  });

  it('updates an organisation, records old → new and keeps search in step', async () => {
    const id = idFromLocation((await postForm(admin, '/organisationen/neu', { ...VALID, name: 'Alter Vereinsname' })).headers.location, '/organisationen');
    const form = await admin.get(`/organisationen/${id}/bearbeiten`).expect(200);
    expect(form.text).toContain('value="Alter Vereinsname"');
    expect(form.text).toContain('value="+49 385 5451263"');
    const res = await postForm(admin, `/organisationen/${id}/bearbeiten`, { ...VALID, name: 'Neuer Vereinsname', parentId: String(cityId), phone: '+49 385 5451263' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/organisationen/${id}`);
    const entries = await auditEntriesOf(t, 'organisation', id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1].parsed).toEqual([
      { field: 'name', label: 'Name', old: 'Alter Vereinsname', new: 'Neuer Vereinsname' },
      { field: 'parent', label: 'Gehört zu', old: null, new: 'Landeshauptstadt Schwerin' },
    ]);
    expect((await request(t.http).get('/suche?q=Vereinsname').expect(200)).text).toContain('Neuer Vereinsname');
    expect((await request(t.http).get('/suche?q=Alter+Vereinsname').expect(200)).text).not.toContain(`href="/organisationen/${id}"`);
    // saving again unchanged writes no audit entry
    await postForm(admin, `/organisationen/${id}/bearbeiten`, { ...VALID, name: 'Neuer Vereinsname', parentId: String(cityId) });
    expect(await auditEntriesOf(t, 'organisation', id)).toHaveLength(2);
  });

  it('refuses a parent that would make a cycle', async () => {
    const parent = idFromLocation((await postForm(admin, '/organisationen/neu', { ...VALID, name: 'Dachverband' })).headers.location, '/organisationen');
    const child = idFromLocation((await postForm(admin, '/organisationen/neu', { ...VALID, name: 'Ortsgruppe', parentId: String(parent) })).headers.location, '/organisationen');
    const res = await postForm(admin, `/organisationen/${parent}/bearbeiten`, { ...VALID, name: 'Dachverband', parentId: String(child) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Eine Organisation kann nicht zu sich selbst oder zu einer ihrer Untergliederungen gehören.');
    const missing = await postForm(admin, `/organisationen/${parent}/bearbeiten`, { ...VALID, name: 'Dachverband', parentId: '99999' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Diese Organisation gibt es nicht (mehr).');
  });

  it('removes softly: needs the tick, then gone from list, page and search, kept in the database', async () => {
    const id = idFromLocation((await postForm(admin, '/organisationen/neu', { ...VALID, name: 'Verschwindeverein' })).headers.location, '/organisationen');
    const unconfirmed = await postForm(admin, `/organisationen/${id}/entfernen`, {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Bitte bestätigen Sie mit dem Häkchen');
    await request(t.http).get(`/organisationen/${id}`).expect(200);
    const res = await postForm(admin, `/organisationen/${id}/entfernen`, { confirm: 'on' });
    expect(res.status).toBe(303);
    await request(t.http).get(`/organisationen/${id}`).expect(404);
    await admin.get(`/organisationen/${id}/bearbeiten`).expect(404);
    expect((await request(t.http).get('/organisationen?page=1').expect(200)).text).not.toContain('Verschwindeverein');
    expect((await request(t.http).get('/suche?q=Verschwindeverein').expect(200)).text).toContain('Keine Treffer');
    const row = await t.app.get(DataSource).getRepository(Organisation).findOne({ where: { id }, withDeleted: true });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect((await auditEntriesOf(t, 'organisation', id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

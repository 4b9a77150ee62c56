import request from 'supertest';
import { DataSource } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SeedContext } from '../seeds/seed-context.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, idFromLocation } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

const BODY = {
  name: 'Runder Tisch Wohnen',
  shortName: 'RT Wohnen',
  code: 'rtw',
  kind: 'round_table',
  description: 'Wohnraum für Geflüchtete.',
  foundedOn: '01.03.2016',
  isPublic: 'on',
  defaultDurationMinutes: '90',
  noticePeriodDays: '10',
};

const MEMBERSHIP = { role: 'member', votingRight: 'on', onBehalfOfId: '', startDate: '', endDate: '', note: '' };

describe('editing bodies and memberships', () => {
  let t: TestApp;
  let admin: Agent;
  let member: Agent;
  let chairA: Agent;
  let chairB: Agent;
  let bodyA: Body;
  let bodyB: Body;
  let cityId: number;
  let personId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    bodyA = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    bodyB = await ds.getRepository(Body).findOneByOrFail({ code: 'RTA' });
    cityId = (await ds.getRepository(Organisation).findOneByOrFail({ name: 'Landeshauptstadt Schwerin' })).id;
    const ids = await t.app.get(DatabaseService).write(async (m) => {
      const ctx = new SeedContext(m);
      const a = await ctx.ensurePerson({ givenName: 'Leyla', familyName: 'Şahin' });
      const b = await ctx.ensurePerson({ givenName: 'Ulrike', familyName: 'Sander' });
      const p = await ctx.ensurePerson({ givenName: 'Дмитрий', familyName: 'Соколов' });
      await ctx.ensureMembership({ bodyId: bodyA.id, personId: a.id, role: 'deputy_chair', startDate: '2021-03-01' });
      await ctx.ensureMembership({ bodyId: bodyB.id, personId: b.id, role: 'chair', startDate: '2016-03-01' });
      return { a: a.id, b: b.id, p: p.id };
    });
    personId = ids.p;
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.gremien@example.org', password: PASSWORD });
    chairA = await loggedInAgent(t, { email: 'vorsitz.a@example.org', password: PASSWORD, personId: ids.a });
    chairB = await loggedInAgent(t, { email: 'vorsitz.b@example.org', password: PASSWORD, personId: ids.b });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('bodies (administrators)', () => {
    it('creates a body with German dates and the code upper-cased; members get 403', async () => {
      await member.get('/gremien/neu').expect(403);
      expect((await postForm(member, '/gremien/neu', BODY)).status).toBe(403);
      expect((await request(t.http).get('/gremien/neu').expect(302)).headers.location).toBe('/anmelden?next=%2Fgremien%2Fneu');
      expect((await member.get('/gremien').expect(200)).text).not.toContain('/gremien/neu');
      expect((await admin.get('/gremien').expect(200)).text).toContain('href="/gremien/neu"');

      const res = await postForm(admin, '/gremien/neu', BODY);
      expect(res.status).toBe(303);
      const id = idFromLocation(res.headers.location, '/gremien');
      const stored = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ id });
      expect(stored).toMatchObject({ code: 'RTW', foundedOn: '2016-03-01', foundedYearOnly: false, isPublic: true, defaultDurationMinutes: 90, noticePeriodDays: 10 });
      expect((await request(t.http).get(`/gremien/${id}`).expect(200)).text).toContain('1. März 2016');
      expect((await request(t.http).get('/suche?q=Wohnen').expect(200)).text).toContain(`href="/gremien/${id}"`);
      expect((await auditEntriesOf(t, 'body', id))[0]).toMatchObject({ action: 'create', label: 'Runder Tisch Wohnen' });
    });

    it.each([
      [{ foundedOn: '31.02.2016' }, 'Bitte geben Sie ein gültiges Datum (TT.MM.JJJJ) oder nur das Jahr (JJJJ) ein.', 'value="31.02.2016"'],
      [{ code: 'BB' }, 'Das Kürzel BB hat schon das Gremium „Begleitbeirat für die Umsetzung des Integrationskonzeptes“.', 'value="BB"'],
      [{ code: 'B B' }, 'Das Kürzel besteht aus 2 bis 10 Buchstaben oder Ziffern', 'value="B B"'],
      [{ defaultDurationMinutes: 'zwei Stunden' }, 'Bitte geben Sie die Dauer als ganze Zahl von Minuten ein', 'value="zwei Stunden"'],
      [{ noticePeriodDays: '99' }, 'Die Einladungsfrist darf höchstens 90 Tage betragen.', 'value="99"'],
      [{ name: '', kind: '' }, 'Bitte geben Sie den Namen des Gremiums ein.', 'Wohnraum für Geflüchtete.</textarea>'],
    ])('rejects %j with 422 and keeps what was typed', async (change, message, kept) => {
      const res = await postForm(admin, '/gremien/neu', { ...BODY, code: 'NEU1', ...change });
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain(kept);
    });

    it('accepts a year alone for the founding date and edits with old → new', async () => {
      const id = idFromLocation((await postForm(admin, '/gremien/neu', { ...BODY, code: 'JAHR', name: 'Jahresgremium', foundedOn: '2003' })).headers.location, '/gremien');
      expect(await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ id })).toMatchObject({ foundedOn: '2003-01-01', foundedYearOnly: true });
      const form = (await admin.get(`/gremien/${id}/bearbeiten`).expect(200)).text;
      expect(form).toContain('value="2003"');
      await postForm(admin, `/gremien/${id}/bearbeiten`, { ...BODY, code: 'JAHR', name: 'Jahresgremium', foundedOn: '2004', isPublic: '' }).then((r) => expect(r.status).toBe(303));
      const [, update] = await auditEntriesOf(t, 'body', id);
      expect(update.parsed).toEqual([
        { field: 'founded', label: 'Gegründet', old: '2003', new: '2004' },
        { field: 'isPublic', label: 'Öffentlich', old: 'ja', new: 'nein' },
      ]);
      // now internal: hidden from visitors
      await request(t.http).get(`/gremien/${id}`).expect(404);
      await member.get(`/gremien/${id}`).expect(200);
    });

    it('removes a body softly: gone from list, page, search and vCard', async () => {
      const id = idFromLocation((await postForm(admin, '/gremien/neu', { ...BODY, code: 'WEG', name: 'Verschwundener Kreis' })).headers.location, '/gremien');
      await t.app.get(DatabaseService).write((m) => m.getRepository(Membership).save({ bodyId: id, personId, role: 'member' }));
      await request(t.http).get(`/gremien/${id}/vcard`).expect(200);
      expect((await postForm(chairA, `/gremien/${id}/entfernen`, { confirm: 'on' })).status).toBe(403);
      expect((await postForm(admin, `/gremien/${id}/entfernen`, {})).status).toBe(422);
      expect((await postForm(admin, `/gremien/${id}/entfernen`, { confirm: 'on' })).status).toBe(303);
      await request(t.http).get(`/gremien/${id}`).expect(404);
      await request(t.http).get(`/gremien/${id}/vcard`).expect(404);
      expect((await request(t.http).get('/gremien').expect(200)).text).not.toContain('Verschwundener Kreis');
      expect((await request(t.http).get('/suche?q=Verschwundener').expect(200)).text).toContain('Keine Treffer');
      expect((await t.app.get(DataSource).getRepository(Body).findOneOrFail({ where: { id }, withDeleted: true })).deletedAt).toBeInstanceOf(Date);
    });
  });

  describe('memberships (administrators and the officers of that body)', () => {
    it('shows manage links to the officers of that body and administrators only', async () => {
      const pageFor = async (agent: Agent, body: Body): Promise<string> => (await agent.get(`/gremien/${body.id}`).expect(200)).text;
      expect(await pageFor(chairA, bodyA)).toContain(`href="/gremien/${bodyA.id}/mitgliedschaften/neu"`);
      expect(await pageFor(chairA, bodyA)).toMatch(new RegExp(`href="/gremien/${bodyA.id}/mitgliedschaften/\\d+/bearbeiten"`));
      expect(await pageFor(chairA, bodyB)).not.toContain('/mitgliedschaften/');
      expect(await pageFor(chairB, bodyA)).not.toContain('/mitgliedschaften/');
      expect(await pageFor(member, bodyA)).not.toContain('/mitgliedschaften/');
      expect(await pageFor(admin, bodyB)).toContain(`href="/gremien/${bodyB.id}/mitgliedschaften/neu"`);
      // editing the body itself stays with administrators
      expect(await pageFor(chairA, bodyA)).not.toContain(`/gremien/${bodyA.id}/bearbeiten`);
    });

    it('lets the chair of body A add a member with German dates; B’s chair and members get 403', async () => {
      const fields = { ...MEMBERSHIP, personId: String(personId), onBehalfOfId: String(cityId), startDate: '01.04.2024', note: 'Vertretung der Stadt' };
      expect((await postForm(chairB, `/gremien/${bodyA.id}/mitgliedschaften/neu`, fields)).status).toBe(403);
      expect((await postForm(member, `/gremien/${bodyA.id}/mitgliedschaften/neu`, fields)).status).toBe(403);
      await chairB.get(`/gremien/${bodyA.id}/mitgliedschaften/neu`).expect(403);
      const anonymous = await request(t.http).get(`/gremien/${bodyA.id}/mitgliedschaften/neu`).expect(302);
      expect(anonymous.headers.location).toBe(`/anmelden?next=%2Fgremien%2F${bodyA.id}%2Fmitgliedschaften%2Fneu`);
      expect(await t.app.get(DataSource).getRepository(Membership).countBy({ bodyId: bodyA.id, personId })).toBe(0);

      const form = (await chairA.get(`/gremien/${bodyA.id}/mitgliedschaften/neu`).expect(200)).text;
      expect(form).toContain(`<option value="${personId}">Соколов, Дмитрий</option>`);
      const res = await postForm(chairA, `/gremien/${bodyA.id}/mitgliedschaften/neu`, fields);
      expect(res.status).toBe(303);
      const m = await t.app.get(DataSource).getRepository(Membership).findOneByOrFail({ bodyId: bodyA.id, personId });
      expect(m).toMatchObject({ role: 'member', votingRight: true, onBehalfOfId: cityId, startDate: '2024-04-01', endDate: null, note: 'Vertretung der Stadt' });
      const [entry] = await auditEntriesOf(t, 'membership', m.id);
      expect(entry).toMatchObject({ action: 'create', actorName: 'Leyla Şahin', label: 'Дмитрий Соколов – Begleitbeirat für die Umsetzung des Integrationskonzeptes', subjectPersonId: personId });
      expect(entry.parsed).toContainEqual({ field: 'startDate', label: 'Beginn', old: null, new: '01.04.2024' });
      const page = (await request(t.http).get(`/gremien/${bodyA.id}`).expect(200)).text;
      expect(page).toContain('Дмитрий Соколов');
    });

    it('rejects impossible dates and an end before the start (422, values kept)', async () => {
      const fields = { ...MEMBERSHIP, personId: String(personId) };
      const impossible = await postForm(chairA, `/gremien/${bodyA.id}/mitgliedschaften/neu`, { ...fields, startDate: '31.02.2026' });
      expect(impossible.status).toBe(422);
      expect(impossible.text).toContain('Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein');
      expect(impossible.text).toContain('value="31.02.2026"');
      const order = await postForm(chairA, `/gremien/${bodyA.id}/mitgliedschaften/neu`, { ...fields, startDate: '01.05.2024', endDate: '30.04.2024', role: 'guest' });
      expect(order.status).toBe(422);
      expect(order.text).toContain('Das Ende darf nicht vor dem Beginn liegen.');
      expect(order.text).toMatch(/<option value="guest" selected>/);
      const noPerson = await postForm(chairA, `/gremien/${bodyA.id}/mitgliedschaften/neu`, { ...fields, personId: '' });
      expect(noPerson.status).toBe(422);
      expect(noPerson.text).toContain('Bitte wählen Sie eine Person aus der Liste.');
    });

    it('edits and ends a membership, keeping it as history; B’s chair cannot touch it', async () => {
      const m = await t.app.get(DataSource).getRepository(Membership).findOneByOrFail({ bodyId: bodyA.id, personId });
      const base = `/gremien/${bodyA.id}/mitgliedschaften/${m.id}`;
      await chairB.get(`${base}/bearbeiten`).expect(403);
      expect((await postForm(chairB, `${base}/beenden`, { endDate: '31.12.2025' })).status).toBe(403);
      // a membership id of another body is not found under this one
      await chairB.get(`/gremien/${bodyB.id}/mitgliedschaften/${m.id}/bearbeiten`).expect(404);

      const edit = await postForm(chairA, `${base}/bearbeiten`, { ...MEMBERSHIP, role: 'deputy_member', votingRight: '', onBehalfOfId: String(cityId), startDate: '2024-04-01', note: 'Vertretung der Stadt' });
      expect(edit.status).toBe(303);
      const endForm = (await chairA.get(`${base}/beenden`).expect(200)).text;
      expect(endForm).toMatch(/value="\d{2}\.\d{2}\.\d{4}"/);
      const bad = await postForm(chairA, `${base}/beenden`, { endDate: '31.03.2024' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('Das Ende darf nicht vor dem Beginn liegen.');
      expect((await postForm(chairA, `${base}/beenden`, { endDate: '31.12.2025' })).status).toBe(303);

      const stored = await t.app.get(DataSource).getRepository(Membership).findOneByOrFail({ id: m.id });
      expect(stored).toMatchObject({ role: 'deputy_member', votingRight: false, endDate: '2025-12-31' });
      const entries = await auditEntriesOf(t, 'membership', m.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
      expect(entries[1].parsed).toEqual([
        { field: 'role', label: 'Rolle', old: 'Mitglied', new: 'Stellvertretendes Mitglied' },
        { field: 'votingRight', label: 'Stimmrecht', old: 'ja', new: 'nein' },
      ]);
      expect(entries[2].parsed).toEqual([{ field: 'endDate', label: 'Ende', old: null, new: '31.12.2025' }]);
      const page = (await request(t.http).get(`/gremien/${bodyA.id}`).expect(200)).text;
      const former = page.slice(page.indexOf('Ehemalige Mitglieder'));
      expect(former).toContain('Дмитрий Соколов');
      expect(former).toContain('1. April 2024 – 31. Dezember 2025');
    });

    it('lets administrators manage any body', async () => {
      const res = await postForm(admin, `/gremien/${bodyB.id}/mitgliedschaften/neu`, { ...MEMBERSHIP, personId: String(personId), role: 'guest', votingRight: '' });
      expect(res.status).toBe(303);
      expect(await t.app.get(DataSource).getRepository(Membership).countBy({ bodyId: bodyB.id, personId, role: 'guest' })).toBe(1);
      await admin.get('/gremien/99999/mitgliedschaften/neu').expect(404);
    });

    it('takes the right away when the chair’s own membership ends', async () => {
      const chairPerson = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ familyName: 'Sander' });
      await t.app.get(DatabaseService).write((m) => m.getRepository(Membership).update({ personId: chairPerson.id, bodyId: bodyB.id }, { endDate: '2020-01-01' }));
      await chairB.get(`/gremien/${bodyB.id}/mitgliedschaften/neu`).expect(403);
    });
  });
});

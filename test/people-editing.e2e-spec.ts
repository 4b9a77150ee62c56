import request from 'supertest';
import { DataSource } from 'typeorm';
import { Membership } from '../src/bodies/membership.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, html, idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

describe('editing people', () => {
  let t: TestApp;
  let admin: Agent;
  let member: Agent;
  let officeId: number;
  let avramenkoId: number;

  async function create(fields: Record<string, string>): Promise<number> {
    const res = await postForm(admin, '/personen/neu', personForm(fields));
    if (res.status !== 303) throw new Error(`create failed: ${res.status} ${res.text.slice(0, 2000)}`);
    return idFromLocation(res.headers.location, '/personen');
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.personen@example.org', password: PASSWORD });
    const ds = t.app.get(DataSource);
    officeId = (await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' })).id;
    avramenkoId = (await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows edit links to administrators only', async () => {
    for (const agent of [request.agent(t.http), member]) {
      expect((await agent.get('/personen').expect(200)).text).not.toContain('/personen/neu');
      expect((await agent.get(`/personen/${avramenkoId}`).expect(200)).text).not.toContain(`/personen/${avramenkoId}/bearbeiten`);
    }
    expect((await admin.get('/personen').expect(200)).text).toContain('href="/personen/neu"');
    const page = (await admin.get(`/personen/${avramenkoId}`).expect(200)).text;
    for (const path of ['bearbeiten', 'einwilligung', 'datenschutz', 'entfernen']) expect(page).toContain(`href="/personen/${avramenkoId}/${path}"`);
  });

  it('keeps members out (403 for pages and direct posts) and sends visitors to the login', async () => {
    await member.get('/personen/neu').expect(403);
    await member.get(`/personen/${avramenkoId}/bearbeiten`).expect(403);
    expect((await postForm(member, '/personen/neu', personForm({ familyName: 'Eindringling' }))).status).toBe(403);
    expect((await postForm(member, `/personen/${avramenkoId}/bearbeiten`, personForm({ familyName: 'Eindringling' }))).status).toBe(403);
    expect((await postForm(member, `/personen/${avramenkoId}/entfernen`, { confirm: 'on' })).status).toBe(403);
    const anonymous = await request(t.http).get(`/personen/${avramenkoId}/bearbeiten`).expect(302);
    expect(anonymous.headers.location).toBe(`/anmelden?next=%2Fpersonen%2F${avramenkoId}%2Fbearbeiten`);
    expect(await t.app.get(DataSource).getRepository(Person).countBy({ familyName: 'Eindringling' })).toBe(0);
    expect((await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: avramenkoId })).familyName).toBe('Avramenko');
  });

  it('creates a person with several phones in one international format, e-mails and languages', async () => {
    const id = await create({
      formOfAddress: 'Frau',
      academicTitle: 'Dr.',
      givenName: 'Олена',
      familyName: 'Коваленко',
      functionTitle: 'Sprachmittlerin',
      organisationId: String(officeId),
      room: '2.14',
      phoneKind1: 'work',
      phone1: '0385 545-1263',
      phoneKind2: 'mobile',
      phone2: '+380 44 123 4567',
      phoneKind3: 'fax',
      phone3: '(0385) 545 1269',
      email1: 'Olena.Kovalenko@Example.ORG',
      email2: 'olena@example.org',
      languages: 'Ukrainisch, ru; Deutsch',
      profile: '## Aufgaben\n- Sprachmittlung',
      phoneVisibility: 'public',
    });
    const person = await t.app.get(DataSource).getRepository(Person).findOneOrFail({ where: { id }, relations: { phones: true, emails: true, languages: true } });
    expect(person).toMatchObject({ givenName: 'Олена', familyName: 'Коваленко', sortKey: 'коваленко олена', room: '2.14', organisationId: officeId });
    expect([...person.phones].sort((a, b) => a.position - b.position).map((p) => [p.kind, p.number])).toEqual([
      ['work', '+49 385 5451263'],
      ['mobile', '+380 44 123 4567'],
      ['fax', '+49 385 5451269'],
    ]);
    expect(person.emails.map((e) => e.email).sort()).toEqual(['Olena.Kovalenko@example.org', 'olena@example.org']);
    expect(person.languages.map((l) => l.code).sort()).toEqual(['de', 'ru', 'uk']);

    const page = (await member.get(`/personen/${id}`).expect(200)).text;
    expect(page).toContain('Frau Dr. Олена Коваленко');
    expect(page).toContain('+380 44 123 4567');
    expect(page).toContain('Deutsch, Russisch, Ukrainisch');
    // public phones, but no consent yet: the public sees nothing
    expect((await request(t.http).get(`/personen/${id}`).expect(200)).text).not.toContain('+49 385 5451263');
    expect((await request(t.http).get('/personen?q=Коваленко').expect(200)).text).toContain(`href="/personen/${id}"`);
    const [entry] = await auditEntriesOf(t, 'person', id);
    expect(entry.action).toBe('create');
    expect(entry.parsed).toContainEqual({ field: 'phones', label: 'Telefonnummern', old: null, new: 'Telefon +49 385 5451263; Mobil +380 44 123 4567; Fax +49 385 5451269' });
  });

  it('re-renders bad input with 422, keeping everything typed, and a German message per field', async () => {
    const res = await postForm(
      admin,
      '/personen/neu',
      personForm({
        givenName: 'يوسف',
        familyName: '   ',
        phone1: '0385 5',
        phone2: '0171 1234567',
        email1: 'kein-at-zeichen',
        languages: 'Arabisch, Klingonisch',
        profile: 'Zeile 1\n- Punkt <b>fett</b>',
        organisationId: '99999999',
        phoneVisibility: 'niemand',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Fehler: Person anlegen');
    expect(res.text).toContain('Bitte geben Sie den Nachnamen ein.');
    expect(res.text).toContain('Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein');
    expect(res.text).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(res.text).toContain('Die Sprache „Klingonisch“ kennt das Verzeichnis nicht.');
    expect(res.text).toContain('Bitte wählen Sie, für wen diese Angaben sichtbar sind.');
    expect(res.text).toContain('value="يوسف"');
    expect(res.text).toContain('value="0385 5"');
    expect(res.text).toContain('value="0171 1234567"');
    expect(res.text).toContain('value="kein-at-zeichen"');
    expect(res.text).toContain('value="Arabisch, Klingonisch"');
    expect(res.text).toContain(`${html('Zeile 1\n- Punkt <b>fett</b>')}</textarea>`);
    expect(res.text).toMatch(/id="person-phone1"[^>]*aria-describedby="person-phone1-hinweis person-phone1-fehler"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('<a href="#person-email1">');
    // an organisation that does not exist is found by the service after validation
    const org = await postForm(admin, '/personen/neu', personForm({ familyName: 'Ohne Organisation', organisationId: '99999999' }));
    expect(org.status).toBe(422);
    expect(org.text).toContain('Diese Organisation gibt es nicht (mehr).');
    expect(await t.app.get(DataSource).getRepository(Person).countBy({ familyName: 'Ohne Organisation' })).toBe(0);
  });

  it('updates a person: form prefilled, audit with old → new, search in step', async () => {
    const id = await create({ givenName: 'Thị Lan', familyName: 'Nguyễn', phone1: '0385 111 2222', email1: 'lan@example.org', languages: 'vi' });
    const form = (await admin.get(`/personen/${id}/bearbeiten`).expect(200)).text;
    expect(form).toContain('value="Nguyễn"');
    expect(form).toContain('value="+49 385 1112222"');
    expect(form).toContain('value="Vietnamesisch"');
    const res = await postForm(admin, `/personen/${id}/bearbeiten`, personForm({ givenName: 'Thị Lan', familyName: 'Trần', phone1: '+49 385 1112222', phone2: '0171 7654321', phoneKind2: 'mobile', email1: 'lan@example.org', languages: 'Vietnamesisch, Deutsch' }));
    expect(res.status).toBe(303);
    const entries = await auditEntriesOf(t, 'person', id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1].parsed).toEqual([
      { field: 'familyName', label: 'Nachname', old: 'Nguyễn', new: 'Trần' },
      { field: 'phones', label: 'Telefonnummern', old: 'Telefon +49 385 1112222', new: 'Telefon +49 385 1112222; Mobil +49 171 7654321' },
      { field: 'languages', label: 'Sprachen', old: 'Vietnamesisch', new: 'Deutsch, Vietnamesisch' },
    ]);
    expect(entries[1].actorName).toBe('verwaltung@example.org');
    expect((await request(t.http).get('/personen?q=Tran').expect(200)).text).toContain(`href="/personen/${id}"`);
    expect((await request(t.http).get('/personen?q=Nguyen+Thi').expect(200)).text).not.toContain(`href="/personen/${id}"`);
  });

  it('removes a person softly: gone from pages, search and vCards; memberships end today and stay as history', async () => {
    const id = await create({ givenName: 'Rahel', familyName: 'Weggang', email1: 'rahel@example.org', emailVisibility: 'members' });
    const board = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ code: 'BB' });
    const membershipId = await t.app.get(DatabaseService).write(async (m) => (await m.getRepository(Membership).save({ bodyId: board.id, personId: id, role: 'member', votingRight: true, startDate: '2020-01-01' })).id);
    expect((await member.get(`/gremien/${board.id}/vcard`).expect(200)).text).toContain('rahel@example.org');

    const unconfirmed = await postForm(admin, `/personen/${id}/entfernen`, {});
    expect(unconfirmed.status).toBe(422);
    const res = await postForm(admin, `/personen/${id}/entfernen`, { confirm: 'on' });
    expect(res.status).toBe(303);
    await member.get(`/personen/${id}`).expect(404);
    await member.get(`/personen/${id}/vcard`).expect(404);
    expect((await member.get('/personen?q=Weggang').expect(200)).text).toContain('Keine Personen gefunden');
    expect((await member.get('/suche?q=Weggang').expect(200)).text).toContain('Keine Treffer');
    expect((await member.get(`/gremien/${board.id}/vcard`).expect(200)).text).not.toContain('rahel@example.org');
    const membership = await t.app.get(DataSource).getRepository(Membership).findOneByOrFail({ id: membershipId });
    expect(membership.endDate).toBe(todayInBerlin());
    const bodyPage = (await member.get(`/gremien/${board.id}`).expect(200)).text;
    const former = bodyPage.slice(bodyPage.indexOf('Ehemalige Mitglieder'));
    expect(former).toContain('<th scope="row">Rahel Weggang</th>');
    expect(bodyPage).not.toContain(`href="/personen/${id}"`);
    expect((await auditEntriesOf(t, 'membership', membershipId)).map((e) => e.action)).toEqual(['update']);
    expect((await auditEntriesOf(t, 'person', id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

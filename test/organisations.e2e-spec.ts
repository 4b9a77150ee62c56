import request from 'supertest';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('organisations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists organisations and filters by kind', async () => {
    const all = await request(t.http).get('/organisationen').expect(200);
    expect(all.text).toContain('Landeshauptstadt Schwerin');
    const ngos = await request(t.http).get('/organisationen?kind=ngo').expect(200);
    expect(ngos.text).not.toContain('Landeshauptstadt Schwerin');
    expect(ngos.text).toContain('Keine Organisationen gefunden');
  });

  it.each(['?page=-1', '?page=abc', '?page=99999999999', '?kind=%27%20OR%201=1', '?kind[]=x&page[]=2'])('survives bad query %s', async (qs) => {
    const res = await request(t.http).get(`/organisationen${qs}`).expect(200);
    expect(res.text).toContain('Organisationen');
  });

  it('shows the Fachstelle Integration with address, parent, sub-organisation, people and bodies', async () => {
    const list = await request(t.http).get('/organisationen').expect(200);
    const id = /href="\/organisationen\/(\d+)">Fachstelle Integration</.exec(list.text)?.[1];
    expect(id).toBeDefined();
    const res = await request(t.http).get(`/organisationen/${id}`).expect(200);
    expect(res.text).toContain('Am Packhof 2-6');
    expect(res.text).toContain('19053 Schwerin');
    expect(res.text).toContain('Teil von <a href="/organisationen/');
    expect(res.text).toContain('Servicestelle Integration');
    expect(res.text).toContain('Dimitri Avramenko');
  });

  it('shows the bodies the city is represented in and by whom', async () => {
    const list = await request(t.http).get('/organisationen').expect(200);
    const id = /href="\/organisationen\/(\d+)">Landeshauptstadt Schwerin</.exec(list.text)?.[1];
    const res = await request(t.http).get(`/organisationen/${id}`).expect(200);
    expect(res.text).toContain('Runder Tisch Asyl');
    expect(res.text).toContain('Vorsitz');
  });
});

describe('organisations and internal bodies', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not reveal internal bodies an organisation sits on to anonymous visitors', async () => {
    const db = t.app.get(DatabaseService);
    const orgId = await db.write(async (m) => {
      const org = await m.getRepository(Organisation).save({ name: 'Verein Intern Test', kind: 'association' });
      const person = await m.getRepository(Person).save({ givenName: 'Ina', familyName: 'Intern', sortKey: 'intern ina', organisationId: org.id });
      const secret = await m.getRepository(Body).save({ name: 'Geheime Arbeitsgruppe', code: 'GAG', kind: 'working_group', isPublic: false });
      const open = await m.getRepository(Body).save({ name: 'Offene Runde', code: 'OFR', kind: 'round_table', isPublic: true });
      for (const body of [secret, open]) {
        await m.getRepository(Membership).save({ bodyId: body.id, personId: person.id, role: 'member', onBehalfOfId: org.id });
      }
      return org.id;
    });
    const res = await request(t.http).get(`/organisationen/${orgId}`).expect(200);
    expect(res.text).toContain('Offene Runde');
    expect(res.text).not.toContain('Geheime Arbeitsgruppe');
  });
});

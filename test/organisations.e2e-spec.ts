import request from 'supertest';
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

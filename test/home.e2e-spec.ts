import request from 'supertest';
import { DataSource } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { STRUCTURE_BODY_CODES } from '../seeds/schwerin-structure.seed.js';

describe('start page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DatabaseService).write(async (manager) => {
      await manager.getRepository(Body).save([
        { name: 'Geheimer Steuerungskreis', code: 'GSK', kind: 'other', isPublic: false },
        { name: 'Öffentliche Arbeitsgruppe Sprachmittlung', code: 'AGS', kind: 'working_group', isPublic: true, foundedOn: '2021-06-15' },
      ]);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the search box, labelled, sending to /suche', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.text).toMatch(/<form class="filters" role="search" method="get" action="\/suche">/);
    expect(res.text).toContain('<label for="home-search-q">Wen suchen Sie?</label>');
    expect(res.text).toMatch(/<input id="home-search-q" type="search" name="q"/);
    expect(res.text.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('shows the public bodies as cards with kind, member count and founding', async () => {
    const res = await request(t.http).get('/').expect(200);
    for (const name of [
      'Netzwerk Migration',
      'Begleitbeirat für die Umsetzung des Integrationskonzeptes',
      'Runder Tisch Asyl',
      'Aktionsbündnis für ein friedliches und weltoffenes Schwerin',
      'Konferenz der kommunalen Integrationsbeauftragten im Land M-V',
      'Öffentliche Arbeitsgruppe Sprachmittlung',
    ]) {
      expect(res.text).toMatch(new RegExp(`<h3><a href="/gremien/\\d+">${name}</a></h3>`));
    }
    const network = res.text.slice(res.text.search(/href="\/gremien\/\d+">Netzwerk Migration</)).slice(0, 300);
    expect(network).toContain('<span class="badge">Netzwerk</span> · 1 Mitglied');
    expect(network).toContain('gegründet 2003');
    const group = res.text.slice(res.text.indexOf('Öffentliche Arbeitsgruppe Sprachmittlung')).slice(0, 300);
    expect(group).toContain('Arbeitsgruppe</span> · keine Mitglieder');
    expect(group).toContain('gegründet am 15. Juni 2021');
    expect(res.text).toContain('<a href="/gremien">Alle Gremien im Überblick</a>');
  });

  it('counts people, organisations and the bodies the visitor may see', async () => {
    const res = await request(t.http).get('/').expect(200);
    const counts = /(\d+) Personen · (\d+) Organisationen · (\d+) Gremien/.exec(res.text);
    expect(counts).not.toBeNull();
    const [people, organisations, bodies] = (counts ?? []).slice(1).map(Number);
    const ds = t.app.get(DataSource);
    expect(people).toBe(await ds.getRepository(Person).count());
    expect(organisations).toBe(await ds.getRepository(Organisation).count());
    expect(people).toBeGreaterThan(0);
    // Five seeded bodies, the seeded network structure and the public one created here; the internal one is not counted.
    expect(bodies).toBe(6 + STRUCTURE_BODY_CODES.length);
  });

  it('never shows an internal body to anonymous visitors', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.text).not.toContain('Geheimer Steuerungskreis');
  });

  it.each(['?q=%00', '?page=-5', '?x[]=1&x[]=2'])('ignores bad query %s', async (qs) => {
    const res = await request(t.http).get(`/${qs}`).expect(200);
    expect(res.text).toContain('Runder Tisch Asyl');
  });
});

import { ANONYMOUS, type Viewer } from '../../src/auth/viewer.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { Organisation } from '../../src/organisations/organisation.entity.js';
import { OrganisationsModule } from '../../src/organisations/organisations.module.js';
import { SearchIndexer } from '../../src/search/search-indexer.js';
import { SearchModule } from '../../src/search/search.module.js';
import { SearchService } from '../../src/search/search.service.js';
import { createTestModule, type TestModule } from '../helpers/test-module.js';

const MEMBER: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };

/** The search over the seeded index, on the engine's own full-text search (FTS5 or tsvector). */
describe('SearchService on the seeded database', () => {
  let t: TestModule;
  let search: SearchService;

  beforeAll(async () => {
    // Organisations registers the search document source of its records (search knows no domain).
    t = await createTestModule([SearchModule, OrganisationsModule]);
    search = t.module.get(SearchService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the seeded Integrationsbeauftragter by a name prefix, whatever the case, whole names first', async () => {
    for (const query of ['Avramenko', 'avram', 'DIMITRI']) {
      const { hits } = await search.search(query, ANONYMOUS);
      expect(hits[0]).toMatchObject({ kind: 'person', title: expect.stringContaining('Avramenko') as unknown });
    }
    expect((await search.search('Avramenko', ANONYMOUS)).hits[0].exactness).toBe(0);
    expect((await search.search('avram', ANONYMOUS)).hits[0].exactness).toBe(1);
  });

  it('finds an organisation once it is indexed in the transaction that wrote it, ignoring accents', async () => {
    expect((await search.search('Gemeindezentrum', MEMBER)).total).toBe(0);
    await t.module.get(DatabaseService).write(async (m) => {
      const created = await m.getRepository(Organisation).save({ name: 'Gemeindezentrum Lankow-Süd', kind: 'other' });
      await t.module.get(SearchIndexer).reindex(m, 'organisation', created.id);
    });
    for (const query of ['gemeindezentrum', 'Lankow Sud', 'lankow-süd']) {
      const { hits } = await search.search(query, MEMBER);
      expect(hits.map((h) => h.title)).toContain('Gemeindezentrum Lankow-Süd');
    }
  });

  it('finds nothing for a query without words', async () => {
    expect(await search.search('  ,;  ', ANONYMOUS)).toEqual({ hits: [], total: 0 });
  });
});

import request from 'supertest';
import { ANONYMOUS } from '../src/auth/viewer.js';
import { SearchDocument } from '../src/search/search-document.entity.js';
import { CANDIDATE_WINDOW } from '../src/search/search-engines.js';
import { SearchService } from '../src/search/search.service.js';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** A name far more common than the candidate window: the search stays bounded and keeps its order. */
describe('search over a very common name', () => {
  let t: TestApp;
  const common = CANDIDATE_WINDOW + 500;

  beforeAll(async () => {
    t = await createTestApp();
    const rows: Partial<SearchDocument>[] = [];
    for (let i = 1; i <= common; i++) {
      rows.push({ kind: 'person', refId: 100_000 + i, title: `Anna Quellberg ${i}`, subtitle: null, nameFolded: `anna quellberg ${i} quellberg anna ${i} quellberg`, contentFolded: 'beraterin' });
    }
    rows.push({ kind: 'person', refId: 200_000, title: 'Jörg Quellbergmann', subtitle: null, nameFolded: 'jorg quellbergmann quellbergmann jorg quellbergmann', contentFolded: 'beraterin' });
    rows.push({ kind: 'person', refId: 200_001, title: 'Olga Weiß', subtitle: null, nameFolded: 'olga weiss olga weis', contentFolded: 'quellberg verein' });
    // Words inside compounds only (the fourth tier); the short name would rank first by bm25.
    rows.push({ kind: 'organisation', refId: 300_001, title: 'Stadtteilzentrum Quirlmoosinitiative Nord', subtitle: null, nameFolded: 'stadtteilzentrum quirlmoosinitiative nord', contentFolded: 'verein fur quirlmoosinitiativen und quirlmoospflege' });
    rows.push({ kind: 'organisation', refId: 300_002, title: 'Quirlmoosverein', subtitle: null, nameFolded: 'quirlmoosverein', contentFolded: '' });
    rows.push({ kind: 'organisation', refId: 300_003, title: 'Freundeskreis Altquirlmoos', subtitle: null, nameFolded: 'freundeskreis altquirlmoos', contentFolded: 'altquirlmoos' });
    for (let i = 0; i < rows.length; i += 300) await t.app.get(DatabaseService).write((m) => m.getRepository(SearchDocument).insert(rows.slice(i, i + 300)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns the most hits a person pages through, all of them exact name matches', async () => {
    const result = await t.app.get(SearchService).search('Quellberg', ANONYMOUS);
    expect(result.total).toBe(300);
    expect(result.hits.every((h) => h.exactness === 0 && /^Anna Quellberg \d+$/.test(h.title))).toBe(true);
  });

  it('still finds names that only start with the word, and text matches, when asked for them', async () => {
    const prefix = await t.app.get(SearchService).search('Quellbergm', ANONYMOUS);
    expect(prefix.hits.map((h) => h.title)).toEqual(['Jörg Quellbergmann']);
    const text = await t.app.get(SearchService).search('quellberg verein', ANONYMOUS);
    expect(text.hits.map((h) => h.title)).toEqual(['Olga Weiß']);
  });

  it('lists words found inside compounds alphabetically on both engines (not scored), after the word tiers', async () => {
    const search = t.app.get(SearchService);
    const inside = await search.search('irlmoos', ANONYMOUS);
    expect(inside.hits.map((h) => [h.title, h.exactness])).toEqual([
      ['Freundeskreis Altquirlmoos', 3],
      ['Quirlmoosverein', 3],
      ['Stadtteilzentrum Quirlmoosinitiative Nord', 3],
    ]);
    // A whole word comes first; the documents found by it are not listed again further down.
    const mixed = await search.search('altquirlmoos', ANONYMOUS);
    expect(mixed.hits.map((h) => [h.title, h.exactness])).toEqual([['Freundeskreis Altquirlmoos', 0]]);
  });

  it('pages through them on the result page', async () => {
    const page = await request(t.http).get('/suche?q=Quellberg&page=12').expect(200);
    expect(page.text).toContain('Anna Quellberg');
    expect(page.text).toContain('300');
  });
});

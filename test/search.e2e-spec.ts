import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_BODY_CODES, DEMO_PEOPLE } from '../seeds/demo.seed.js';
import { ANONYMOUS, type Viewer } from '../src/auth/viewer.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonPhone } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';
import type { SearchKind } from '../src/search/search-document.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchService, type SearchResult } from '../src/search/search.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const MEMBER: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };
const INTERNAL_BODY = 'Arbeitsgruppe Sprache und Bildung';
const name = (who: { givenName: string; familyName: string }) => `${who.givenName} ${who.familyName}`;

/** The result titles of a search page, in order. */
function pageTitles(html: string): string[] {
  return [...html.matchAll(/<li><span class="result-kind">[^<]*<\/span><br><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => decodeEntities(m[1]));
}

/** Control characters (other than tab and line breaks) and direction overrides in a text, as code points. */
function controlOrBidi(text: string): number[] {
  return Array.from(text)
    .map((c) => c.codePointAt(0) ?? 0)
    .filter((n) => (n < 0x20 && ![0x09, 0x0a, 0x0d].includes(n)) || n === 0x7f || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069));
}

function decodeEntities(s: string): string {
  return s.replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
}

describe('search', () => {
  let t: TestApp;
  let search: SearchService;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    search = t.app.get(SearchService);
  });
  afterAll(async () => {
    await t.close();
  });

  const titles = async (q: string, viewer: Viewer = ANONYMOUS, kinds?: SearchKind[]): Promise<string[]> =>
    (await search.search(q, viewer, kinds)).hits.map((h) => h.title);

  const page = async (query: Record<string, string>) => {
    const res = await request(t.http).get('/suche').query(query).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    return res.text;
  };

  describe('forgives case, accents and spelling', () => {
    it.each(['Müller', 'müller', 'MÜLLER', 'MULLER', 'Muller', 'Mueller', 'mueller', 'MUELLER'])('%s finds Sabine Müller and the stored "Mueller"', async (q) => {
      const found = await titles(q);
      expect(found).toContain(name(DEMO_PEOPLE.workingGroupChair));
      expect(found).toContain('Kai Mueller');
      // …but not a different name that merely looks alike.
      expect(found.some((t) => /Möller/.test(t))).toBe(false);
    });

    it.each(['Çelik', 'Celik', 'ÇELİK', 'çelik', 'CELIK'])('%s finds Emre Çelik', async (q) => {
      expect(await titles(q)).toContain('Emre Çelik');
    });

    it.each(['Đặng', 'Dang', 'đặng', 'DANG', 'Đang', 'dặng'])('%s finds Văn Minh Đặng', async (q) => {
      expect(await titles(q)).toContain('Văn Minh Đặng');
    });

    it.each(['Дмит', 'дмит', 'ДМИТРИЙ', 'Дмитрий', 'дмитрии'])('%s finds Дмитрий Соколов by prefix or whole word', async (q) => {
      expect(await titles(q)).toContain('Дмитрий Соколов');
    });

    it('finds Arabic-script names by their own spelling, with or without vowel marks', async () => {
      for (const q of ['يوسف', 'الحلبي', 'يوسف الحلبي', 'يُوسُف', 'الحل']) expect(await titles(q)).toContain('يوسف الحلبي');
    });

    it('finds a Persian name typed with Arabic letter forms and vice versa', async () => {
      for (const q of ['رحیمی', 'رحيمي', 'فرشته رحیمی', 'فرشته']) expect(await titles(q)).toContain('فرشته رحیمی');
      expect(await titles('رحيمي')).not.toContain('يوسف الحلبي');
    });

    it('finds Vietnamese names by their own spelling and without diacritics', async () => {
      for (const q of ['Nguyễn Thị Lan', 'Thị Lan Nguyễn', 'nguyen thi lan', 'Nguyễn', 'Thị Lan']) {
        expect(await titles(q)).toContain(name(DEMO_PEOPLE.plainMember));
      }
    });

    it('requires every word (Nguyễn Thị Lan does not find every Nguyễn or every Thị)', async () => {
      const nguyen = await titles('Nguyễn');
      const thi = await titles('Thị');
      const narrowed = await titles('Nguyễn Thị Lan');
      expect(narrowed).toEqual([name(DEMO_PEOPLE.plainMember)]);
      expect(nguyen.length).toBeGreaterThan(1);
      expect(thi.length).toBeGreaterThan(1);
    });

    it('finds nothing for a name that is not there', async () => {
      expect((await search.search('Xylophonowski', ANONYMOUS)).total).toBe(0);
      const html = await page({ q: 'Xylophonowski' });
      expect(html).toContain('Keine Treffer');
    });
  });

  describe('ranking', () => {
    it('"avram" puts the Integrationsbeauftragter first', async () => {
      const result = await search.search('avram', ANONYMOUS);
      expect(result.hits[0]).toMatchObject({ kind: 'person', title: 'Dimitri Avramenko' });
      const html = await page({ q: 'avram' });
      expect(pageTitles(html)[0]).toBe('Dimitri Avramenko');
    });

    it('ranks an exact name before names that only start with it', async () => {
      for (const q of ['Lin', 'lin', 'LIN']) {
        const result = await search.search(q, ANONYMOUS);
        const order = result.hits.map((h) => h.title);
        expect(order).toContain('Frank Lindner');
        expect(order[0]).toBe('Mei Lin');
        expect(result.hits[0].exactness).toBe(0);
        expect(result.hits.find((h) => h.title === 'Frank Lindner')?.exactness).toBe(1);
      }
      expect(pageTitles(await page({ q: 'Lin' })).indexOf('Mei Lin')).toBe(0);
    });

    it('orders hits by exactness, name matches before other text', async () => {
      const result = await search.search('Lin', ANONYMOUS);
      const exactness = result.hits.map((h) => h.exactness);
      expect(exactness).toEqual([...exactness].sort((a, b) => a - b));
      expect(exactness).toContain(2);
    });
  });

  describe('what is searched', () => {
    it('finds organisations and bodies, and the kind filter keeps to one kind', async () => {
      expect(await titles('Mrija')).toContain('Ukrainische Gemeinschaft Mrija Schwerin e. V. (Mrija)');
      expect(await titles('Sen Vang')).toContain('Vietnamesischer Verein Sen Vàng Schwerin e. V. (Sen Vàng)');
      expect(await titles('Begleitbeirat')).toContain('Begleitbeirat für die Umsetzung des Integrationskonzeptes');

      const onlyOrgs = await search.search('Schwerin', ANONYMOUS, ['organisation']);
      expect(onlyOrgs.total).toBeGreaterThan(5);
      expect(onlyOrgs.hits.every((h) => h.kind === 'organisation')).toBe(true);
      const onlyBodies = await search.search('Schwerin', ANONYMOUS, ['body']);
      expect(onlyBodies.hits.length).toBeGreaterThan(0);
      expect(onlyBodies.hits.every((h) => h.kind === 'body')).toBe(true);
      expect((await search.search('Schwerin', ANONYMOUS, [])).total).toBe(0);
    });

    it('applies the kind filter on the page', async () => {
      const html = await page({ q: 'Schwerin', kind: 'organisation' });
      const kinds = [...html.matchAll(/<span class="result-kind">([^<]*)<\/span>/g)].map((m) => m[1]);
      expect(kinds.length).toBeGreaterThan(5);
      expect(new Set(kinds)).toEqual(new Set(['Organisation']));
      expect(html).toMatch(/<option value="organisation" selected>/);
      const people = await page({ q: 'Çelik', kind: 'person' });
      expect(pageTitles(people)).toEqual(['Emre Çelik']);
      expect(people).toContain('href="/personen/');
    });

    it('hides an internal body from anonymous visitors but not from members', async () => {
      for (const q of ['Arbeitsgruppe Sprache', 'Sprache und Bildung', DEMO_BODY_CODES.languageGroup]) {
        expect(await titles(q, ANONYMOUS)).not.toContain(INTERNAL_BODY);
        expect(await titles(q, MEMBER)).toContain(INTERNAL_BODY);
        expect(pageTitles(await page({ q }))).not.toContain(INTERNAL_BODY);
      }
      // Public demo bodies stay visible to everybody.
      expect(await titles('Gesundheit und Migration', ANONYMOUS)).toContain('Arbeitskreis Gesundheit und Migration');
    });

    it('never finds anybody by e-mail address or phone number', async () => {
      const ds = t.app.get(DataSource);
      const emails = (await ds.getRepository(PersonEmail).find({ take: 400 })).map((e) => e.email);
      const phones = (await ds.getRepository(PersonPhone).find({ take: 400 })).map((p) => p.number);
      expect(emails).toContain(DEMO_PEOPLE.boardSecretary.email);
      expect(phones).toContain('+49 385 545-1263');
      const probes = [
        ...emails.slice(0, 40),
        ...phones.slice(0, 40),
        DEMO_PEOPLE.boardSecretary.email,
        'example.org',
        'example',
        'davramenko',
        'schwerin.de davramenko',
        '545-1263',
        '1263',
        '5550',
        '+49 385',
        '0385',
      ];
      for (const q of probes) {
        const result = await search.search(q, MEMBER);
        expect({ q, total: result.total }).toEqual({ q, total: 0 });
      }
      // Sanity: the same person is found by name.
      expect(await titles(name(DEMO_PEOPLE.boardSecretary), MEMBER)).toContain(name(DEMO_PEOPLE.boardSecretary));
    });

    it('shows names of every script unchanged on the result page', async () => {
      for (const [q, expected] of [
        ['Ткаченко', 'Оксана Ткаченко'],
        ['الحلبي', 'يوسف الحلبي'],
        ['Dang', 'Văn Minh Đặng'],
        ['celik', 'Emre Çelik'],
        ['mueller sabine', 'Sabine Müller'],
      ]) {
        expect(pageTitles(await page({ q }))).toContain(expected);
      }
    });
  });

  describe('words inside German compounds', () => {
    it('"arabisch berater" finds Migrationsberater who speak Arabic, below whole-word matches', async () => {
      const result = await search.search('arabisch berater', MEMBER, ['person']);
      expect(result.total).toBeGreaterThan(0);
      const people = t.app.get(DataSource);
      for (const hit of result.hits) {
        expect(hit.exactness).toBe(3);
        const person = await people.getRepository(Person).findOneOrFail({ where: { id: hit.refId }, relations: { languages: true } });
        expect(person.functionTitle ?? '').toMatch(/berater/i);
        expect(person.languages.map((l) => l.code)).toContain('ar');
      }
      // Whole words first: "berater" as a word of its own ranks before words that merely contain it.
      const plain = await search.search('beratung', ANONYMOUS);
      const tiers = plain.hits.map((h) => h.exactness);
      expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    });

    it('needs three letters inside a word (a trigram) and never matches across the query syntax', async () => {
      expect((await search.search('ab', ANONYMOUS)).hits.every((h) => h.exactness < 3)).toBe(true);
      expect((await search.search('"berater*', MEMBER, ['person'])).total).toBe((await search.search('berater', MEMBER, ['person'])).total);
    });
  });

  describe('hostile input always gets a page', () => {
    const hostile = [
      '"',
      '*',
      'NEAR',
      'a NEAR b',
      'NEAR(a b, 2)',
      '-',
      '-Müller',
      'OR',
      'AND NOT',
      'a AND NOT b',
      '((',
      ')',
      '(Müller',
      '"Müller',
      '^Müller',
      'name_folded:muller',
      '{name_folded}: x',
      "'; DROP TABLE people; --",
      "' OR 1=1 --",
      '%',
      '_',
      '\\',
      '%_%',
      'x'.repeat(10_000),
      'a-'.repeat(5_000),
      '😀',
      '👩‍👩‍👧 Müller',
      '\u202Eرلوم',
      'abc\u202Edef',
      '\u0000',
      'a\u0000b',
      '\u0007\u001b[31m',
      '\r\n\t',
      'ـ',
      '\uFDFA',
      '\u00AD',
    ];

    it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))('the service answers %s without throwing', async (_label, q) => {
      const result: SearchResult = await search.search(q, ANONYMOUS);
      expect(Array.isArray(result.hits)).toBe(true);
      expect(result.total).toBe(result.hits.length);
    });

    it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))('GET /suche?q=%s is a 200 page', async (_label, q) => {
      const html = await page({ q });
      expect(html).toContain('<h1>Suche</h1>');
      // Input made only of control characters counts as no input: the empty form, no result section.
      if (/^[\p{Cc}\s]*$/u.test(q)) expect(html).not.toMatch(/Treffer|nichts gefunden/);
      else expect(html).toMatch(/Treffer|nichts gefunden/);
      expect(html).not.toMatch(/at \w+ \(|Error:|SQLITE|fts5/);
      // Control characters and direction overrides are not echoed back into the page.
      expect(controlOrBidi(html)).toEqual([]);
    });

    it('still finds the name in hostile wrapping', async () => {
      expect(pageTitles(await page({ q: '"Müller' }))).toContain('Sabine Müller');
      expect(pageTitles(await page({ q: '(Çelik)' }))).toContain('Emre Çelik');
      expect(pageTitles(await page({ q: 'Müller\u0000' }))).toContain('Sabine Müller');
      expect(await titles('\u202EÇelik')).toContain('Emre Çelik');
    });

    it.each([
      '/suche?q=%',
      '/suche?q=%E0%A4%A',
      '/suche?q=%ED%A0%80',
      '/suche?q=%FF%FE',
      '/suche?q[]=a&q[]=b',
      '/suche?q[x]=y',
      '/suche?q=a&q=b',
      '/suche?q=Lin&page=-1',
      '/suche?q=Lin&page=abc',
      '/suche?q=Lin&page=0',
      '/suche?q=Lin&page=1.5',
      '/suche?q=Lin&page=99999999999999999999',
      '/suche?q=Lin&page[]=2',
      '/suche?q=Lin&kind=%27%20OR%201=1',
      '/suche?q=Lin&kind[]=person',
      '/suche?q=Lin&kind=body%00',
      '/suche?',
      '/suche?q=',
      '/suche?q=+++',
    ])('GET %s is a 200 page', async (path) => {
      const res = await request(t.http).get(path).expect(200);
      expect(res.text).toContain('<h1>Suche</h1>');
      expect(res.text).not.toMatch(/at \w+ \(|Error:|SQLITE/);
    });

    it('a page number past the end shows the last page of results', async () => {
      const res = await request(t.http).get('/suche?q=a&page=99999999999999999999').expect(200);
      expect(pageTitles(res.text).length).toBeGreaterThan(0);
      const huge = await request(t.http).get('/suche?q=a&page=100000').expect(200);
      expect(pageTitles(huge.text).length).toBeGreaterThan(0);
    });

    it('pages through many results', async () => {
      const first = await request(t.http).get('/suche?q=a').expect(200);
      expect(first.text).toMatch(/\d+ Treffer/);
      const second = await request(t.http).get('/suche?q=a&page=2').expect(200);
      expect(pageTitles(second.text).length).toBeGreaterThan(0);
      expect(pageTitles(second.text)).not.toEqual(pageTitles(first.text));
    });
  });

  // Last, because it adds records: a directory where hundreds of names start with the query.
  describe('in a large directory', () => {
    it('keeps the exact name first although hundreds of prefix matches score better', async () => {
      await t.app.get(DatabaseService).write(async (manager) => {
        const repo = manager.getRepository(Organisation);
        const indexer = t.app.get(SearchIndexer);
        for (let i = 0; i < 320; i++) {
          const org = await repo.save(repo.create({ name: `Linde Linden Lindner Linus ${i}`, kind: 'other' }));
          await indexer.reindex(manager, 'organisation', org.id);
        }
      });
      const result = await search.search('Lin', ANONYMOUS);
      expect(result.hits[0].title).toBe('Mei Lin');
      expect(result.hits.filter((h) => h.title.startsWith('Linde Linden')).length).toBeGreaterThan(200);
      expect(pageTitles(await page({ q: 'Lin' }))[0]).toBe('Mei Lin');
      // The pager stays consistent with what can be shown.
      const last = await request(t.http).get('/suche?q=Lin&page=12').expect(200);
      expect(pageTitles(last.text).length).toBeGreaterThan(0);
    });
  });
});

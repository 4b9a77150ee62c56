import ICAL from 'ical.js';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Body, type BodyKind } from '../src/bodies/body.entity.js';
import { Membership, type MembershipRole } from '../src/bodies/membership.entity.js';
import { foldText } from '../src/common/text/fold.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonLanguage } from '../src/people/person-language.entity.js';
import { PersonPhone, type PhoneKind } from '../src/people/person-phone.entity.js';
import { Person, type Visibility } from '../src/people/person.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

interface NewPerson {
  givenName: string;
  familyName: string;
  formOfAddress?: string;
  academicTitle?: string | null;
  functionTitle?: string | null;
  organisationId?: number | null;
  room?: string | null;
  street?: string | null;
  postalCode?: string | null;
  locality?: string | null;
  profile?: string | null;
  phoneVisibility?: Visibility;
  emailVisibility?: Visibility;
  addressVisibility?: Visibility;
  consentAt?: Date | null;
  phones?: { kind: PhoneKind; number: string }[];
  emails?: string[];
  languages?: string[];
}

function parseVCards(text: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(text);
  const list = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcal) => new ICAL.Component(jcal as never));
}

/** Number of rows in the directory table. */
function rowCount(html: string): number {
  return (html.match(/<th scope="row">/g) ?? []).length;
}

/** The HTML attribute form Handlebars writes for an href ("=" becomes &#x3D;, "&" becomes &amp;). */
function attr(href: string): string {
  return href.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');
}

describe('people', () => {
  let t: TestApp;
  let db: DatabaseService;
  let indexer: SearchIndexer;
  let avramenkoId: number;

  async function addPerson(seed: NewPerson): Promise<number> {
    return db.write(async (manager) => {
      const { phones = [], emails = [], languages = [], ...fields } = seed;
      const repo = manager.getRepository(Person);
      const person = await repo.save(
        repo.create({ formOfAddress: '', ...fields, sortKey: foldText(`${seed.familyName} ${seed.givenName}`).slice(0, 220) }),
      );
      if (phones.length > 0) {
        await manager.getRepository(PersonPhone).insert(phones.map((p, position) => ({ ...p, personId: person.id, position })));
      }
      if (emails.length > 0) {
        await manager.getRepository(PersonEmail).insert(emails.map((email, position) => ({ email, personId: person.id, position })));
      }
      if (languages.length > 0) {
        await manager.getRepository(PersonLanguage).insert(languages.map((code) => ({ code, personId: person.id })));
      }
      await indexer.reindex(manager, 'person', person.id);
      return person.id;
    });
  }

  async function addOrganisation(name: string, parentId: number | null = null): Promise<number> {
    return db.write(async (manager) => {
      const repo = manager.getRepository(Organisation);
      const org = await repo.save(repo.create({ name, kind: 'association', parentId, street: 'Vereinsweg 1', postalCode: '19055', locality: 'Schwerin' }));
      await indexer.reindex(manager, 'organisation', org.id);
      return org.id;
    });
  }

  async function addBody(name: string, code: string, isPublic = true, kind: BodyKind = 'working_group'): Promise<number> {
    return db.write(async (manager) => {
      const repo = manager.getRepository(Body);
      const body = await repo.save(repo.create({ name, code, kind, isPublic }));
      await indexer.reindex(manager, 'body', body.id);
      return body.id;
    });
  }

  async function addMembership(
    bodyId: number,
    personId: number,
    role: MembershipRole,
    fields: { startDate?: string | null; endDate?: string | null; note?: string | null; onBehalfOfId?: number | null } = {},
  ): Promise<void> {
    await db.write(async (manager) => {
      const repo = manager.getRepository(Membership);
      await repo.save(repo.create({ bodyId, personId, role, ...fields }));
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DatabaseService);
    indexer = t.app.get(SearchIndexer);
    avramenkoId = (await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the seeded Integrationsbeauftragter', () => {
    it('is found in the directory by name, with function, organisation and public contact', async () => {
      const res = await request(t.http).get('/personen?q=avramenko').expect(200);
      expect(res.text).toContain(`<a href="/personen/${avramenkoId}">Avramenko, Dimitri</a>`);
      expect(res.text).toContain('Integrationsbeauftragter');
      expect(res.text).toContain('Landeshauptstadt Schwerin – Fachstelle Integration');
      expect(res.text).toContain('<a href="tel:+493855451263">+49 385 545-1263</a>');
      expect(res.text).toContain('<a href="mailto:davramenko@schwerin.de">davramenko@schwerin.de</a>');
      expect(rowCount(res.text)).toBe(1);
    });

    it('has a contact card showing everything the city page shows', async () => {
      const res = await request(t.http).get(`/personen/${avramenkoId}`).expect(200);
      const html = res.text;
      expect(html).toContain('<h1>Herr Dimitri Avramenko</h1>');
      expect(html).toContain('Integrationsbeauftragter');
      expect(html).toMatch(/<a href="\/organisationen\/\d+">Landeshauptstadt Schwerin<\/a> – <a href="\/organisationen\/\d+">Fachstelle Integration<\/a>/);
      expect(html).toContain('Raum: 5.020 - Aufzug C');
      expect(html).toContain('Am Packhof 2-6<br>19053 Schwerin');
      expect(html).toContain('<dt>Telefon</dt><dd><a href="tel:+493855451263">+49 385 545-1263</a></dd>');
      expect(html).toContain('<dt>Fax</dt><dd>+49 385 545-1269</dd>');
      expect(html).toContain('<a href="mailto:davramenko@schwerin.de">davramenko@schwerin.de</a>');
      expect(html).toContain(`href="/personen/${avramenkoId}/vcard">Kontakt speichern (vCard)</a>`);
    });

    it('renders the profile as headings, one task list and paragraphs', async () => {
      const html = (await request(t.http).get(`/personen/${avramenkoId}`).expect(200)).text;
      expect(html).toContain('<h2>Wer bin ich?</h2>');
      expect(html).toContain('<h2>Was sind meine Aufgaben?</h2>');
      expect(html).toContain('<h2>Was sind meine Ziele?</h2>');
      expect(html).toMatch(/<p>Mein Name ist Dimitri Avramenko und seit September 2008/);
      const list = /<ul><li>Erarbeitung[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
      for (const item of [
        'Erarbeitung von integrationsfördernden Konzepten und Handlungsansätzen',
        'Aufklärungsarbeit zum Abbau von Vorurteilen, Fremdenfeindlichkeit und Rassismus',
        'Zusammenarbeit mit den in der Landeshauptstadt wirkenden freien Trägern',
        'Leitung und Geschäftsführung des im Jahr 2003 gegründeten Netzwerkes Migration',
        'Leitung des Begleitbeirates für die Umsetzung des Integrationskonzeptes',
        'Gremienarbeit wie Aktionsbündnis für ein friedliches und weltoffenes Schwerin, Runder Tisch Asyl, Konferenz der kommunalen Integrationsbeauftragten im Land M/V',
      ]) {
        expect(list).toContain(`<li>${item}</li>`);
      }
      expect((list.match(/<li>/g) ?? []).length).toBe(7);
    });

    it('lists his current memberships with role, note, organisation represented and since date', async () => {
      const html = (await request(t.http).get(`/personen/${avramenkoId}`).expect(200)).text;
      const current = html.slice(html.indexOf('id="person-bodies"'));
      expect(current).toMatch(/>Netzwerk Migration<\/a><\/th>\s*<td data-label="Rolle">Vorsitz<br><span class="membership-note">Leitung und Geschäftsführung<\/span><\/td>/);
      expect(current).toContain('>Begleitbeirat für die Umsetzung des Integrationskonzeptes</a>');
      expect(current).toContain('>Runder Tisch Asyl</a>');
      expect(current).toContain('>Aktionsbündnis für ein friedliches und weltoffenes Schwerin</a>');
      expect(current).toContain('>Konferenz der kommunalen Integrationsbeauftragten im Land M-V</a>');
      expect(current).toMatch(/<a href="\/organisationen\/\d+">Landeshauptstadt Schwerin<\/a>/);
      expect(current).toContain('seit 1. September 2008');
      expect(html).not.toContain('Frühere Mitgliedschaften');
    });

    it('offers a vCard 3.0 with FN, N, ORG, TITLE, TEL, EMAIL, ADR and UID', async () => {
      const res = await request(t.http).get(`/personen/${avramenkoId}/vcard`).expect(200);
      expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="Dimitri-Avramenko.vcf"; filename*=UTF-8''Dimitri%20Avramenko.vcf`);
      const [v] = parseVCards(res.text);
      expect(v.getFirstPropertyValue('version')).toBe('3.0');
      expect(v.getFirstPropertyValue('fn')).toBe('Dimitri Avramenko');
      expect(v.getFirstPropertyValue('n')).toEqual(['Avramenko', 'Dimitri', '', '', '']);
      expect(v.getFirstPropertyValue('org')).toEqual(['Landeshauptstadt Schwerin', 'Fachstelle Integration']);
      expect(v.getFirstPropertyValue('title')).toBe('Integrationsbeauftragter');
      const tels = v.getAllProperties('tel').map((p) => [p.getParameter('type'), p.getFirstValue()]);
      expect(tels).toEqual([
        [['WORK', 'VOICE'], '+49 385 545-1263'],
        [['WORK', 'FAX'], '+49 385 545-1269'],
      ]);
      expect(v.getFirstPropertyValue('email')).toBe('davramenko@schwerin.de');
      expect(v.getFirstPropertyValue('adr')).toEqual(['', 'Raum 5.020 - Aufzug C', 'Am Packhof 2-6', 'Schwerin', '', '19053', '']);
      const host = new URL(t.config.baseUrl).host;
      expect(String(v.getFirstPropertyValue('uid'))).toBe(`urn:netzwerk-migration:${host}:person:${avramenkoId}`);
      expect(String(v.getFirstPropertyValue('url'))).toBe(`${t.config.baseUrl}/personen/${avramenkoId}`);
    });
  });

  describe('visibility for anonymous visitors', () => {
    const cases: { label: string; seed: Partial<NewPerson> }[] = [
      { label: 'members', seed: { phoneVisibility: 'members', emailVisibility: 'members', addressVisibility: 'members', consentAt: new Date('2024-01-01T00:00:00Z') } },
      { label: 'hidden', seed: { phoneVisibility: 'hidden', emailVisibility: 'hidden', addressVisibility: 'hidden', consentAt: new Date('2024-01-01T00:00:00Z') } },
      { label: 'public without consent', seed: { phoneVisibility: 'public', emailVisibility: 'public', addressVisibility: 'public', consentAt: null } },
    ];
    const ids = new Map<string, number>();

    beforeAll(async () => {
      for (const [i, c] of cases.entries()) {
        ids.set(
          c.label,
          await addPerson({
            givenName: 'Geheim',
            familyName: `Sichtbarkeitsprobe${String.fromCharCode(65 + i)}`,
            functionTitle: 'Beraterin',
            room: `Geheimraum ${i}`,
            street: `Geheimstraße ${i}`,
            postalCode: '19999',
            locality: 'Geheimstadt',
            phones: [
              { kind: 'work', number: `+49 385 900-00${i}1` },
              { kind: 'mobile', number: `+49 170 900-00${i}2` },
              { kind: 'fax', number: `+49 385 900-00${i}3` },
            ],
            emails: [`geheim${i}@example.org`],
            ...c.seed,
          }),
        );
      }
    });

    function leaks(text: string, i: number): string[] {
      return [`900-00${i}1`, `900-00${i}2`, `900-00${i}3`, `geheim${i}@example.org`, `Geheimraum ${i}`, `Geheimstraße ${i}`, 'Geheimstadt'].filter((s) =>
        text.includes(s),
      );
    }

    it.each(cases.map((c, i) => [c.label, i] as const))('%s: nothing in the directory', async (_label, i) => {
      const res = await request(t.http).get(`/personen?q=Sichtbarkeitsprobe${String.fromCharCode(65 + i)}`).expect(200);
      expect(rowCount(res.text)).toBe(1);
      expect(res.text).toContain('keine freigegebenen Angaben');
      expect(leaks(res.text, i)).toEqual([]);
    });

    it.each(cases.map((c, i) => [c.label, i] as const))('%s: nothing on the person page', async (label, i) => {
      const res = await request(t.http).get(`/personen/${ids.get(label)}`).expect(200);
      expect(res.text).toContain(`Geheim Sichtbarkeitsprobe${String.fromCharCode(65 + i)}`);
      expect(res.text).toContain('Beraterin');
      expect(res.text).toContain('keine Kontaktdaten für Sie freigegeben');
      expect(leaks(res.text, i)).toEqual([]);
    });

    it.each(cases.map((c, i) => [c.label, i] as const))('%s: nothing in the vCard', async (label, i) => {
      const res = await request(t.http).get(`/personen/${ids.get(label)}/vcard`).expect(200);
      const [v] = parseVCards(res.text);
      expect(v.getFirstPropertyValue('fn')).toBe(`Geheim Sichtbarkeitsprobe${String.fromCharCode(65 + i)}`);
      expect(v.getAllProperties('tel')).toEqual([]);
      expect(v.getAllProperties('email')).toEqual([]);
      expect(v.getAllProperties('adr')).toEqual([]);
      expect(leaks(res.text, i)).toEqual([]);
    });

    it('shows public fields once consent is recorded (the control case)', async () => {
      const id = await addPerson({
        givenName: 'Offen',
        familyName: 'Sichtbarkeitsprobe',
        phoneVisibility: 'public',
        emailVisibility: 'members',
        addressVisibility: 'public',
        consentAt: new Date('2024-01-01T00:00:00Z'),
        room: 'Offener Raum',
        phones: [{ kind: 'mobile', number: '+49 170 1234567' }],
        emails: ['offen@example.org'],
      });
      const page = (await request(t.http).get(`/personen/${id}`).expect(200)).text;
      expect(page).toContain('<dt>Mobil</dt><dd><a href="tel:+491701234567">+49 170 1234567</a></dd>');
      expect(page).toContain('Raum: Offener Raum');
      expect(page).not.toContain('offen@example.org');
      const list = (await request(t.http).get('/personen?q=Offen%20Sichtbarkeitsprobe').expect(200)).text;
      expect(list).toContain('Mobil: <a href="tel:+491701234567">+49 170 1234567</a>');
      expect(list).not.toContain('offen@example.org');
    });
  });

  describe('names in every script', () => {
    const names = [
      { script: 'Cyrillic', given: 'Олена', family: 'Коваленко', letter: 'andere' },
      { script: 'Arabic', given: 'محمد', family: 'العلي', letter: 'andere' },
      { script: 'Turkish', given: 'Çağrı', family: 'Yıldırım', letter: 'Y' },
      { script: 'Vietnamese', given: 'Thị Lan', family: 'Nguyễn', letter: 'N' },
    ];
    const ids = new Map<string, number>();

    beforeAll(async () => {
      for (const n of names) {
        ids.set(n.script, await addPerson({ givenName: n.given, familyName: n.family, functionTitle: `Sprachmittlung ${n.script}` }));
      }
    });

    it.each(names)('$script: list (search and letter), page and vCard', async ({ script, given, family, letter }) => {
      const id = ids.get(script);
      const search = await request(t.http).get(`/personen?q=${encodeURIComponent(family)}`).expect(200);
      expect(search.text).toContain(`<a href="/personen/${id}">${family}, ${given}</a>`);
      const byLetter = await request(t.http).get(`/personen?letter=${letter}`).expect(200);
      expect(byLetter.text).toContain(`<a href="/personen/${id}">${family}, ${given}</a>`);
      const page = await request(t.http).get(`/personen/${id}`).expect(200);
      expect(page.text).toContain(`<h1>${given} ${family}</h1>`);
      const vcard = await request(t.http).get(`/personen/${id}/vcard`).expect(200);
      const [v] = parseVCards(vcard.text);
      expect(v.getFirstPropertyValue('fn')).toBe(`${given} ${family}`);
      expect(v.getFirstPropertyValue('n')).toEqual([family, given, '', '', '']);
      expect(vcard.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${given} ${family}`)}.vcf`);
    });

    it('finds names without their accents', async () => {
      const res = await request(t.http).get('/personen?q=cagri%20yildirim').expect(200);
      expect(res.text).toContain('Yıldırım, Çağrı');
      const viet = await request(t.http).get('/personen?q=nguyen').expect(200);
      expect(viet.text).toContain('Nguyễn, Thị Lan');
    });
  });

  describe('filters, A–Z and pagination', () => {
    let parentOrgId: number;
    let childOrgId: number;
    let otherOrgId: number;
    let bodyId: number;
    let internalBodyId: number;
    let currentId: number;
    let formerId: number;
    let childPersonId: number;
    let speakerId: number;

    beforeAll(async () => {
      parentOrgId = await addOrganisation('Filterprobe Dachverband e. V.');
      childOrgId = await addOrganisation('Filterprobe Ortsgruppe', parentOrgId);
      otherOrgId = await addOrganisation('Seitenprobe e. V.');
      bodyId = await addBody('Arbeitskreis Filterprobe', 'AKF');
      internalBodyId = await addBody('Interner Kreis Filterprobe', 'IKF', false);
      currentId = await addPerson({ givenName: 'Anna', familyName: 'Filterprobe-Aktuell', organisationId: parentOrgId, languages: ['ti', 'de'] });
      formerId = await addPerson({ givenName: 'Bernd', familyName: 'Filterprobe-Ehemalig', organisationId: parentOrgId });
      childPersonId = await addPerson({ givenName: 'Clara', familyName: 'Filterprobe-Ortsgruppe', organisationId: childOrgId });
      speakerId = currentId;
      await addMembership(bodyId, currentId, 'member', { startDate: '2020-02-01' });
      await addMembership(bodyId, formerId, 'deputy_member', { startDate: '2015-01-01', endDate: '2019-12-31', note: 'Vertretung', onBehalfOfId: parentOrgId });
      await addMembership(bodyId, formerId, 'guest', { startDate: '2024-01-01', endDate: '2999-12-31' });
      await addMembership(internalBodyId, childPersonId, 'member', { startDate: '2020-01-01' });
      for (let i = 1; i <= 30; i++) {
        await addPerson({ givenName: `Nr${String(i).padStart(2, '0')}`, familyName: 'Seitenprobe', organisationId: otherOrgId });
      }
    });

    it('filters by organisation, including its sub-organisations', async () => {
      const parent = (await request(t.http).get(`/personen?organisation=${parentOrgId}`).expect(200)).text;
      expect(parent).toContain('Filterprobe-Aktuell, Anna');
      expect(parent).toContain('Filterprobe-Ehemalig, Bernd');
      expect(parent).toContain('Filterprobe-Ortsgruppe, Clara');
      expect(parent).not.toContain('Avramenko');
      expect(parent).toContain(`<option value="${parentOrgId}" selected>Filterprobe Dachverband e. V.</option>`);
      const child = (await request(t.http).get(`/personen?organisation=${childOrgId}`).expect(200)).text;
      expect(rowCount(child)).toBe(1);
      expect(child).toContain('Filterprobe-Ortsgruppe, Clara');
    });

    it('filters by body: current members only', async () => {
      const html = (await request(t.http).get(`/personen?body=${bodyId}`).expect(200)).text;
      expect(html).toContain('Filterprobe-Aktuell, Anna');
      // Bernd's first membership ended, but he is a guest until 2999: current.
      expect(html).toContain('Filterprobe-Ehemalig, Bernd');
      expect(rowCount(html)).toBe(2);
      const network = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ code: 'NM' });
      const nm = (await request(t.http).get(`/personen?body=${network.id}`).expect(200)).text;
      expect(rowCount(nm)).toBe(1);
      expect(nm).toContain('Avramenko, Dimitri');
    });

    it('does not offer or apply internal bodies to anonymous visitors', async () => {
      const html = (await request(t.http).get(`/personen?body=${internalBodyId}`).expect(200)).text;
      expect(html).not.toContain('Interner Kreis Filterprobe');
      expect(html).toContain('Filterprobe-Aktuell, Anna'); // the filter was ignored: everyone is listed
      const page = (await request(t.http).get(`/personen/${childPersonId}`).expect(200)).text;
      expect(page).not.toContain('Interner Kreis Filterprobe');
    });

    it('filters by language and offers only languages somebody speaks, by German name', async () => {
      const html = (await request(t.http).get('/personen?language=ti').expect(200)).text;
      expect(rowCount(html)).toBe(1);
      expect(html).toContain('Filterprobe-Aktuell, Anna');
      expect(html).toContain('<option value="ti" selected>Tigrinya</option>');
      expect(html).toContain('<option value="de">Deutsch</option>');
      expect(html).not.toContain('<option value="zh">');
      const page = (await request(t.http).get(`/personen/${speakerId}`).expect(200)).text;
      expect(page).toContain('<dt>Sprachen</dt><dd>Deutsch, Tigrinya</dd>');
    });

    it('shows A–Z with links only for letters that hold people, keeping the other filters', async () => {
      const all = (await request(t.http).get('/personen').expect(200)).text;
      expect(all).toContain('<a href="/personen?letter&#x3D;A">A</a>');
      expect(all).toContain('<span>Q<span class="visually-hidden"> (keine Einträge)</span></span>');
      expect(all).toContain(`<a href="/personen?letter&#x3D;andere" title="Namen in anderen Schriften (z. B. Kyrillisch, Arabisch)">Andere Schriften</a>`);
      const a = (await request(t.http).get('/personen?letter=A').expect(200)).text;
      expect(a).toContain('Avramenko, Dimitri');
      expect(a).not.toContain('Seitenprobe, Nr01');
      expect(a).toContain('<a href="/personen?letter&#x3D;A" aria-current="true">A</a>');
      // Within one organisation only its letters are linked, and every link keeps the organisation.
      const org = (await request(t.http).get(`/personen?organisation=${otherOrgId}&language=&letter=S`).expect(200)).text;
      expect(org).toContain(attr(`/personen?organisation=${otherOrgId}&letter=S`));
      expect(org).toContain('<span>A<span class="visually-hidden"> (keine Einträge)</span></span>');
      expect(org).toContain(`<a href="${attr(`/personen?organisation=${otherOrgId}`)}">Alle</a>`);
      expect(org).toContain('<input type="hidden" name="letter" value="S">');
    });

    it('pages 25 at a time, keeping the filters in every pager link', async () => {
      const first = (await request(t.http).get(`/personen?organisation=${otherOrgId}`).expect(200)).text;
      expect(first).toContain('30 Personen');
      expect(rowCount(first)).toBe(25);
      expect(first).toContain('Seitenprobe, Nr01');
      expect(first).toContain('Seitenprobe, Nr25');
      expect(first).not.toContain('Seitenprobe, Nr26');
      expect(first).toContain(`href="${attr(`/personen?organisation=${otherOrgId}&page=2`)}" rel="next"`);
      const second = (await request(t.http).get(`/personen?organisation=${otherOrgId}&page=2`).expect(200)).text;
      expect(rowCount(second)).toBe(5);
      expect(second).toContain('Seitenprobe, Nr30');
      expect(second).toContain('26–30 von 30');
      expect(second).toContain(`href="${attr(`/personen?organisation=${otherOrgId}`)}" rel="prev"`);
      // A page beyond the end shows the last page.
      const beyond = (await request(t.http).get(`/personen?organisation=${otherOrgId}&page=9`).expect(200)).text;
      expect(rowCount(beyond)).toBe(5);
    });

    it('pages through search results in rank order, keeping q and the filters', async () => {
      const first = (await request(t.http).get(`/personen?q=seitenprobe&organisation=${otherOrgId}&letter=s`).expect(200)).text;
      expect(rowCount(first)).toBe(25);
      expect(first).toContain(`href="${attr(`/personen?q=seitenprobe&organisation=${otherOrgId}&letter=S&page=2`)}" rel="next"`);
      const second = (await request(t.http).get(`/personen?q=seitenprobe&organisation=${otherOrgId}&letter=S&page=2`).expect(200)).text;
      expect(rowCount(second)).toBe(5);
      const none = (await request(t.http).get(`/personen?q=seitenprobe&organisation=${parentOrgId}`).expect(200)).text;
      expect(none).toContain('Keine Personen gefunden');
      expect(rowCount(none)).toBe(0);
    });

    it('shows an ended membership as former, with its period', async () => {
      const html = (await request(t.http).get(`/personen/${formerId}`).expect(200)).text;
      const formerStart = html.indexOf('Frühere Mitgliedschaften');
      expect(formerStart).toBeGreaterThan(0);
      const current = html.slice(html.indexOf('id="person-bodies"'), formerStart);
      const former = html.slice(formerStart);
      expect(current).toContain('Gast');
      expect(current).toContain('seit 1. Januar 2024');
      expect(current).not.toContain('Vertretung');
      expect(former).toContain('Arbeitskreis Filterprobe');
      expect(former).toContain('Stellvertretendes Mitglied<br><span class="membership-note">Vertretung</span>');
      expect(former).toContain('>Filterprobe Dachverband e. V.</a>');
      expect(former).toContain('1. Januar 2015 – 31. Dezember 2019');
    });
  });

  describe('bad input', () => {
    it.each([
      '?page=-1',
      '?page=abc',
      '?page=100000000000000000000',
      '?page=1e3',
      '?page[]=1',
      '?page=1&page=2',
      '?organisation=abc',
      '?organisation=999999',
      '?organisation=-1',
      '?body=-3',
      '?body=1.5',
      '?language=%3Cscript%3E',
      '?language=xx',
      '?letter=%C3%84%C3%96',
      '?letter[]=A',
      '?q[]=x&organisation[]=1',
      '?q=%22%20OR%201%3D1%20--',
      '?q=NEAR(a%20b)%20*',
      '?q=%F0%9F%98%80',
      `?q=${'x'.repeat(5000)}`,
    ].map((qs) => [qs.length > 60 ? `${qs.slice(0, 12)}… (${qs.length} characters)` : qs, qs]))('%s → 200 with defaults', async (_label, qs) => {
      const res = await request(t.http).get(`/personen${qs}`).expect(200);
      expect(res.text).toContain('<h1>Personen</h1>');
      expect(res.text).not.toContain('<script>');
    });

    it('falls back to page 1 and ignores unknown filters', async () => {
      for (const qs of ['?page=abc', '?page=-1', '?organisation=abc', '?body=-3', '?language=%3Cscript%3E', '?letter=%C3%84%C3%96']) {
        const res = await request(t.http).get(`/personen${qs}`).expect(200);
        expect(res.text).toContain('Avramenko, Dimitri');
        expect(res.text).not.toContain('Gefiltert nach');
      }
    });

    it('escapes what the visitor typed', async () => {
      const res = await request(t.http).get('/personen?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it.each(['/personen/abc', '/personen/0', '/personen/-1', '/personen/99999999', '/personen/1.5', '/personen/abc/vcard', '/personen/99999999/vcard'])(
      '%s is a 404 page',
      async (path) => {
        const res = await request(t.http).get(path).expect(404);
        expect(res.text).toContain('Fehlercode 404');
      },
    );

    it('treats a soft-deleted person as unknown', async () => {
      const id = await addPerson({ givenName: 'Gelöscht', familyName: 'Löschprobe', phoneVisibility: 'public', consentAt: new Date() });
      await request(t.http).get(`/personen/${id}`).expect(200);
      await db.write(async (manager) => {
        await manager.getRepository(Person).softDelete(id);
      });
      const res = await request(t.http).get(`/personen/${id}`).expect(404);
      expect(res.text).toContain('Diese Person gibt es nicht (mehr) im Verzeichnis.');
      await request(t.http).get(`/personen/${id}/vcard`).expect(404);
      // Still in the search index (not reindexed), yet never listed.
      const list = await request(t.http).get('/personen?q=Löschprobe').expect(200);
      expect(list.text).not.toContain('Löschprobe, Gelöscht');
      expect(list.text).toContain('Keine Personen gefunden');
    });

    it('shows profile text as text, never as HTML', async () => {
      const id = await addPerson({
        givenName: 'Profil',
        familyName: 'Escapeprobe',
        profile: '## <script>alert(1)</script>\n- <img src=x onerror=alert(2)>\n<b>fett</b>',
      });
      const html = (await request(t.http).get(`/personen/${id}`).expect(200)).text;
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src');
      expect(html).not.toContain('<b>fett');
      expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
      expect(html).toContain('<li>&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;</li>');
      expect(html).toContain('<p>&lt;b&gt;fett&lt;/b&gt;</p>');
    });
  });
});

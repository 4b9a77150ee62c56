import ICAL from 'ical.js';
import request from 'supertest';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { foldText } from '../src/common/text/fold.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonPhone } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

interface PersonInput extends Partial<Person> {
  givenName: string;
  familyName: string;
  phone?: string;
  email?: string;
}

function parseCards(text: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(text);
  const list = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcal) => new ICAL.Component(jcal as never));
}

/** The HTML that follows a heading (h3 unless told), up to the next h2 or h3. */
function sectionAfter(html: string, heading: string, level = 3): string {
  const start = html.indexOf(`>${heading}</h${level}>`);
  expect(start).toBeGreaterThan(-1);
  const rest = html.slice(start + heading.length);
  const next = rest.search(/<h[23][ >]/);
  return next === -1 ? rest : rest.slice(0, next);
}

/** The <tr> in a piece of HTML that mentions the text. */
function rowWith(html: string, text: string): string {
  const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(text));
  expect(row).toBeDefined();
  return row ?? '';
}

function bodyIdFrom(html: string, name: string): string {
  const id = new RegExp(`href="/gremien/(\\d+)">${name}<`).exec(html)?.[1];
  expect(id).toBeDefined();
  return id ?? '';
}

describe('bodies (Gremien)', () => {
  let t: TestApp;
  const ids = { body: 0, internal: 0, empty: 0, jobcenter: 0, verein: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DatabaseService).write(async (manager) => {
      const orgs = manager.getRepository(Organisation);
      const verein = await orgs.save({ name: 'Verein Brücke', kind: 'association', street: 'Brückenweg 1', postalCode: '19055', locality: 'Schwerin' });
      const jobcenter = await orgs.save({ name: 'Jobcenter Schwerin', kind: 'authority' });
      ids.verein = verein.id;
      ids.jobcenter = jobcenter.id;

      const people = manager.getRepository(Person);
      const person = async (input: PersonInput): Promise<Person> => {
        const { phone, email, ...fields } = input;
        const saved = await people.save({ organisationId: verein.id, ...fields, sortKey: foldText(`${input.familyName} ${input.givenName}`) });
        if (phone) await manager.getRepository(PersonPhone).save({ personId: saved.id, kind: 'work', number: phone, position: 0 });
        if (email) await manager.getRepository(PersonEmail).save({ personId: saved.id, email, position: 0 });
        return saved;
      };
      const consent = new Date('2024-01-01T00:00:00Z');
      const chair = await person({
        givenName: 'Дмитрий',
        familyName: 'Иванов',
        functionTitle: 'Vorsitzender des Vereins',
        phone: '+49 385 111-1111',
        email: 'ivanov-members@example.org',
        phoneVisibility: 'hidden',
        emailVisibility: 'members',
        addressVisibility: 'public',
        consentAt: consent,
      });
      const deputy = await person({ givenName: 'محمد', familyName: 'العلي', phone: '+49 385 222-2222', phoneVisibility: 'public', consentAt: consent });
      const secretary = await person({ givenName: 'Çağrı', familyName: 'Yıldırım', functionTitle: 'Geschäftsführerin' });
      const member = await person({ givenName: 'Thị Lan', familyName: 'Nguyễn' });
      const deputyMember = await person({ givenName: 'Олена', familyName: 'Коваленко' });
      const advisory = await person({ givenName: 'Ayşe', familyName: 'Öztürk', organisationId: jobcenter.id });
      const guest = await person({
        givenName: 'Văn Minh',
        familyName: 'Trần',
        email: 'tran-no-consent@example.org',
        emailVisibility: 'public',
        consentAt: null,
      });
      const formerMember = await person({ givenName: 'Ahmad', familyName: 'Karimi' });

      const bodies = manager.getRepository(Body);
      const body = await bodies.save({
        name: 'Arbeitskreis Vielfalt',
        shortName: 'AK Vielfalt',
        code: 'AKV',
        kind: 'working_group',
        foundedOn: '2016-03-01',
        foundedYearOnly: false,
        isPublic: true,
        description: 'Der Arbeitskreis bündelt z. B. Angebote der Sprachmittlung. Er tagt viermal im Jahr.',
      });
      const internal = await bodies.save({ name: 'Interner Koordinierungskreis', code: 'IKK', kind: 'other', isPublic: false, description: 'Nur intern.' });
      const empty = await bodies.save({ name: 'Leerer Gesprächskreis', code: 'LGK', kind: 'round_table', isPublic: true });
      ids.body = body.id;
      ids.internal = internal.id;
      ids.empty = empty.id;

      const m = (fields: Partial<Membership>): Partial<Membership> => ({ bodyId: body.id, votingRight: false, ...fields });
      // Saved in scrambled order: the page must order by role, not by insertion.
      await manager.getRepository(Membership).save([
        m({ personId: guest.id, role: 'guest' }),
        m({ personId: member.id, role: 'member', votingRight: true, startDate: '2019-05-01' }),
        m({ personId: secretary.id, role: 'member', votingRight: true }),
        m({ personId: formerMember.id, role: 'member', votingRight: true, startDate: '2015-01-01', endDate: '2020-12-31' }),
        m({ personId: advisory.id, role: 'advisory_member' }),
        m({ personId: deputyMember.id, role: 'deputy_member' }),
        m({ personId: secretary.id, role: 'secretary', note: 'Protokoll und Einladungen' }),
        m({ personId: deputy.id, role: 'deputy_chair', votingRight: true, onBehalfOfId: jobcenter.id }),
        m({ personId: chair.id, role: 'chair', votingRight: true, note: 'Leitung', startDate: '2016-03-01' }),
        { bodyId: internal.id, personId: chair.id, role: 'chair', votingRight: true },
      ]);
    });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('list', () => {
    it('shows the seeded bodies with kind, founding year and current member count', async () => {
      const res = await request(t.http).get('/gremien').expect(200);
      for (const name of [
        'Netzwerk Migration',
        'Begleitbeirat für die Umsetzung des Integrationskonzeptes',
        'Runder Tisch Asyl',
        'Aktionsbündnis für ein friedliches und weltoffenes Schwerin',
        'Konferenz der kommunalen Integrationsbeauftragten im Land M-V',
      ]) {
        expect(res.text).toContain(`>${name}</a>`);
      }
      const network = res.text.slice(res.text.search(/href="\/gremien\/\d+">Netzwerk Migration<\/a>/));
      expect(network.slice(0, 600)).toMatch(/Netzwerk<\/span>[\s\S]*gegründet 2003 · 1 Mitglied[\s\S]*Das Netzwerk Migration der Landeshauptstadt Schwerin verbindet/);
      expect(res.text.match(/<h1[ >]/g)).toHaveLength(1);
    });

    it('shows an own body with short name, German founding date, distinct member count and first sentence', async () => {
      const res = await request(t.http).get('/gremien').expect(200);
      const card = res.text.slice(res.text.indexOf('>Arbeitskreis Vielfalt</a>')).slice(0, 700);
      expect(card).toContain('Arbeitsgruppe');
      expect(card).toContain('AK Vielfalt');
      expect(card).toContain('gegründet am 1. März 2016 · 7 Mitglieder');
      expect(card).toContain('Der Arbeitskreis bündelt z. B. Angebote der Sprachmittlung.');
      expect(card).not.toContain('viermal im Jahr');
    });

    it('never shows internal bodies to anonymous visitors', async () => {
      const res = await request(t.http).get('/gremien').expect(200);
      expect(res.text).not.toContain('Interner Koordinierungskreis');
      expect(res.text).not.toContain(`/gremien/${ids.internal}"`);
    });

    it.each(['?page=abc', '?page=-1', '?kind[]=x', "?q=%27%20OR%201=1", '?sort=%00'])('ignores bad query %s', async (qs) => {
      const res = await request(t.http).get(`/gremien${qs}`).expect(200);
      expect(res.text).toContain('Netzwerk Migration');
    });
  });

  describe('page of a seeded body', () => {
    it('shows the Netzwerk Migration led by Dimitri Avramenko with note, represented city and voting right', async () => {
      const list = await request(t.http).get('/gremien').expect(200);
      const res = await request(t.http).get(`/gremien/${bodyIdFrom(list.text, 'Netzwerk Migration')}`).expect(200);
      expect(res.text).toContain('<h1>Netzwerk Migration');
      expect(res.text).toContain('<dd>2003</dd>');
      const chair = rowWith(sectionAfter(res.text, 'Vorsitz'), 'Dimitri Avramenko');
      expect(chair).toMatch(/<a href="\/personen\/\d+">Dimitri Avramenko<\/a>/);
      expect(chair).toContain('Integrationsbeauftragter');
      expect(chair).toMatch(/für <a href="\/organisationen\/\d+">Landeshauptstadt Schwerin<\/a>/);
      expect(chair).toContain('stimmberechtigt');
      expect(chair).toContain('Leitung und Geschäftsführung');
      expect(chair).toContain('1. September 2008');
      expect(res.text).toContain('>Alle Mitglieder als vCard');
    });

    it('shows the Begleitbeirat chaired by him', async () => {
      const list = await request(t.http).get('/gremien').expect(200);
      const res = await request(t.http).get(`/gremien/${bodyIdFrom(list.text, 'Begleitbeirat für die Umsetzung des Integrationskonzeptes')}`).expect(200);
      expect(rowWith(sectionAfter(res.text, 'Vorsitz'), 'Dimitri Avramenko')).toContain('Leitung');
    });

    it('lists him as a member of the Runder Tisch Asyl', async () => {
      const list = await request(t.http).get('/gremien').expect(200);
      const res = await request(t.http).get(`/gremien/${bodyIdFrom(list.text, 'Runder Tisch Asyl')}`).expect(200);
      expect(rowWith(sectionAfter(res.text, 'Mitglieder'), 'Dimitri Avramenko')).toContain('stimmberechtigt');
    });
  });

  describe('page of an own body with every role', () => {
    let html: string;

    beforeAll(async () => {
      html = (await request(t.http).get(`/gremien/${ids.body}`).expect(200)).text;
    });

    it('groups current members by role, in the fixed order, with plural headings', () => {
      const headings = [...html.matchAll(/<h3 id="[^"]+">([^<]+)<\/h3>/g)].map((m) => m[1]);
      expect(headings).toEqual([
        'Vorsitz',
        'Stellvertretender Vorsitz',
        'Geschäftsführung / Schriftführung',
        'Mitglieder',
        'Stellvertretende Mitglieder',
        'Beratende Mitglieder',
        'Gäste',
      ]);
      expect(sectionAfter(html, 'Vorsitz')).toContain('Дмитрий Иванов');
      expect(sectionAfter(html, 'Stellvertretender Vorsitz')).toContain('محمد العلي');
      expect(sectionAfter(html, 'Geschäftsführung / Schriftführung')).toContain('Çağrı Yıldırım');
      const members = sectionAfter(html, 'Mitglieder');
      expect(members).toContain('Thị Lan Nguyễn');
      expect(members).toContain('Çağrı Yıldırım');
      expect(sectionAfter(html, 'Stellvertretende Mitglieder')).toContain('Олена Коваленко');
      expect(sectionAfter(html, 'Beratende Mitglieder')).toContain('Ayşe Öztürk');
      expect(sectionAfter(html, 'Gäste')).toContain('Văn Minh Trần');
    });

    it('says the voting right in words, names the represented organisation, note, function and start', () => {
      const chair = rowWith(sectionAfter(html, 'Vorsitz'), 'Дмитрий Иванов');
      expect(chair).toContain('stimmberechtigt');
      expect(chair).toContain('Vorsitzender des Vereins');
      expect(chair).toContain('Leitung');
      expect(chair).toContain('1. März 2016');
      expect(chair).toContain(`<a href="/organisationen/${ids.verein}">Verein Brücke</a>`);
      expect(chair).not.toContain('für <a');
      const deputy = rowWith(sectionAfter(html, 'Stellvertretender Vorsitz'), 'محمد العلي');
      expect(deputy).toContain(`für <a href="/organisationen/${ids.jobcenter}">Jobcenter Schwerin</a>`);
      const secretary = rowWith(sectionAfter(html, 'Geschäftsführung / Schriftführung'), 'Çağrı Yıldırım');
      expect(secretary).toContain('ohne Stimmrecht');
      expect(secretary).toContain('Protokoll und Einladungen');
      expect(secretary).toContain('Geschäftsführerin');
      expect(rowWith(sectionAfter(html, 'Mitglieder'), 'Thị Lan Nguyễn')).toContain('1. Mai 2019');
      expect(rowWith(sectionAfter(html, 'Beratende Mitglieder'), 'Ayşe Öztürk')).toContain(`<a href="/organisationen/${ids.jobcenter}">Jobcenter Schwerin</a>`);
    });

    it('uses accessible tables: row and column headers, person links', () => {
      expect(html).toContain('<th scope="col">Stimmrecht</th>');
      expect(html).toMatch(/<th scope="row"><a href="\/personen\/\d+">Дмитрий Иванов<\/a><\/th>/);
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    });

    it('lists former members separately with their period', () => {
      const currentPart = html.slice(0, html.indexOf('Ehemalige Mitglieder'));
      expect(currentPart).not.toContain('Ahmad Karimi');
      const former = rowWith(sectionAfter(html, 'Ehemalige Mitglieder', 2), 'Ahmad Karimi');
      expect(former).toContain('1. Januar 2015 – 31. Dezember 2020');
      expect(former).toContain('Mitglied');
    });

    it('offers all members as vCard', () => {
      expect(html).toContain(`href="/gremien/${ids.body}/vcard"`);
      expect(html).toContain('Alle Mitglieder als vCard');
    });
  });

  describe('vCard of all members', () => {
    it('gives one card per current member, names intact, only what anonymous may see', async () => {
      const res = await request(t.http).get(`/gremien/${ids.body}/vcard`).expect(200);
      expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="Arbeitskreis-Vielfalt.vcf"; filename*=UTF-8''Arbeitskreis%20Vielfalt.vcf`);
      const cards = parseCards(res.text);
      const names = cards.map((c) => c.getFirstPropertyValue('fn'));
      expect(names).toEqual(['Дмитрий Иванов', 'محمد العلي', 'Çağrı Yıldırım', 'Thị Lan Nguyễn', 'Олена Коваленко', 'Ayşe Öztürk', 'Văn Minh Trần']);
      expect(res.text).not.toContain('Karimi');
      // Hidden phone, members-only email and public fields without consent stay out …
      expect(res.text).not.toContain('111-1111');
      expect(res.text).not.toContain('ivanov-members@example.org');
      expect(res.text).not.toContain('tran-no-consent@example.org');
      // … while what was published with consent is there.
      const ivanov = cards[0];
      expect(ivanov.getFirstPropertyValue('adr')).toEqual(['', '', 'Brückenweg 1', 'Schwerin', '', '19055', '']);
      expect(cards[1].getFirstPropertyValue('tel')).toBe('+49 385 222-2222');
    });

    it('bundles the seeded Netzwerk Migration with its published contact', async () => {
      const list = await request(t.http).get('/gremien').expect(200);
      const res = await request(t.http).get(`/gremien/${bodyIdFrom(list.text, 'Netzwerk Migration')}/vcard`).expect(200);
      const cards = parseCards(res.text);
      expect(cards.map((c) => c.getFirstPropertyValue('fn'))).toEqual(['Dimitri Avramenko']);
      expect(res.text).toContain('+49 385 545-1263');
      expect(res.headers['content-disposition']).toContain('filename="Netzwerk-Migration.vcf"');
    });

    it('is a 404 for a body without current members, and the page offers none', async () => {
      await request(t.http).get(`/gremien/${ids.empty}/vcard`).expect(404);
      const page = await request(t.http).get(`/gremien/${ids.empty}`).expect(200);
      expect(page.text).toContain('Derzeit sind keine Mitglieder eingetragen.');
      expect(page.text).not.toContain('/vcard');
    });
  });

  describe('internal body', () => {
    it('does not exist for anonymous visitors: page and vCard are 404', async () => {
      const page = await request(t.http).get(`/gremien/${ids.internal}`).expect(404);
      expect(page.text).not.toContain('Interner Koordinierungskreis');
      const vcard = await request(t.http).get(`/gremien/${ids.internal}/vcard`).expect(404);
      expect(vcard.text).not.toContain('BEGIN:VCARD');
    });

    it('is not on the start page', async () => {
      const home = await request(t.http).get('/').expect(200);
      expect(home.text).not.toContain('Interner Koordinierungskreis');
    });
  });

  describe('bad ids', () => {
    it.each(['abc', '0', '-1', '1.5', '99999999', '99999999999999999999999', '%27%20OR%201=1'])('/gremien/%s is a German 404 page', async (id) => {
      const page = await request(t.http).get(`/gremien/${id}`).expect(404);
      expect(page.text).toContain('Fehlercode 404');
      expect(page.text).not.toMatch(/at \w+ \(|Error:/);
      await request(t.http).get(`/gremien/${id}/vcard`).expect(404);
    });
  });
});

import request from 'supertest';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { DEMO_BODY_CODES, DEMO_PEOPLE } from '../seeds/demo.seed.js';
import { STRUCTURE_BODY_CODES } from '../seeds/schwerin-structure.seed.js';
import { Body } from '../src/bodies/body.entity.js';
import { MEMBERSHIP_ROLES, Membership } from '../src/bodies/membership.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { loadConfig } from '../src/config/app-config.js';
import { SeederService } from '../src/seeder.service.js';
import { ORGANISATION_KINDS, Organisation } from '../src/organisations/organisation.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonLanguage } from '../src/people/person-language.entity.js';
import { PHONE_KINDS, PersonPhone } from '../src/people/person-phone.entity.js';
import { Person, VISIBILITIES } from '../src/people/person.entity.js';
import { SearchDocument } from '../src/search/search-document.entity.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { SeedRun } from '../src/database/seed-run.entity.js';
import { DatePoll, DatePollResponse, DatePollSlot } from '../src/polls/date-poll.entity.js';
import { DEMO_POLL_TITLE } from '../seeds/demo-polls.seed.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const REAL_ORGANISATIONS = ['Fachstelle Integration', 'Landeshauptstadt Schwerin', 'Servicestelle Integration'];
const REAL_BODY_CODES = ['AB', 'BB', 'KIB', 'NM', 'RTA'];
/** The network's structure (seeds/schwerin-structure.seed.ts): bodies without imported contacts. */
const ALL_REAL_BODY_CODES = [...REAL_BODY_CODES, ...STRUCTURE_BODY_CODES].sort();

/** Every row of every table (FTS shadow tables included), as text. */
async function databaseText(ds: DataSource): Promise<Map<string, string>> {
  const tables: { name: string }[] =
    ds.options.type === 'postgres'
      ? await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)
      : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  const dump = new Map<string, string>();
  for (const { name } of tables) {
    const rows: unknown[] = await ds.query(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    dump.set(name, JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
  }
  return dump;
}

/** How many records of each seeded kind exist (soft-deleted ones included). */
async function recordCounts(ds: DataSource): Promise<Record<string, number>> {
  return {
    organisations: await ds.getRepository(Organisation).count({ withDeleted: true }),
    people: await ds.getRepository(Person).count({ withDeleted: true }),
    phones: await ds.getRepository(PersonPhone).count(),
    emails: await ds.getRepository(PersonEmail).count(),
    languages: await ds.getRepository(PersonLanguage).count(),
    bodies: await ds.getRepository(Body).count({ withDeleted: true }),
    memberships: await ds.getRepository(Membership).count(),
  };
}

describe('demo seed (seedDemo: true)', () => {
  let t: TestApp;
  let ds: DataSource;
  let people: Person[];

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    ds = t.app.get(DataSource);
    people = await ds.getRepository(Person).find({ relations: { phones: true, emails: true, languages: true, organisation: true } });
  });
  afterAll(async () => {
    await t.close();
  });

  const demoPeople = () => people.filter((p) => p.familyName !== 'Avramenko');
  const names = () => people.map((p) => `${p.givenName} ${p.familyName}`);

  it('loads at least 30 fictional organisations of every kind, some with a parent', async () => {
    const orgs = await ds.getRepository(Organisation).find();
    const demo = orgs.filter((o) => !REAL_ORGANISATIONS.includes(o.name));
    expect(demo.length).toBeGreaterThanOrEqual(30);
    for (const kind of ORGANISATION_KINDS) {
      expect(demo.filter((o) => o.kind === kind).length).toBeGreaterThanOrEqual(1);
    }
    const demoIds = new Set(demo.map((o) => o.id));
    const withDemoParent = demo.filter((o) => o.parentId !== null && demoIds.has(o.parentId));
    expect(withDemoParent.length).toBeGreaterThanOrEqual(3);
    // Demo organisations hang only under demo organisations, never under a real one.
    expect(demo.filter((o) => o.parentId !== null && !demoIds.has(o.parentId))).toEqual([]);
    for (const o of demo) {
      expect(o.email).toMatch(/^[a-z0-9.-]+@example\.org$/);
      if (o.website !== null) expect(o.website).toMatch(/^https:\/\/example\.org\//);
      expect(o.phone).toMatch(/^\+49 385 5550-\d{3}$/);
      if (o.fax !== null) expect(o.fax).toMatch(/^\+49 385 5550-\d{3}$/);
      expect(o.locality).toBe('Schwerin');
      expect(o.postalCode).toMatch(/^190(5[3579]|6[13])$/);
    }
    expect(new Set(demo.map((o) => o.phone)).size).toBe(demo.length);
  });

  it('loads at least 150 people with names in every script, stored exactly as spelled', () => {
    expect(demoPeople().length).toBeGreaterThanOrEqual(150);
    const all = names();
    expect(all.filter((n) => /\p{Script=Cyrillic}/u.test(n)).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((n) => /\p{Script=Arabic}/u.test(n)).length).toBeGreaterThanOrEqual(8);
    expect(all.filter((n) => /[ÇçŞşĞğİı]/u.test(n)).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((n) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu.test(n)).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((n) => /[äöüßÄÖÜ]/u.test(n)).length).toBeGreaterThanOrEqual(5);
    // Russian and Ukrainian Cyrillic both (і, ї, є are Ukrainian only).
    expect(all.some((n) => /[ыэъё]|(ов|ова|ий|ей)(\s|$)/u.test(n))).toBe(true);
    expect(all.some((n) => /[іїєґ]/u.test(n))).toBe(true);
    // Persian letters (پ چ ژ گ ی ک) beside Arabic ones.
    expect(all.some((n) => /[پچژگیک]/u.test(n))).toBe(true);
    for (const family of ['Müller', 'Çelik', 'Đặng', 'Nguyễn', 'Trần', 'Mueller', 'Lin', 'Lindner']) {
      expect(people.some((p) => p.familyName === family)).toBe(true);
    }
    expect(people.some((p) => p.givenName === 'Дмитрий')).toBe(true);
    expect(people.some((p) => p.givenName.startsWith('Thị'))).toBe(true);
    // Names survive the round trip byte for byte (NFC, nothing stripped or replaced).
    for (const p of people) {
      expect(p.givenName).toBe(p.givenName.normalize('NFC'));
      expect(p.familyName).toBe(p.familyName.normalize('NFC'));
      expect(`${p.givenName}${p.familyName}`).not.toMatch(/[?\uFFFD]/);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives people function titles, rooms, phones of every kind, example.org mail and languages', () => {
    const demo = demoPeople();
    expect(demo.every((p) => !!p.functionTitle)).toBe(true);
    expect(demo.filter((p) => p.room !== null).length).toBeGreaterThanOrEqual(20);
    const phones = demo.flatMap((p) => p.phones);
    for (const kind of PHONE_KINDS) expect(phones.filter((ph) => ph.kind === kind).length).toBeGreaterThanOrEqual(5);
    for (const ph of phones) expect(ph.number).toMatch(/^\+49 (385 5550-\d{3}|151 5550\d{4})$/);
    const emails = demo.flatMap((p) => p.emails.map((e) => e.email));
    expect(emails.length).toBeGreaterThanOrEqual(140);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.-]+@example\.org$/);
    const langs = new Set(demo.flatMap((p) => p.languages.map((l) => l.code)));
    for (const code of ['ar', 'ru', 'uk', 'fa', 'tr', 'vi', 'en', 'fr', 'ku', 'ti', 'de']) expect(langs).toContain(code);
    expect(demo.filter((p) => p.profile !== null && p.profile.length > 20).length).toBeGreaterThanOrEqual(20);
    expect(demo.filter((p) => p.organisationId === null).length).toBeGreaterThanOrEqual(1);
  });

  it('mixes visibility settings; public contacts carry a recorded consent', () => {
    const demo = demoPeople();
    for (const v of VISIBILITIES) {
      expect(demo.some((p) => p.phoneVisibility === v)).toBe(true);
      expect(demo.some((p) => p.emailVisibility === v)).toBe(true);
      expect(demo.some((p) => p.addressVisibility === v)).toBe(true);
    }
    const consented = demo.filter((p) => p.consentAt !== null);
    expect(consented.length).toBeGreaterThanOrEqual(20);
    expect(consented.every((p) => !!p.consentRecordedBy)).toBe(true);
    // Every consent lies in the past.
    expect(consented.every((p) => p.consentAt !== null && p.consentAt.getTime() < Date.now())).toBe(true);
    // Consent is only recorded for people who publish something.
    expect(consented.every((p) => [p.phoneVisibility, p.emailVisibility, p.addressVisibility].includes('public'))).toBe(true);
  });

  it('puts people into the five real bodies and the demo bodies, with every role and history', async () => {
    const today = todayInBerlin();
    const memberships = await ds.getRepository(Membership).find({ relations: { body: true } });
    const codes = new Set(memberships.map((m) => m.body.code));
    for (const code of [...REAL_BODY_CODES, ...Object.values(DEMO_BODY_CODES)]) expect(codes).toContain(code);
    for (const role of MEMBERSHIP_ROLES) expect(memberships.some((m) => m.role === role && m.endDate === null)).toBe(true);
    const ended = memberships.filter((m) => m.endDate !== null);
    expect(ended.length).toBeGreaterThanOrEqual(8);
    for (const m of ended) {
      expect(m.endDate! < today).toBe(true);
      expect(m.startDate! < m.endDate!).toBe(true);
    }
    expect(memberships.every((m) => m.startDate !== null && m.startDate <= today)).toBe(true);
    expect(memberships.some((m) => m.votingRight) && memberships.some((m) => !m.votingRight)).toBe(true);
    expect(memberships.filter((m) => m.onBehalfOfId !== null).length).toBeGreaterThanOrEqual(100);
    // Nobody holds two current seats in the same body.
    const current = memberships.filter((m) => m.endDate === null).map((m) => `${m.bodyId}/${m.personId}`);
    expect(new Set(current).size).toBe(current.length);
    const perBody = (code: string) => memberships.filter((m) => m.body.code === code && m.endDate === null).length;
    expect(perBody('NM')).toBeGreaterThanOrEqual(30);
    expect(perBody('BB')).toBeGreaterThanOrEqual(15);
  });

  it('shows an open date poll of the Begleitbeirat with answers (the demo member has not answered yet)', async () => {
    const poll = await ds.getRepository(DatePoll).findOneOrFail({ where: { title: DEMO_POLL_TITLE }, relations: { body: true } });
    expect(poll.body.code).toBe('BB');
    expect(poll.state).toBe('open');
    expect(poll.deadline.getTime()).toBeGreaterThan(Date.now());
    expect(await ds.getRepository(DatePollSlot).count({ where: { pollId: poll.id } })).toBe(3);
    const responses = await ds.getRepository(DatePollResponse).find({ where: { pollId: poll.id }, relations: { person: true } });
    expect(responses.length).toBeGreaterThanOrEqual(5);
    expect(responses.some((r) => r.person.familyName === DEMO_PEOPLE.plainMember.familyName)).toBe(false);
  });

  it('adds an internal working group beside public demo bodies', async () => {
    const bodies = await ds.getRepository(Body).find();
    const internal = bodies.find((b) => b.code === DEMO_BODY_CODES.languageGroup);
    expect(internal).toMatchObject({ name: 'Arbeitsgruppe Sprache und Bildung', isPublic: false, kind: 'working_group' });
    expect(bodies.filter((b) => !b.isPublic).map((b) => b.code)).toEqual([DEMO_BODY_CODES.languageGroup]);
    expect(bodies.length).toBe(ALL_REAL_BODY_CODES.length + Object.keys(DEMO_BODY_CODES).length);
  });

  it('gives the Begleitbeirat its real chair, a demo deputy chair and a demo Geschäftsführung', async () => {
    const board = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const current = await ds.getRepository(Membership).find({
      where: { bodyId: board.id, endDate: IsNull() },
      relations: { person: { emails: true } },
    });
    const holders = (role: string) => current.filter((m) => m.role === role).map((m) => m.person);
    expect(holders('chair').map((p) => p.familyName)).toEqual(['Avramenko']);
    const [deputy] = holders('deputy_chair');
    expect(holders('deputy_chair')).toHaveLength(1);
    expect(deputy).toMatchObject({ givenName: DEMO_PEOPLE.boardDeputyChair.givenName, familyName: DEMO_PEOPLE.boardDeputyChair.familyName });
    expect(deputy.emails.map((e) => e.email)).toContain(DEMO_PEOPLE.boardDeputyChair.email);
    const secretaries = current.filter((m) => m.role === 'secretary');
    expect(secretaries).toHaveLength(1);
    expect(secretaries[0]).toMatchObject({ note: 'Geschäftsführung', votingRight: false });
    expect(secretaries[0].person).toMatchObject({ givenName: DEMO_PEOPLE.boardSecretary.givenName, familyName: DEMO_PEOPLE.boardSecretary.familyName });
    expect(secretaries[0].person.emails[0].email).toBe(DEMO_PEOPLE.boardSecretary.email);
    const plain = current.filter((m) => m.person.familyName === DEMO_PEOPLE.plainMember.familyName && m.person.givenName === DEMO_PEOPLE.plainMember.givenName);
    expect(plain.map((m) => [m.role, m.votingRight])).toEqual([['member', true]]);
    expect(plain[0].person.emails[0].email).toBe(DEMO_PEOPLE.plainMember.email);
    // The deputy chair's earlier plain membership is kept as history.
    const history = await ds.getRepository(Membership).find({ where: { bodyId: board.id, personId: deputy.id, endDate: Not(IsNull()) } });
    expect(history.map((m) => m.role)).toEqual(['member']);
  });

  it('exports demo identities that each match exactly one person and one e-mail address', async () => {
    for (const who of Object.values(DEMO_PEOPLE)) {
      const found = await ds.getRepository(Person).find({ where: { givenName: who.givenName, familyName: who.familyName }, relations: { emails: true } });
      expect(found).toHaveLength(1);
      expect(found[0].emails[0].email).toBe(who.email);
      expect(await ds.getRepository(PersonEmail).countBy({ email: who.email })).toBe(1);
    }
  });

  it('creates nothing on a second run and leaves every count as it was', async () => {
    const before = await recordCounts(ds);
    expect(await t.app.get(SeederService).seed({ demo: true })).toBe(0);
    expect(await t.app.get(SeederService).seed({ demo: true })).toBe(0);
    expect(await recordCounts(ds)).toEqual(before);
    await request(t.http).get('/').expect(200);
  });

  it('creates nothing when the app starts again on the same database', async () => {
    const before = await recordCounts(ds);
    const restarted = await createTestApp({ seedDemo: true, databasePath: t.config.databasePath, databaseUrl: t.config.databaseUrl });
    try {
      expect(await recordCounts(restarted.app.get(DataSource))).toEqual(before);
      expect(await restarted.app.get(SeederService).seed({ demo: true })).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});

describe('production seed (seedDemo from NODE_ENV=production)', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.seedDemo).toBe(false);
    t = await createTestApp({ seedDemo: production.seedDemo });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads only the real Schwerin data', async () => {
    const orgs = await ds.getRepository(Organisation).find({ withDeleted: true, order: { name: 'ASC' } });
    expect(orgs.map((o) => o.name)).toEqual(REAL_ORGANISATIONS);
    const people = await ds.getRepository(Person).find({ withDeleted: true });
    expect(people.map((p) => `${p.givenName} ${p.familyName}`)).toEqual(['Dimitri Avramenko']);
    const bodies = await ds.getRepository(Body).find({ withDeleted: true, order: { code: 'ASC' } });
    expect(bodies.map((b) => b.code)).toEqual(ALL_REAL_BODY_CODES);
    expect(bodies.every((b) => b.isPublic)).toBe(true);
    expect(await ds.getRepository(Membership).count()).toBe(5);
  });

  it('knows how the network works: five Arbeitstische with remits and admission rules, Sprecherrat, Ehrenamtsforum, plenary meetings', async () => {
    const bodies = await ds.getRepository(Body).find({ where: { code: In([...STRUCTURE_BODY_CODES, 'NM']) }, order: { code: 'ASC' } });
    const byCode = new Map(bodies.map((b) => [b.code, b]));
    expect(bodies.filter((b) => b.kind === 'working_group').map((b) => b.name)).toEqual([
      'Arbeitstisch I – Kita/Übergang Schule',
      'Arbeitstisch II – Ausbildung und Arbeit',
      'Arbeitstisch III – Interreligiöser Dialog',
      'Arbeitstisch IV – Gesellschaftliche Integration',
      'Arbeitstisch V – Beratung',
    ]);
    expect(byCode.get('AT3')?.description).toContain('nur mit einem Mandat einer Religionsgemeinschaft');
    expect(byCode.get('AT5')?.description).toContain('Nur für staatlich geförderte Beratungsdienste');
    expect(byCode.get('SR')?.name).toBe('Sprecherrat des Netzwerkes Migration');
    expect(byCode.get('EF')?.description).toContain('vierteljährlich');
    expect(byCode.get('NM')?.description).toContain('Frühjahrstagung und zur Herbsttagung');
    // no contact person of the city's page: the structure has no members at all
    const structureIds = bodies.filter((b) => b.code !== 'NM').map((b) => b.id);
    expect(await ds.getRepository(Membership).count({ where: { bodyId: In(structureIds) } })).toBe(0);
    const runs = await ds.getRepository(SeedRun).find();
    expect(runs.map((r) => r.name).sort()).toEqual(['schwerin', 'schwerin-structure', 'topics']);
  });

  it("has no 'example.org' anywhere in the database", async () => {
    const dump = await databaseText(ds);
    expect(dump.size).toBeGreaterThan(5);
    const offending = [...dump].filter(([, text]) => /example\.org/i.test(text)).map(([table]) => table);
    expect(offending).toEqual([]);
    // The dump really contains the data (the check above is not vacuous).
    expect(dump.get('people')).toContain('Avramenko');
    expect(dump.get('person_emails')).toContain('@schwerin.de');
  });

  it('stays free of demo data when seeded again', async () => {
    expect(await t.app.get(SeederService).seed({ demo: false })).toBe(0);
    expect(await ds.getRepository(Person).count()).toBe(1);
  });
});

describe('search index after a later seed set', () => {
  let t: TestApp;
  afterAll(async () => {
    await t.close();
  });

  it('indexes only what the new seed set added and leaves existing documents alone', async () => {
    t = await createTestApp({ seedDemo: false });
    const ds = t.app.get(DataSource);
    const docs = ds.getRepository(SearchDocument);
    const avramenko = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    // A marker on an existing document: a full rebuild would overwrite it, indexing what is missing keeps it.
    await t.app.get(DatabaseService).write((m) => m.getRepository(SearchDocument).update({ kind: 'person', refId: avramenko.id }, { subtitle: 'Marker vor dem Demo-Seed' }));

    expect(await t.app.get(SeederService).seed({ demo: true })).toBeGreaterThan(100);

    expect((await docs.findOneByOrFail({ kind: 'person', refId: avramenko.id })).subtitle).toBe('Marker vor dem Demo-Seed');
    const [people, organisations, bodies] = await Promise.all([ds.getRepository(Person).count(), ds.getRepository(Organisation).count(), ds.getRepository(Body).count()]);
    expect(await docs.countBy({ kind: In(['person', 'organisation', 'body']) })).toBe(people + organisations + bodies);
    // The demo meetings and their agendas are indexed too.
    expect(await docs.countBy({ kind: 'meeting' })).toBe(await ds.getRepository(Meeting).count());
    expect(await docs.countBy({ kind: 'agenda-item' })).toBe(await ds.getRepository(AgendaItem).count());
    const page = await request(t.http).get(`/suche?q=${encodeURIComponent(DEMO_PEOPLE.boardDeputyChair.familyName)}`).expect(200);
    expect(page.text).toContain(DEMO_PEOPLE.boardDeputyChair.familyName);
  });
});

import { Body } from '../src/bodies/body.entity.js';
import type { MembershipRole } from '../src/bodies/membership.entity.js';
import { languageLabel } from '../src/people/person-labels.js';
import type { Organisation, OrganisationKind } from '../src/organisations/organisation.entity.js';
import type { PhoneKind } from '../src/people/person-phone.entity.js';
import type { Person, Visibility } from '../src/people/person.entity.js';
import { type Gender, NAME_CULTURES, type NameCulture, type Title, familyNameFor, mailPart, splitName, titleFor } from './demo-names.js';
import { DEMO_ORGANISATIONS, type DemoOrganisation } from './demo-organisations.js';
import { DemoRandom } from './demo-random.js';
import type { PersonSeed, SeedContext } from './seed-context.js';

/**
 * Clearly fictional demo data: a network that looks like a real one (≈40 organisations,
 * ≈160 people in every script, memberships with history) but where every organisation and
 * person is invented, every mail and web address is at example.org and every phone number is
 * from the fictional range +49 385 5550-…. Never loaded in production unless SEED_DEMO=true.
 *
 * Deterministic: a seeded PRNG decides everything, so a second run asks for exactly the same
 * records and SeedContext creates nothing.
 */

export interface DemoIdentity {
  givenName: string;
  familyName: string;
  /** Their first (work) e-mail address; demo accounts log in with it. */
  email: string;
}

/** Demo people other modules build on (demo accounts log in as these). */
export const DEMO_PEOPLE = {
  /** Stellvertretender Vorsitz im Begleitbeirat (BB), voting member. */
  boardDeputyChair: { givenName: 'Leyla', familyName: 'Şahin', email: 'leyla.sahin@example.org' },
  /** Geschäftsführung des Begleitbeirates (BB, role secretary), no voting right. */
  boardSecretary: { givenName: 'Jana', familyName: 'Köhler', email: 'jana.koehler@example.org' },
  /** An ordinary voting member of the Begleitbeirat (BB) without any office. */
  plainMember: { givenName: 'Thị Lan', familyName: 'Nguyễn', email: 'thi-lan.nguyen@example.org' },
  /** Chair of the internal Arbeitsgruppe Sprache und Bildung (AGSB). */
  workingGroupChair: { givenName: 'Sabine', familyName: 'Müller', email: 'sabine.mueller@example.org' },
} as const satisfies Record<string, DemoIdentity>;

/** Codes of the demo bodies; AGSB is internal (not public). */
export const DEMO_BODY_CODES = { languageGroup: 'AGSB', healthGroup: 'AKGM', volunteerForum: 'FEF' } as const;

const GENERATED_PEOPLE = 140;
const PRNG_SEED = 20_030_101; // the network was founded in 2003
const LOCALITY = 'Schwerin';

/**
 * Job titles by kind of organisation. `head` goes to the first person of an organisation that
 * has none yet, `unique` titles are given at most once per organisation, `common` ones freely.
 */
interface TitlePool {
  head?: Title;
  unique?: readonly Title[];
  common: readonly Title[];
}

const TITLES: Record<OrganisationKind | 'none', TitlePool> = {
  authority: {
    unique: ['Teamleitung Einbürgerung'],
    common: [
      ['Sachbearbeiterin Integration', 'Sachbearbeiter Integration'],
      ['Sachbearbeiterin Aufenthaltsrecht', 'Sachbearbeiter Aufenthaltsrecht'],
      ['Sozialarbeiterin', 'Sozialarbeiter'],
      ['Koordinatorin Ehrenamt', 'Koordinator Ehrenamt'],
      ['Sprachmittlerin', 'Sprachmittler'],
    ],
  },
  ngo: {
    unique: ['Projektleitung „Ankommen in Schwerin“'],
    common: [
      ['Migrationsberaterin', 'Migrationsberater'],
      ['Sozialpädagogin', 'Sozialpädagoge'],
      ['Psychologin', 'Psychologe'],
      ['Verfahrensberaterin Asyl', 'Verfahrensberater Asyl'],
      ['Ehrenamtskoordinatorin', 'Ehrenamtskoordinator'],
      ['Jugendmigrationsberaterin', 'Jugendmigrationsberater'],
    ],
  },
  association: {
    head: ['Vorsitzende', 'Vorsitzender'],
    unique: [
      ['Stellvertretende Vorsitzende', 'Stellvertretender Vorsitzender'],
      ['Schatzmeisterin', 'Schatzmeister'],
    ],
    common: ['Vorstand', ['Ehrenamtliche Patin', 'Ehrenamtlicher Pate'], ['Projektkoordinatorin', 'Projektkoordinator']],
  },
  migrant_organisation: {
    head: ['Vorsitzende', 'Vorsitzender'],
    unique: [['Stellvertretende Vorsitzende', 'Stellvertretender Vorsitzender'], 'Vorstand, Jugendarbeit'],
    common: [
      ['Kulturmittlerin', 'Kulturmittler'],
      ['Elternbegleiterin', 'Elternbegleiter'],
      ['Ehrenamtliche Sprachmittlerin', 'Ehrenamtlicher Sprachmittler'],
    ],
  },
  religious_community: {
    head: 'Gemeindevorstand',
    common: [
      ['Ansprechpartnerin für Integration', 'Ansprechpartner für Integration'],
      ['Seelsorgerin', 'Seelsorger'],
      ['Gemeindereferentin', 'Gemeindereferent'],
    ],
  },
  education: {
    common: [
      ['Kursleiterin Deutsch als Zweitsprache', 'Kursleiter Deutsch als Zweitsprache'],
      ['Schulsozialarbeiterin', 'Schulsozialarbeiter'],
      'Lehrkraft Berufssprachkurse',
      ['Bildungsberaterin', 'Bildungsberater'],
      ['Erzieherin', 'Erzieher'],
      'Kursorganisation',
    ],
  },
  other: {
    common: [
      ['Projektleiterin', 'Projektleiter'],
      ['Sprachmittlerin', 'Sprachmittler'],
      ['Quartiersmanagerin', 'Quartiersmanager'],
      ['Redakteurin', 'Redakteur'],
      ['Sozialberaterin', 'Sozialberater'],
    ],
  },
  none: {
    common: [
      ['Ehrenamtliche Sprachmittlerin', 'Ehrenamtlicher Sprachmittler'],
      ['Ehrenamtliche Familienpatin', 'Ehrenamtlicher Familienpate'],
    ],
  },
};

const TASKS: Record<OrganisationKind | 'none', readonly string[]> = {
  authority: [
    'Beratung zu Aufenthalt, Arbeit und Wohnen',
    'Koordination der ehrenamtlichen Sprachmittlung',
    'Ansprechstelle für Träger und Vereine im Stadtteil',
    'Vorbereitung der jährlichen Integrationskonferenz',
  ],
  ngo: [
    'Migrationsberatung für Erwachsene',
    'Begleitung zu Behörden und Arztpraxen',
    'Verfahrensberatung im Asylverfahren',
    'Gruppenangebote für Frauen und Familien',
    'Vermittlung in Sprachkurse und Ausbildung',
  ],
  association: [
    'Organisation des monatlichen Begegnungscafés',
    'Vermittlung von Patenschaften',
    'Öffentlichkeitsarbeit des Vereins',
    'Hausaufgabenhilfe am Nachmittag',
  ],
  migrant_organisation: [
    'Anlaufstelle für neu angekommene Familien',
    'Herkunftssprachlicher Unterricht für Kinder',
    'Begleitung bei Elterngesprächen in Schule und Kita',
    'Organisation von Kulturfesten',
  ],
  religious_community: ['Seelsorge und Begleitung', 'Interreligiöser Dialog', 'Härtefallberatung', 'Offener Gemeindetreff'],
  education: [
    'Planung der Integrations- und Berufssprachkurse',
    'Einstufungstests und Kursberatung',
    'Zusammenarbeit mit Jobcenter und Betrieben',
    'Lernbegleitung für Jugendliche ohne Schulabschluss',
  ],
  other: [
    'Einsatzplanung der Sprachmittlerinnen und Sprachmittler',
    'Quartiersarbeit und Nachbarschaftsfeste',
    'Mehrsprachige Beiträge und Podcasts',
    'Sozialberatung für Mieterinnen und Mieter',
  ],
  none: ['Ehrenamtliche Sprachmittlung bei Arztbesuchen', 'Begleitung von Familien im Alltag'],
};

const CONSENT_SOURCES = [
  'Schriftliche Einwilligung, abgelegt in der Geschäftsstelle',
  'Einwilligung per E-Mail an die Geschäftsstelle',
  'Einwilligungsformular der Netzwerkkonferenz',
];

/** Own addresses of people who are active without an organisation (real streets, fictional house numbers). */
const PRIVATE_ADDRESSES: readonly [string, string][] = [
  ['Lübecker Straße 212', '19057'],
  ['Arsenalstraße 8', '19053'],
  ['Körnerstraße 19', '19055'],
  ['Hagenower Straße 71', '19061'],
  ['Parchimer Straße 5', '19063'],
];

type VisibilityPreset = 'public' | 'public-contact' | 'public-without-consent' | 'members' | 'mixed' | 'hidden';

interface PersonPlan {
  gender: Gender;
  formOfAddress: string;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  givenLatin: string;
  familyLatin: string;
  org: DemoOrganisation | null;
  functionTitle: string;
  room: string | null;
  languages: string[];
  visibility: VisibilityPreset;
  profileTasks: string[] | null;
  profileText?: string;
  mobile: boolean;
  fax: boolean;
  workPhone: boolean;
  email: boolean;
  teamMailbox: boolean;
  email0?: string;
}

interface AnchorSpec {
  key: string;
  gender: Gender;
  academicTitle?: string;
  givenName: string;
  familyName: string;
  givenLatin?: string;
  familyLatin?: string;
  org: string | null;
  functionTitle: string;
  room?: string;
  languages: string[];
  visibility: VisibilityPreset;
  profile?: string;
  email?: string;
}

/** Hand-written people: the office holders and the names tests and demo accounts rely on. */
const ANCHORS: readonly AnchorSpec[] = [
  {
    key: 'boardDeputyChair',
    gender: 'f',
    academicTitle: 'Dr.',
    ...DEMO_PEOPLE.boardDeputyChair,
    org: 'ankommen',
    functionTitle: 'Geschäftsführerin',
    room: '1.03',
    languages: ['de', 'tr', 'en'],
    visibility: 'public',
    profile: [
      '## Was sind meine Aufgaben?',
      '- Leitung des Beratungsnetzes Ankommen Schwerin',
      '- Stellvertretender Vorsitz im Begleitbeirat für die Umsetzung des Integrationskonzeptes',
      '',
      '## Was sind meine Ziele?',
      'Beratung soll dort ankommen, wo Menschen sie brauchen: wohnortnah, mehrsprachig und ohne lange Wartezeiten.',
    ].join('\n'),
  },
  {
    key: 'boardSecretary',
    gender: 'f',
    ...DEMO_PEOPLE.boardSecretary,
    org: 'kiz-nord',
    functionTitle: 'Geschäftsstelle Begleitbeirat',
    room: '2.14',
    languages: ['de', 'en', 'ru'],
    visibility: 'public',
    profile: [
      '## Was sind meine Aufgaben?',
      '- Vorbereitung der Sitzungen des Begleitbeirates: Einladung, Tagesordnung, Unterlagen',
      '- Protokoll und Nachverfolgung der Beschlüsse und Aufgaben',
      '- Ansprechpartnerin für Mitglieder und Gäste des Beirates',
    ].join('\n'),
  },
  {
    key: 'plainMember',
    gender: 'f',
    ...DEMO_PEOPLE.plainMember,
    familyLatin: 'nguyen',
    org: 'sen-vang',
    functionTitle: 'Sozialberaterin',
    languages: ['de', 'vi', 'ru'],
    visibility: 'members',
  },
  {
    key: 'workingGroupChair',
    gender: 'f',
    ...DEMO_PEOPLE.workingGroupChair,
    org: 'bildungswerk-zukunft',
    functionTitle: 'Fachbereichsleitung Integrationskurse',
    room: '3.08',
    languages: ['de', 'en', 'fr'],
    visibility: 'public',
  },
  { key: 'kaiMueller', gender: 'm', givenName: 'Kai', familyName: 'Mueller', org: 'sprachenzentrum-lindenhof', functionTitle: 'Kursleiter Deutsch als Zweitsprache', languages: ['de', 'en', 'es'], visibility: 'members' },
  { key: 'emreCelik', gender: 'm', givenName: 'Emre', familyName: 'Çelik', org: 'koepru', functionTitle: 'Vorsitzender', languages: ['de', 'tr', 'ku'], visibility: 'public' },
  { key: 'minhDang', gender: 'm', givenName: 'Văn Minh', familyName: 'Đặng', org: 'sen-vang', functionTitle: 'Vorsitzender', languages: ['de', 'vi'], visibility: 'public' },
  { key: 'dmitriySokolov', gender: 'm', givenName: 'Дмитрий', familyName: 'Соколов', givenLatin: 'dmitrij', familyLatin: 'sokolow', org: 'rodnik', functionTitle: 'Kulturmittler', languages: ['ru', 'uk', 'de'], visibility: 'members' },
  { key: 'meiLin', gender: 'f', givenName: 'Mei', familyName: 'Lin', org: 'lernwerk', functionTitle: 'Lehrkraft Berufssprachkurse', languages: ['de', 'zh', 'en'], visibility: 'members' },
  { key: 'frankLindner', gender: 'm', givenName: 'Frank', familyName: 'Lindner', org: 'fluechtlingshilfe-wm', functionTitle: 'Verfahrensberater Asyl', languages: ['de', 'en', 'fr'], visibility: 'public' },
  { key: 'yousefHalabi', gender: 'm', givenName: 'يوسف', familyName: 'الحلبي', givenLatin: 'yousef', familyLatin: 'alhalabi', org: 'al-dschisr', functionTitle: 'Kulturmittler', languages: ['ar', 'en', 'de'], visibility: 'members' },
  { key: 'oksanaTkachenko', gender: 'f', givenName: 'Оксана', familyName: 'Ткаченко', givenLatin: 'oksana', familyLatin: 'tkatschenko', org: 'mrija', functionTitle: 'Vorsitzende', languages: ['uk', 'ru', 'pl', 'de'], visibility: 'public' },
  { key: 'fereshtehRahimi', gender: 'f', givenName: 'فرشته', familyName: 'رحیمی', givenLatin: 'fereshteh', familyLatin: 'rahimi', org: 'pamir', functionTitle: 'Vorsitzende', languages: ['fa', 'ps', 'de'], visibility: 'members' },
  { key: 'filmonTesfamariam', gender: 'm', givenName: 'Filmon', familyName: 'Tesfamariam', org: 'eritrea-schwerin', functionTitle: 'Vorsitzender', languages: ['ti', 'am', 'ar', 'de'], visibility: 'mixed' },
  { key: 'rtaChair', gender: 'f', academicTitle: 'Dr.', givenName: 'Ulrike', familyName: 'Sander', org: 'fluechtlingshilfe-wm', functionTitle: 'Geschäftsführerin', room: '0.12', languages: ['de', 'en'], visibility: 'public' },
  { key: 'abChair', gender: 'f', givenName: 'Maren', familyName: 'Voß', org: 'begegnungskreis-ziegelsee', functionTitle: 'Pastorin', languages: ['de', 'en'], visibility: 'public' },
  { key: 'akgmChair', gender: 'f', academicTitle: 'Dr.', givenName: 'Rania', familyName: 'Haddad', org: 'psz-ostufer', functionTitle: 'Leitende Psychologin', languages: ['ar', 'en', 'fr', 'de'], visibility: 'public' },
  { key: 'fefChair', gender: 'm', givenName: 'Uwe', familyName: 'Rathke', org: 'patenschaftsnetz', functionTitle: 'Vorsitzender', languages: ['de'], visibility: 'members' },
  { key: 'formerBoardSecretary', gender: 'm', givenName: 'Torsten', familyName: 'Kühn', org: 'kiz-nord', functionTitle: 'Sachbearbeiter Integration', room: '2.16', languages: ['de', 'en'], visibility: 'members' },
  { key: 'kizHead', gender: 'm', givenName: 'Henning', familyName: 'Brandt', org: 'kiz-nord', functionTitle: 'Leiter des Integrationszentrums', room: '2.01', languages: ['de', 'en', 'ru'], visibility: 'public' },
];

function germanList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

function pickWeighted<T extends { weight: number }>(rng: DemoRandom, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rng.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1];
}

function pickVisibility(rng: DemoRandom): VisibilityPreset {
  const r = rng.next();
  if (r < 0.25) return 'public';
  if (r < 0.37) return 'public-contact';
  if (r < 0.4) return 'public-without-consent';
  if (r < 0.8) return 'members';
  if (r < 0.92) return 'mixed';
  return 'hidden';
}

function visibilityFields(preset: VisibilityPreset, rng: DemoRandom): Pick<Person, 'phoneVisibility' | 'emailVisibility' | 'addressVisibility' | 'consentAt' | 'consentRecordedBy'> {
  const v = (phone: Visibility, email: Visibility, address: Visibility, consent: boolean) => ({
    phoneVisibility: phone,
    emailVisibility: email,
    addressVisibility: address,
    consentAt: consent ? new Date(`${rng.isoDate(2016, 2025)}T09:00:00Z`) : null,
    consentRecordedBy: consent ? rng.pick(CONSENT_SOURCES) : null,
  });
  switch (preset) {
    case 'public':
      return v('public', 'public', 'public', true);
    case 'public-contact':
      return v('public', 'public', 'members', true);
    case 'public-without-consent':
      return v('public', 'public', 'members', false);
    case 'members':
      return v('members', 'members', 'members', false);
    case 'mixed':
      return v('hidden', 'members', 'hidden', false);
    case 'hidden':
      return v('hidden', 'hidden', 'hidden', false);
  }
}

function languagesFor(culture: NameCulture, rng: DemoRandom): string[] {
  const langs: string[] = [];
  if (culture.nativeLanguage) langs.push(culture.nativeLanguage);
  if (rng.chance(culture.germanShare)) langs.push('de');
  for (let extra = rng.int(0, 2); extra > 0; extra--) langs.push(rng.pick(culture.languages));
  return [...new Set(langs)];
}

function roomFor(kind: OrganisationKind, rng: DemoRandom): string | null {
  if (kind === 'authority') return `${rng.int(1, 5)}.${String(rng.int(1, 30)).padStart(2, '0')}`;
  if ((kind === 'ngo' || kind === 'education') && rng.chance(0.6)) return `${rng.int(0, 3)}.${String(rng.int(1, 15)).padStart(2, '0')}`;
  return null;
}

/** Every person of the demo, in a fixed order: anchors first, then the generated people. */
function planPeople(rng: DemoRandom): { plans: PersonPlan[]; anchors: Map<string, PersonPlan> } {
  const orgBySlug = new Map(DEMO_ORGANISATIONS.map((o) => [o.slug, o]));
  const usedNames = new Set<string>();
  const plans: PersonPlan[] = [];
  const anchors = new Map<string, PersonPlan>();

  for (const a of ANCHORS) {
    const org = a.org ? (orgBySlug.get(a.org) ?? null) : null;
    if (a.org && !org) throw new Error(`Demo anchor ${a.key}: unknown organisation ${a.org}`);
    const plan: PersonPlan = {
      gender: a.gender,
      formOfAddress: a.gender === 'f' ? 'Frau' : 'Herr',
      academicTitle: a.academicTitle ?? null,
      givenName: a.givenName,
      familyName: a.familyName,
      givenLatin: a.givenLatin ?? a.givenName,
      familyLatin: a.familyLatin ?? a.familyName,
      org,
      functionTitle: a.functionTitle,
      room: a.room ?? null,
      languages: a.languages,
      visibility: a.visibility,
      profileTasks: null,
      profileText: a.profile,
      mobile: true,
      fax: !!org?.hasFax,
      workPhone: true,
      email: true,
      teamMailbox: false,
      email0: a.email,
    };
    usedNames.add(`${a.givenName} ${a.familyName}`);
    plans.push(plan);
    anchors.set(a.key, plan);
  }

  // Offices already held per organisation (anchors first), so nobody gets a second chair.
  const heldTitles = new Map<string, Set<string>>();
  const held = (slug: string): Set<string> => heldTitles.get(slug) ?? heldTitles.set(slug, new Set()).get(slug)!;
  for (const p of plans) if (p.org) held(p.org.slug).add(p.functionTitle);
  const titleKey = (t: Title) => (typeof t === 'string' ? [t] : [...t]);
  const pickTitle = (org: DemoOrganisation | null, gender: Gender): string => {
    const pool: TitlePool = org?.titles ?? TITLES[org?.kind ?? 'none'];
    const taken = org ? held(org.slug) : new Set<string>();
    const isTaken = (t: Title) => titleKey(t).some((k) => taken.has(k));
    let title: Title;
    if (pool.head && !isTaken(pool.head)) title = pool.head;
    else title = rng.pick([...pool.common, ...(pool.unique ?? []).filter((t) => !isTaken(t))]);
    const text = titleFor(title, gender);
    taken.add(text);
    return text;
  };
  // Migrant organisations and religious communities draw people only from their own communities.
  const openTo = (o: DemoOrganisation, culture: NameCulture, gender: Gender) =>
    (!o.womenOnly || gender === 'f') &&
    (o.affinity?.includes(culture.key) ?? (o.kind !== 'migrant_organisation' && o.kind !== 'religious_community'));
  const orgWeight = (o: DemoOrganisation, culture: NameCulture) => o.size * (o.affinity?.includes(culture.key) ? 2 : 1);

  const generate = (culture: NameCulture, gender: Gender, org: DemoOrganisation | null | undefined): void => {
    let given = splitName(rng.pick(culture[gender === 'f' ? 'female' : 'male']));
    let family = familyNameFor(rng.pick(culture.family), gender);
    for (let attempt = 0; usedNames.has(`${given.name} ${family.name}`) && attempt < 50; attempt++) {
      given = splitName(rng.pick(culture[gender === 'f' ? 'female' : 'male']));
      family = familyNameFor(rng.pick(culture.family), gender);
    }
    if (usedNames.has(`${given.name} ${family.name}`)) return;
    usedNames.add(`${given.name} ${family.name}`);

    if (org === undefined) {
      const candidates = DEMO_ORGANISATIONS.filter((o) => openTo(o, culture, gender)).map((o) => ({ org: o, weight: orgWeight(o, culture) }));
      org = rng.chance(0.05) ? null : pickWeighted(rng, candidates).org;
    }
    const kind = org?.kind ?? 'none';
    plans.push({
      gender,
      formOfAddress: rng.chance(0.04) ? '' : gender === 'f' ? 'Frau' : 'Herr',
      academicTitle: rng.chance(0.06) ? 'Dr.' : null,
      givenName: given.name,
      familyName: family.name,
      givenLatin: given.latin,
      familyLatin: family.latin,
      org,
      functionTitle: pickTitle(org, gender),
      room: org ? roomFor(org.kind, rng) : null,
      languages: languagesFor(culture, rng),
      visibility: pickVisibility(rng),
      profileTasks: rng.chance(0.3) ? rng.sample(TASKS[kind], 2) : null,
      mobile: rng.chance(0.35),
      fax: !!org?.hasFax && rng.chance(0.5),
      workPhone: !!org && rng.chance(0.85),
      email: rng.chance(0.92),
      teamMailbox: !!org && rng.chance(0.15),
    });
  };

  // Every organisation gets at least one contact person, from its own community where it has one.
  for (const org of DEMO_ORGANISATIONS) {
    if (plans.some((p) => p.org === org)) continue;
    const cultures = NAME_CULTURES.filter((c) => org.affinity?.includes(c.key));
    const gender: Gender = org.womenOnly || rng.chance(0.55) ? 'f' : 'm';
    generate(cultures.length > 0 ? rng.pick(cultures) : pickWeighted(rng, NAME_CULTURES), gender, org);
  }
  const target = ANCHORS.length + GENERATED_PEOPLE;
  for (let attempt = 0; plans.length < target && attempt < 3 * target; attempt++) {
    generate(pickWeighted(rng, NAME_CULTURES), rng.chance(0.55) ? 'f' : 'm', undefined);
  }
  return { plans, anchors };
}

function profileFor(plan: PersonPlan): string | null {
  if (plan.profileText) return plan.profileText;
  if (!plan.profileTasks) return null;
  const languages = plan.languages.map(languageLabel);
  return [
    '## Was sind meine Aufgaben?',
    ...plan.profileTasks.map((t) => `- ${t}`),
    '',
    '## Sprachen',
    `Gespräche sind auf ${germanList(languages)} möglich.`,
  ].join('\n');
}

function orgPhone(index: number): string {
  return `+49 385 5550-${101 + index}`;
}
function orgFax(index: number): string {
  return `+49 385 5550-${901 + index}`;
}

async function seedOrganisations(ctx: SeedContext): Promise<Map<string, Organisation>> {
  const bySlug = new Map<string, Organisation>();
  for (const [index, o] of DEMO_ORGANISATIONS.entries()) {
    const parent = o.parent ? bySlug.get(o.parent) : undefined;
    if (o.parent && !parent) throw new Error(`Demo organisation ${o.slug}: parent ${o.parent} must come first`);
    const org = await ctx.ensureOrganisation({
      name: o.name,
      shortName: o.shortName ?? null,
      kind: o.kind,
      parentId: parent?.id ?? null,
      street: o.street,
      postalCode: o.postalCode,
      locality: LOCALITY,
      phone: orgPhone(index),
      fax: o.hasFax ? orgFax(index) : null,
      email: `${o.slug}@example.org`,
      website: o.hasWebsite ? `https://example.org/${o.slug}` : null,
      description: o.description ?? null,
    });
    bySlug.set(o.slug, org);
  }
  return bySlug;
}

interface SeededPerson {
  person: Person;
  plan: PersonPlan;
  org: Organisation | null;
}

async function seedPeople(ctx: SeedContext, rng: DemoRandom, orgs: Map<string, Organisation>) {
  const { plans, anchors } = planPeople(rng);
  const usedEmails = new Set<string>();
  const seeded: SeededPerson[] = [];
  const byAnchor = new Map<string, SeededPerson>();
  let privateAddress = 0;

  for (const [n, plan] of plans.entries()) {
    const org = plan.org ? (orgs.get(plan.org.slug) ?? null) : null;
    const phones: { kind: PhoneKind; number: string }[] = [];
    if (plan.workPhone) phones.push({ kind: 'work', number: `+49 385 5550-${200 + n}` });
    if (plan.mobile) phones.push({ kind: 'mobile', number: `+49 151 5550${String(n).padStart(4, '0')}` });
    if (plan.fax && org?.fax) phones.push({ kind: 'fax', number: org.fax });

    const emails: string[] = [];
    if (plan.email) {
      let email = plan.email0 ?? `${mailPart(plan.givenLatin)}.${mailPart(plan.familyLatin)}@example.org`;
      for (let k = 2; usedEmails.has(email); k++) email = `${mailPart(plan.givenLatin)}.${mailPart(plan.familyLatin)}${k}@example.org`;
      usedEmails.add(email);
      emails.push(email);
    }
    if (plan.teamMailbox && plan.org) emails.push(`team.${plan.org.slug}@example.org`);

    const ownAddress = org ? null : PRIVATE_ADDRESSES[privateAddress++ % PRIVATE_ADDRESSES.length];
    const seed: PersonSeed = {
      formOfAddress: plan.formOfAddress,
      academicTitle: plan.academicTitle,
      givenName: plan.givenName,
      familyName: plan.familyName,
      functionTitle: plan.functionTitle,
      organisationId: org?.id,
      room: plan.room,
      street: ownAddress?.[0] ?? null,
      postalCode: ownAddress?.[1] ?? null,
      locality: ownAddress ? LOCALITY : null,
      profile: profileFor(plan),
      ...visibilityFields(plan.visibility, rng),
      phones,
      emails,
      languages: plan.languages,
    };
    const person = await ctx.ensurePerson(seed);
    const entry = { person, plan, org };
    seeded.push(entry);
    for (const [key, anchorPlan] of anchors) {
      if (anchorPlan === plan) byAnchor.set(key, entry);
    }
  }
  return { seeded, byAnchor };
}

/** Writes memberships of one body, never giving one person two current seats in it. */
class BodyRoster {
  private readonly seated = new Set<number>();

  constructor(
    private readonly ctx: SeedContext,
    private readonly rng: DemoRandom,
    readonly body: Body,
    private readonly from: number,
  ) {}

  has(p: SeededPerson): boolean {
    return this.seated.has(p.person.id);
  }

  async add(
    p: SeededPerson,
    role: MembershipRole,
    options: { startDate?: string; endDate?: string; note?: string; votingRight?: boolean; onBehalfOf?: Organisation | null } = {},
  ): Promise<void> {
    const startDate = options.startDate ?? this.rng.isoDate(this.from, 2025);
    if (!options.endDate) this.seated.add(p.person.id);
    const onBehalfOf = options.onBehalfOf === undefined ? p.org : options.onBehalfOf;
    await this.ctx.ensureMembership({
      bodyId: this.body.id,
      personId: p.person.id,
      role,
      votingRight: options.votingRight ?? ['chair', 'deputy_chair', 'member'].includes(role),
      onBehalfOfId: onBehalfOf?.id ?? null,
      note: options.note ?? null,
      startDate,
      endDate: options.endDate ?? null,
    });
  }

  /** A former seat: started between from and 2018, ended 1–6 years later (always before 2026). */
  async addFormer(p: SeededPerson, role: MembershipRole): Promise<void> {
    const startYear = this.rng.int(this.from, Math.max(this.from, 2018));
    const startDate = `${startYear}-${String(this.rng.int(1, 12)).padStart(2, '0')}-01`;
    const endYear = Math.min(2025, startYear + this.rng.int(1, 6));
    const endDate = `${endYear}-${this.rng.pick(['03-31', '06-30', '12-31'])}`;
    await this.add(p, role, { startDate, endDate });
  }

  /** n people from the pool who hold no current seat here yet, each with the given role. */
  async addSome(pool: readonly SeededPerson[], n: number, role: MembershipRole): Promise<void> {
    for (const p of this.rng.sample(pool.filter((c) => !this.has(c)), n)) await this.add(p, role);
  }

  async addSomeFormer(pool: readonly SeededPerson[], n: number, role: MembershipRole = 'member'): Promise<void> {
    for (const p of this.rng.sample(pool.filter((c) => !this.has(c)), n)) await this.addFormer(p, role);
  }
}

async function realBody(ctx: SeedContext, code: string): Promise<Body> {
  const body = await ctx.manager.getRepository(Body).findOne({ where: { code }, withDeleted: true });
  if (!body) throw new Error(`Demo seed: the real body ${code} is missing (seedSchwerin runs first)`);
  return body;
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const rng = new DemoRandom(PRNG_SEED);
  const orgs = await seedOrganisations(ctx);
  const { seeded, byAnchor } = await seedPeople(ctx, rng, orgs);
  const anchor = (key: string): SeededPerson => {
    const p = byAnchor.get(key);
    if (!p) throw new Error(`Demo seed: anchor ${key} missing`);
    return p;
  };
  const withOrg = seeded.filter((p) => p.org !== null);
  const withoutOrg = seeded.filter((p) => p.org === null);
  const ofKinds = (...kinds: OrganisationKind[]) => withOrg.filter((p) => p.org && kinds.includes(p.org.kind));

  const languageGroup = await ctx.ensureBody({
    name: 'Arbeitsgruppe Sprache und Bildung',
    shortName: 'AG Sprache und Bildung',
    code: DEMO_BODY_CODES.languageGroup,
    kind: 'working_group',
    isPublic: false,
    foundedOn: '2019-05-01',
    defaultDurationMinutes: 90,
    noticePeriodDays: 7,
    description:
      'Interne Arbeitsgruppe des Netzwerkes Migration: stimmt die Angebote der Sprachkursträger, Schulen und Kitas ab und bereitet Empfehlungen für den Begleitbeirat vor.',
  });
  const healthGroup = await ctx.ensureBody({
    name: 'Arbeitskreis Gesundheit und Migration',
    shortName: 'AK Gesundheit',
    code: DEMO_BODY_CODES.healthGroup,
    kind: 'working_group',
    isPublic: true,
    foundedOn: '2020-10-01',
    defaultDurationMinutes: 90,
    description: 'Fachaustausch zu Gesundheitsversorgung, Sprachmittlung in Arztpraxen und psychosozialer Unterstützung für Geflüchtete.',
  });
  const volunteerForum = await ctx.ensureBody({
    name: 'Forum Ehrenamt in der Flüchtlingshilfe',
    shortName: 'Forum Ehrenamt',
    code: DEMO_BODY_CODES.volunteerForum,
    kind: 'other',
    isPublic: true,
    foundedOn: '2016-01-01',
    foundedYearOnly: true,
    noticePeriodDays: 10,
    description: 'Treffen der ehrenamtlich Engagierten in der Flüchtlingshilfe: Erfahrungsaustausch, Fortbildungen und Absprachen mit den hauptamtlichen Stellen.',
  });

  // Netzwerk Migration: the representatives of the member organisations, with their history.
  const network = new BodyRoster(ctx, rng, await realBody(ctx, 'NM'), 2004);
  for (const o of DEMO_ORGANISATIONS) {
    const staff = withOrg.filter((p) => p.org?.name === o.name);
    const [first, second, third] = staff;
    if (first) await network.add(first, 'member');
    if (second && rng.chance(0.6)) await network.add(second, o.kind === 'authority' ? 'advisory_member' : 'deputy_member');
    if (third && rng.chance(0.5)) await network.addFormer(third, 'member');
  }
  await network.addSome(withoutOrg, 3, 'guest');

  // Begleitbeirat: chaired by the real Integrationsbeauftragter; deputy chair and Geschäftsführung are demo people.
  const board = new BodyRoster(ctx, rng, await realBody(ctx, 'BB'), 2012);
  const deputy = anchor('boardDeputyChair');
  await board.add(deputy, 'member', { startDate: '2017-02-01', endDate: '2021-02-28' });
  await board.add(deputy, 'deputy_chair', { startDate: '2021-03-01' });
  await board.add(anchor('formerBoardSecretary'), 'secretary', { startDate: '2015-06-01', endDate: '2021-12-31', note: 'Geschäftsführung' });
  await board.add(anchor('boardSecretary'), 'secretary', { startDate: '2022-01-01', note: 'Geschäftsführung' });
  await board.add(anchor('plainMember'), 'member', { startDate: '2023-04-01' });
  for (const key of ['emreCelik', 'oksanaTkachenko', 'frankLindner', 'workingGroupChair']) await board.add(anchor(key), 'member');
  await board.add(anchor('kizHead'), 'advisory_member', { startDate: '2019-01-01' });
  await board.addSome(ofKinds('migrant_organisation', 'ngo', 'association', 'religious_community'), 7, 'member');
  await board.addSome(ofKinds('migrant_organisation', 'ngo', 'association', 'education'), 5, 'deputy_member');
  await board.addSome(ofKinds('authority', 'education'), 2, 'advisory_member');
  await board.addSome(withOrg, 2, 'guest');
  await board.addSomeFormer(withOrg, 3);

  const roundTable = new BodyRoster(ctx, rng, await realBody(ctx, 'RTA'), 2014);
  await roundTable.add(anchor('rtaChair'), 'chair', { startDate: '2016-03-01' });
  await roundTable.addSome(ofKinds('ngo', 'migrant_organisation'), 1, 'deputy_chair');
  await roundTable.addSome(ofKinds('ngo', 'authority'), 1, 'secretary');
  await roundTable.add(anchor('frankLindner'), 'member');
  await roundTable.addSome(ofKinds('ngo', 'migrant_organisation', 'association', 'religious_community'), 12, 'member');
  await roundTable.addSome(withOrg, 3, 'deputy_member');
  await roundTable.addSome(ofKinds('authority'), 2, 'advisory_member');
  await roundTable.addSome(seeded, 2, 'guest');
  await roundTable.addSomeFormer(withOrg, 3);

  const alliance = new BodyRoster(ctx, rng, await realBody(ctx, 'AB'), 2012);
  await alliance.add(anchor('abChair'), 'chair', { startDate: '2015-01-15' });
  await alliance.add(anchor('emreCelik'), 'deputy_chair', { startDate: '2020-02-01' });
  await alliance.addSome(ofKinds('association', 'ngo'), 1, 'secretary');
  await alliance.addSome(withOrg, 16, 'member');
  await alliance.addSome(ofKinds('authority'), 1, 'advisory_member');
  await alliance.addSome(withoutOrg, 3, 'guest');
  await alliance.addSomeFormer(withOrg, 2);

  const conference = new BodyRoster(ctx, rng, await realBody(ctx, 'KIB'), 2016);
  await conference.add(anchor('kizHead'), 'deputy_member', { startDate: '2019-01-01', note: 'Vertretung bei Verhinderung' });
  await conference.add(anchor('boardSecretary'), 'guest', { startDate: '2022-01-01' });

  const lang = new BodyRoster(ctx, rng, languageGroup, 2019);
  await lang.add(anchor('workingGroupChair'), 'chair', { startDate: '2019-05-01' });
  await lang.add(anchor('meiLin'), 'secretary', { startDate: '2021-09-01' });
  for (const key of ['kaiMueller', 'plainMember', 'yousefHalabi', 'oksanaTkachenko']) await lang.add(anchor(key), 'member');
  await lang.addSome(ofKinds('education', 'migrant_organisation'), 5, 'member');
  await lang.addSome(ofKinds('authority'), 1, 'advisory_member');
  await lang.addSome(seeded, 1, 'guest');
  await lang.addSomeFormer(ofKinds('education'), 1);

  const health = new BodyRoster(ctx, rng, healthGroup, 2020);
  await health.add(anchor('akgmChair'), 'chair', { startDate: '2020-10-01' });
  await health.addSome(ofKinds('ngo', 'authority'), 1, 'deputy_chair');
  await health.add(anchor('fereshtehRahimi'), 'member');
  await health.addSome(withOrg, 8, 'member');
  await health.addSome(ofKinds('authority', 'other'), 2, 'advisory_member');
  await health.addSome(withOrg, 1, 'deputy_member');

  const forum = new BodyRoster(ctx, rng, volunteerForum, 2016);
  await forum.add(anchor('fefChair'), 'chair', { startDate: '2016-01-01' });
  await forum.addSome(ofKinds('association'), 1, 'deputy_chair');
  await forum.addSome(ofKinds('association', 'other'), 1, 'secretary');
  await forum.add(anchor('filmonTesfamariam'), 'member');
  await forum.addSome(ofKinds('association', 'migrant_organisation', 'religious_community'), 10, 'member');
  await forum.addSome(withoutOrg, 2, 'member');
  await forum.addSome(seeded, 2, 'guest');
  await forum.addSomeFormer(ofKinds('association', 'migrant_organisation'), 2);
}

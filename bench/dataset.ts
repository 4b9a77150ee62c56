import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { foldText } from '../src/common/text/fold.js';
import { dataSourceOptions } from '../src/database/database-options.js';
import { SearchIndexer } from '../src/search/search-indexer.js';

export interface DatasetSize {
  people: number;
  organisations: number;
  bodies: number;
  /** Members per body at most (the first body always has exactly this many). */
  membersPerBody: number;
  meetings: number;
}

export function sizeFor(people: number): DatasetSize {
  return {
    people,
    organisations: Math.max(5, Math.round(people / 10)),
    bodies: Math.max(3, Math.round(people / 100)),
    membersPerBody: Math.min(100, Math.max(3, Math.round(people / 200))),
    meetings: people,
  };
}

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Anna', 'Jürgen', 'Дмитрий', 'Олена', 'محمد', 'فاطمة', 'Çağla', 'Mehmet', 'Thị Lan', 'Minh', 'Sophie', 'Łukasz', 'Amina', 'Yusuf', 'Ivan', 'Hoa'];
const FAMILY = ['Müller', 'Schmidt', 'Авраменко', 'Коваленко', 'العلي', 'حداد', 'Çelik', 'Yıldırım', 'Nguyễn', 'Đặng', 'Trần', 'Becker', 'Wójcik', 'Haddad', 'Petrov', 'Lindner'];
const LANGS = ['ar', 'ru', 'uk', 'fa', 'tr', 'vi', 'en', 'fr', 'ku', 'ti'];
const ROLES = ['chair', 'deputy_chair', 'secretary', 'member', 'member', 'member', 'member', 'deputy_member', 'advisory_member', 'guest'];

export interface Dataset {
  path: string;
  size: DatasetSize;
  /** Ids useful for the benchmark cases. */
  samplePersonId: number;
  bigBodyId: number;
  /** A person who sits on 10 bodies. */
  busyPersonId: number;
  searchTerms: string[];
}

/**
 * Builds a scale dataset: the real migrations first (through TypeORM), then bulk inserts with
 * better-sqlite3 prepared statements, then the app's own SearchIndexer over everything.
 */
export async function buildDataset(path: string, size: DatasetSize, seed = 42): Promise<Dataset> {
  const ds = new DataSource(dataSourceOptions({ databasePath: path }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
  db.transaction(() => {
    const org = db.prepare(`INSERT INTO organisations (name, kind, street, postal_code, locality, email, created_at, updated_at) VALUES (?, ?, ?, '19053', 'Schwerin', ?, ?, ?)`);
    const kinds = ['authority', 'ngo', 'association', 'migrant_organisation', 'religious_community', 'education', 'other'];
    for (let i = 1; i <= size.organisations; i++) {
      org.run(`Organisation ${i} ${pick(FAMILY)}`, kinds[i % kinds.length], `Teststraße ${i}`, `org${i}@example.org`, now, now);
    }
    const person = db.prepare(
      `INSERT INTO people (form_of_address, given_name, family_name, sort_key, function_title, organisation_id, room, phone_visibility, email_visibility, address_visibility, consent_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'public', 'public', 'members', ?, ?, ?)`,
    );
    const phone = db.prepare(`INSERT INTO person_phones (person_id, kind, number, position) VALUES (?, ?, ?, ?)`);
    const email = db.prepare(`INSERT INTO person_emails (person_id, email, position) VALUES (?, ?, 0)`);
    const lang = db.prepare(`INSERT OR IGNORE INTO person_languages (person_id, code) VALUES (?, ?)`);
    for (let i = 1; i <= size.people; i++) {
      const given = pick(GIVEN);
      const family = `${pick(FAMILY)}${i % 7 === 0 ? '' : ` ${i}`}`;
      person.run(rnd() < 0.5 ? 'Frau' : 'Herr', given, family, foldText(`${family} ${given}`), 'Beraterin', 1 + (i % size.organisations), `${i % 9}.0${i % 50}`, now, now, now);
      phone.run(i, 'work', `+49 385 5550-${String(i).padStart(5, '0')}`, 0);
      phone.run(i, 'fax', `+49 385 5551-${String(i).padStart(5, '0')}`, 1);
      email.run(i, `person${i}@example.org`);
      lang.run(i, pick(LANGS));
      lang.run(i, pick(LANGS));
    }
    const body = db.prepare(`INSERT INTO bodies (name, code, kind, is_public, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`);
    const member = db.prepare(
      `INSERT INTO memberships (body_id, person_id, role, voting_right, on_behalf_of_id, start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2020-01-01', ?, ?, ?)`,
    );
    for (let b = 1; b <= size.bodies; b++) {
      body.run(`Gremium ${b} ${pick(FAMILY)}`, `G${b}`, b % 2 === 0 ? 'round_table' : 'advisory_board', now, now);
      const count = b === 1 ? size.membersPerBody : 3 + Math.floor(rnd() * (size.membersPerBody - 2));
      const start = Math.floor(rnd() * size.people);
      for (let k = 0; k < count; k++) {
        const pid = 1 + ((start + k * 7) % size.people);
        member.run(b, pid, ROLES[k % ROLES.length], k % 5 === 4 ? 0 : 1, 1 + (pid % size.organisations), k % 13 === 12 ? '2023-12-31' : null, now, now);
      }
    }
    // Person 2 sits on (up to) 10 bodies.
    for (let b = 1; b <= Math.min(10, size.bodies); b++) member.run(b, 2, 'member', 1, 1, null, now, now);
  })();
  db.close();

  const ds2 = new DataSource(dataSourceOptions({ databasePath: path }));
  await ds2.initialize();
  await ds2.transaction((m) => new SearchIndexer().rebuildAll(m));
  await ds2.destroy();
  return {
    path,
    size,
    samplePersonId: Math.max(1, Math.floor(size.people / 2)),
    bigBodyId: 1,
    busyPersonId: 2,
    searchTerms: ['müller', 'MULLER', 'mueller', 'Дмит', 'Коваленко', 'محمد', 'çelik', 'dang', 'nguyễn', 'Organisation', 'gremium', 'zzzzkeintreffer', 'an', 'Lindner'],
  };
}

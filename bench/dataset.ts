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
/** 43 base64url characters, as real feed tokens are. */
const FEED_TOKEN = 'BenchFeedToken_0123456789abcdefghijklmnopqr';
const ROLES = ['chair', 'deputy_chair', 'secretary', 'member', 'member', 'member', 'member', 'deputy_member', 'advisory_member', 'guest'];

export interface Dataset {
  path: string;
  size: DatasetSize;
  /** Ids useful for the benchmark cases. */
  samplePersonId: number;
  bigBodyId: number;
  /** A person who sits on 10 bodies. */
  busyPersonId: number;
  /** Personal feed token of the busy person's account. */
  busyPersonFeedToken: string;
  /** Meetings of the big body (its feed). */
  bigBodyMeetings: number;
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

    // Meetings with agendas: 500 for the big body (its feed), the rest spread over all bodies,
    // every second week from 2024 on, 18:00 Berlin (17:00 or 16:00 UTC is close enough here).
    const location = db.prepare(`INSERT INTO locations (name, room, street, postal_code, locality, created_at, updated_at) VALUES (?, ?, 'Am Packhof 2-6', '19053', 'Schwerin', ?, ?)`);
    location.run('Stadthaus', 'Raum 5.020', now, now);
    const meeting = db.prepare(
      `INSERT INTO meetings (body_id, title, starts_at, ends_at, location_id, state, uid, sequence, is_public, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, 0, 1, ?, ?)`,
    );
    const item = db.prepare(`INSERT INTO agenda_items (meeting_id, number, position, level, title, is_public, created_at, updated_at) VALUES (?, ?, ?, 0, ?, 1, ?, ?)`);
    const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
    const base = Date.UTC(2024, 0, 9, 17, 0, 0);
    const bigBodyMeetings = Math.min(500, size.meetings);
    for (let k = 0; k < size.meetings; k++) {
      const bodyId = k < bigBodyMeetings ? 1 : 1 + (k % size.bodies);
      const start = new Date(base + (k % 500) * 14 * 86_400_000 + Math.floor(k / 500) * 3_600_000);
      const end = new Date(start.getTime() + 2 * 3_600_000);
      const id = meeting.run(bodyId, `Sitzung ${k + 1} – ${pick(FAMILY)}`, stamp(start), stamp(end), k % 40 === 39 ? 'cancelled' : 'scheduled', `bench-${k}@netzwerk.example.org`, now, now).lastInsertRowid;
      for (let n = 1; n <= 3; n++) item.run(id, String(n), n, `TOP ${n}: ${pick(['Begrüßung', 'Bericht', 'Verschiedenes', 'Интеграция', 'الاندماج'])}`, now, now);
    }
    db.prepare(`INSERT INTO accounts (email, password_hash, person_id, calendar_token, created_at, updated_at) VALUES ('feed@example.org', 'x', 2, ?, ?, ?)`).run(FEED_TOKEN, now, now);
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
    busyPersonFeedToken: FEED_TOKEN,
    bigBodyMeetings: Math.min(500, size.meetings),
    searchTerms: ['müller', 'MULLER', 'mueller', 'Дмит', 'Коваленко', 'محمد', 'çelik', 'dang', 'nguyễn', 'Organisation', 'gremium', 'zzzzkeintreffer', 'an', 'Lindner'],
  };
}

import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { foldText } from '../src/common/text/fold.js';
import pg from 'pg';
import { appDataSourceOptions } from '../src/app.entities.js';
import type { DatabaseLocation } from '../src/database/database-options.js';
import { BODY_SEARCH_SOURCE } from '../src/bodies/body-search.js';
import { AGENDA_ITEM_SEARCH_SOURCE, MEETING_SEARCH_SOURCE } from '../src/meetings/meeting-search.js';
import { DOCUMENT_SEARCH_SOURCE } from '../src/documents/document-search.js';
import { ORGANISATION_SEARCH_SOURCE } from '../src/organisations/organisation-search.js';
import { PERSON_SEARCH_SOURCE } from '../src/people/person-search.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { Account } from '../src/auth/account.entity.js';
import { DevicePassword } from '../src/auth/device-password.entity.js';

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
/** The feed account's device password (CardDAV/CalDAV cases), in the form it is shown once. */
const DAV_PASSWORD = 'Benc-hDav-Pass-word-2026';
/** The member account's login (the member rows log in with it once and send its session cookie). */
const MEMBER_EMAIL = 'feed@example.org';
const MEMBER_PASSWORD = 'Bench-Mitglied-Passwort-2026';
const ROLES = ['chair', 'deputy_chair', 'secretary', 'member', 'member', 'member', 'member', 'deputy_member', 'advisory_member', 'guest'];

export interface Dataset {
  location: DatabaseLocation;
  size: DatasetSize;
  /** Ids useful for the benchmark cases. */
  samplePersonId: number;
  bigBodyId: number;
  /** A person who sits on 10 bodies. */
  busyPersonId: number;
  /** Personal feed token of the busy person's account. */
  busyPersonFeedToken: string;
  /** CardDAV/CalDAV: the busy person's account (its id is in the DAV paths) and its device password. */
  dav: { accountId: number; user: string; password: string };
  /**
   * A member's login: the busy person's account (a current member of the big body and nine others;
   * its personal feed is busyPersonFeedToken), with a known password.
   */
  member: { email: string; password: string; personId: number };
  /** Meetings of the big body (its feed). */
  bigBodyMeetings: number;
  searchTerms: string[];
}

/**
 * Collects single-row INSERT statements and writes them in multi-row batches, on SQLite
 * (better-sqlite3, one transaction) or PostgreSQL (node-postgres, one transaction). Templates are
 * `INSERT INTO t (cols) VALUES (tuple)[ suffix]` with `?` placeholders; booleans are bound as
 * 1/0 on SQLite and as booleans on PostgreSQL.
 */
class BatchWriter {
  private readonly pending = new Map<string, unknown[][]>();

  constructor(private readonly engine: 'sqlite' | 'postgres') {}

  run(sql: string, ...params: unknown[]): void {
    const rows = this.pending.get(sql) ?? [];
    rows.push(params);
    this.pending.set(sql, rows);
  }

  /** Statements in the order they were first used (parents before children). */
  statements(): { sql: string; params: unknown[] }[] {
    const out: { sql: string; params: unknown[] }[] = [];
    for (const [template, rows] of this.pending) {
      const m = /^(INSERT INTO [\s\S]*? VALUES\s*)(\([\s\S]*\))([\s\S]*)$/.exec(template.trim());
      if (!m) throw new Error(`not a single-row insert: ${template}`);
      const [, head, tuple, suffix] = m;
      const perRow = (tuple.match(/\?/g) ?? []).length;
      const batch = Math.max(1, Math.floor(30_000 / Math.max(1, perRow)));
      for (let i = 0; i < rows.length; i += Math.min(batch, 500)) {
        const chunk = rows.slice(i, i + Math.min(batch, 500));
        let n = 0;
        const tuples = chunk.map(() => (this.engine === 'postgres' ? tuple.replace(/\?/g, () => `$${++n}`) : tuple));
        const params = chunk.flat().map((v) => (this.engine === 'sqlite' && typeof v === 'boolean' ? (v ? 1 : 0) : v));
        out.push({ sql: `${head}${tuples.join(', ')}${suffix}`, params });
      }
    }
    return out;
  }

  async flush(location: DatabaseLocation): Promise<void> {
    const statements = this.statements();
    if (location.databaseUrl) {
      const client = new pg.Client({ connectionString: location.databaseUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        for (const st of statements) await client.query(st.sql, st.params);
        // SERIAL sequences do not move when ids are given; none are given here, but keep them right.
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      return;
    }
    const db = new Database(location.databasePath);
    try {
      db.pragma('journal_mode = WAL');
      db.transaction(() => {
        for (const st of statements) db.prepare(st.sql).run(...st.params);
      })();
    } finally {
      db.close();
    }
  }
}

/**
 * Builds a scale dataset: the real migrations first (through TypeORM), then bulk inserts in
 * batches, then the app's own SearchIndexer over everything. SQLite file by default, PostgreSQL
 * when `location.databaseUrl` is set.
 */
export async function buildDataset(location: DatabaseLocation, size: DatasetSize, seed = 42): Promise<Dataset> {
  const ds = new DataSource(appDataSourceOptions(location));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const w = new BatchWriter(location.databaseUrl ? 'postgres' : 'sqlite');
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const kinds = ['authority', 'ngo', 'association', 'migrant_organisation', 'religious_community', 'education', 'other'];
  for (let i = 1; i <= size.organisations; i++) {
    w.run(`INSERT INTO organisations (name, kind, street, postal_code, locality, email, created_at, updated_at) VALUES (?, ?, ?, '19053', 'Schwerin', ?, ?, ?)`,
      `Organisation ${i} ${pick(FAMILY)}`, kinds[i % kinds.length], `Teststraße ${i}`, `org${i}@example.org`, now, now);
  }
  for (let i = 1; i <= size.people; i++) {
    const given = pick(GIVEN);
    const family = `${pick(FAMILY)}${i % 7 === 0 ? '' : ` ${i}`}`;
    w.run(
      `INSERT INTO people (form_of_address, given_name, family_name, sort_key, function_title, organisation_id, room, phone_visibility, email_visibility, address_visibility, consent_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'public', 'public', 'members', ?, ?, ?)`,
      rnd() < 0.5 ? 'Frau' : 'Herr', given, family, foldText(`${family} ${given}`), 'Beraterin', 1 + (i % size.organisations), `${i % 9}.0${i % 50}`, now, now, now,
    );
  }
  for (let i = 1; i <= size.people; i++) {
    w.run(`INSERT INTO person_phones (person_id, kind, number, position) VALUES (?, ?, ?, ?)`, i, 'work', `+49 385 5550-${String(i).padStart(5, '0')}`, 0);
    w.run(`INSERT INTO person_phones (person_id, kind, number, position) VALUES (?, ?, ?, ?)`, i, 'fax', `+49 385 5551-${String(i).padStart(5, '0')}`, 1);
    w.run(`INSERT INTO person_emails (person_id, email, position) VALUES (?, ?, 0)`, i, `person${i}@example.org`);
    const a = pick(LANGS);
    const b = pick(LANGS);
    for (const code of a === b ? [a] : [a, b]) w.run(`INSERT INTO person_languages (person_id, code) VALUES (?, ?)`, i, code);
  }
  const memberRows: unknown[][] = [];
  for (let b = 1; b <= size.bodies; b++) {
    w.run(`INSERT INTO bodies (name, code, kind, is_public, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      `Gremium ${b} ${pick(FAMILY)}`, `G${b}`, b % 2 === 0 ? 'round_table' : 'advisory_board', true, now, now);
    const count = b === 1 ? size.membersPerBody : 3 + Math.floor(rnd() * (size.membersPerBody - 2));
    const start = Math.floor(rnd() * size.people);
    for (let k = 0; k < count; k++) {
      const pid = 1 + ((start + k * 7) % size.people);
      memberRows.push([b, pid, ROLES[k % ROLES.length], k % 5 !== 4, 1 + (pid % size.organisations), k % 13 === 12 ? '2023-12-31' : null, now, now]);
    }
  }
  // Person 2 sits on (up to) 10 bodies.
  for (let b = 1; b <= Math.min(10, size.bodies); b++) memberRows.push([b, 2, 'member', true, 1, null, now, now]);
  for (const r of memberRows) {
    w.run(`INSERT INTO memberships (body_id, person_id, role, voting_right, on_behalf_of_id, start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2020-01-01', ?, ?, ?)`, ...r);
  }

  // Meetings with agendas: 500 for the big body (its feed), the rest spread over all bodies,
  // every second week from 2024 on, 18:00 Berlin (17:00 or 16:00 UTC is close enough here).
  // Tables are empty, so the k-th meeting gets id k + 1 on both engines.
  w.run(`INSERT INTO locations (name, room, street, postal_code, locality, created_at, updated_at) VALUES (?, ?, 'Am Packhof 2-6', '19053', 'Schwerin', ?, ?)`, 'Stadthaus', 'Raum 5.020', now, now);
  const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
  const base = Date.UTC(2024, 0, 9, 17, 0, 0);
  const bigBodyMeetings = Math.min(500, size.meetings);
  for (let k = 0; k < size.meetings; k++) {
    const bodyId = k < bigBodyMeetings ? 1 : 1 + (k % size.bodies);
    const start = new Date(base + (k % 500) * 14 * 86_400_000 + Math.floor(k / 500) * 3_600_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    w.run(`INSERT INTO meetings (body_id, title, starts_at, ends_at, location_id, state, uid, sequence, is_public, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?)`,
      bodyId, `Sitzung ${k + 1} – ${pick(FAMILY)}`, stamp(start), stamp(end), k % 40 === 39 ? 'cancelled' : 'scheduled', `bench-${k}@netzwerk.example.org`, true, now, now);
  }
  for (let k = 0; k < size.meetings; k++) {
    for (let n = 1; n <= 3; n++) {
      w.run(`INSERT INTO agenda_items (meeting_id, number, position, level, title, is_public, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
        k + 1, String(n), n, `TOP ${n}: ${pick(['Begrüßung', 'Bericht', 'Verschiedenes', 'Интеграция', 'الاندماج'])}`, true, now, now);
    }
  }
  w.run(`INSERT INTO accounts (email, password_hash, person_id, calendar_token, created_at, updated_at) VALUES (?, 'x', 2, ?, ?, ?)`, MEMBER_EMAIL, FEED_TOKEN, now, now);
  await w.flush(location);

  const ds2 = new DataSource(appDataSourceOptions(location));
  await ds2.initialize();
  const indexer = new SearchIndexer();
  indexer.register(PERSON_SEARCH_SOURCE);
  indexer.register(ORGANISATION_SEARCH_SOURCE);
  indexer.register(BODY_SEARCH_SOURCE);
  // The whole network is searched: the meetings and their agenda items too (issue 17).
  indexer.register(MEETING_SEARCH_SOURCE);
  indexer.register(AGENDA_ITEM_SEARCH_SOURCE);
  indexer.register(DOCUMENT_SEARCH_SOURCE);
  await ds2.transaction((m) => indexer.rebuildAll(m));
  // PostgreSQL plans from table statistics; after a bulk load autovacuum would collect them within a
  // minute or so: do it now, as an operator does after an import, or every plan is a sequential scan.
  if (location.databaseUrl) await ds2.query('ANALYZE');
  const hasher = new PasswordHasher();
  await ds2.getRepository(Account).update({ email: MEMBER_EMAIL }, { passwordHash: await hasher.hash(MEMBER_PASSWORD) });
  const feedAccount = await ds2.getRepository(Account).findOneByOrFail({ email: MEMBER_EMAIL });
  await ds2.getRepository(DevicePassword).insert({
    accountId: feedAccount.id,
    name: 'Bench',
    selector: DAV_PASSWORD.slice(0, 4),
    passwordHash: await hasher.hash(DAV_PASSWORD.replace(/-/g, '')),
    lastUsedAt: null,
  });
  await ds2.destroy();
  return {
    location,
    size,
    samplePersonId: Math.max(1, Math.floor(size.people / 2)),
    bigBodyId: 1,
    busyPersonId: 2,
    busyPersonFeedToken: FEED_TOKEN,
    dav: { accountId: Number(feedAccount.id), user: MEMBER_EMAIL, password: DAV_PASSWORD },
    member: { email: MEMBER_EMAIL, password: MEMBER_PASSWORD, personId: 2 },
    bigBodyMeetings: Math.min(500, size.meetings),
    // Names in every script, prefixes, nothing found; meetings and agenda items ("Sitzung" is in every
    // meeting's title, "Bericht" in a fifth of the agenda items); a word inside compounds ("grüßung").
    searchTerms: ['müller', 'MULLER', 'mueller', 'Дмит', 'Коваленко', 'محمد', 'çelik', 'dang', 'nguyễn', 'Organisation', 'gremium', 'zzzzkeintreffer', 'an', 'Lindner', 'Sitzung', 'Bericht', 'Stadthaus', 'grüßung'],
  };
}

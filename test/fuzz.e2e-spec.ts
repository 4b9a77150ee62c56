import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Topic } from '../src/organisations/topic.entity.js';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { LoginFailure } from '../src/auth/login-failure.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { memberViewer } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config/app-config.js';
import { DatabaseService } from '../src/database/database.service.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { RsvpSecretService } from '../src/mail/rsvp-secret.service.js';
import { signRsvpToken } from '../src/mail/rsvp-token.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Location } from '../src/meetings/location.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { MinutesService } from '../src/minutes/minutes.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { parseCsv } from '../src/transfer/csv-format.js';
import { SeedContext } from '../seeds/seed-context.js';
import { type Agent, createAccount, csrfTokenFrom, login } from './helpers/auth.js';
import { decodeHtml, type ParsedField, type ParsedForm, parseForms, submittedValues } from './helpers/html-forms.js';
import { createMatrixMeetings, type MatrixMeetingIds } from './helpers/matrix-meetings.js';
import { createMatrixPolls, type MatrixPollIds } from './helpers/matrix-polls.js';
import { fillRoute, percentEncode, registeredRoutes, splitRoute } from './helpers/routes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * FUZZ. Every form (POST) and query endpoint (GET) the app registers — read from Express's router like
 * the role × route matrix, on the matrix's fixtures — is driven by fast-check with random and hostile
 * values, as an administrator and anonymously. Field names come from the forms the app renders (every
 * GET page is crawled once) and query names from the controllers' @Query() parameters and the links in
 * the pages, so a new form or filter is fuzzed without touching this file.
 *
 * Asserted: never a 5xx; every answer is a German page (lang="de", no English framework text, no
 * unescaped script from our input), a redirect, or a file (calendar, vCard, CSV, JSON). Afterwards a
 * consistency pass opens every page, feed (parsed with ical.js) and vCard (parsed with ical.js) of every
 * record that exists: no stored value may break a later page, feed or vCard.
 *
 * Reproduce: FUZZ_SEED=<seed> (printed with every failure; each route × role run uses seed + its index);
 * FUZZ_RUNS (cases per route, default 6) and FUZZ_BUDGET_MS (default 10 s: CI stays under 10 minutes; raise it for a deeper local run) change the size; FUZZ_TRACE=1
 * prints every answer. The deterministic tests before the random run pin down what earlier runs found.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_326);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** Wall-clock budget of the random part; routes share it, every route gets at least one case. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 10_000);
const PASSWORD = 'Fuzz am Pfaffenteich 2026';
const ADMIN_EMAIL = 'fuzz.admin@example.org';

type Role = 'anonymous' | 'admin';

interface Ids extends MatrixMeetingIds, MatrixPollIds {
  /** A topic of the real seed's vocabulary (Themen und Angebote). */
  topic: number;
  bodyA: number;
  bodyB: number;
  membershipA: number;
  person: number;
  organisation: number;
  account: number;
  importToken: string;
}

// ---------------------------------------------------------------------------------------------------
// hostile values

/** Marker our injections carry: if it turns up as a property of a feed or vCard, a line break got through. */
const INJECTED = 'X-FUZZ-INJECTED';

const HOSTILE: readonly string[] = [
  // scripts, directions, invisible and combining characters
  'Дмитрий Авраменко', 'محمد الحسيني', 'Nguyễn Thị Lan', 'İstanbul ıIiİ Çelik', '中文名字', 'ქართული', 'हिन्दी', 'ﷺ',
  '👩‍👩‍👧‍👦🇩🇪😀🏳️‍🌈', 'ｆｕｌｌｗｉｄｔｈ', 'e\u0301\u0301\u0301', '\uFEFFBOM', '\u200B\u200C\u200D', '\uFFFD', '\uD800 halbes Surrogat',
  '\u202Eevil.exe\u202C', '\u202Bمرحبا\u202C abc', 'Z̴̡̛a̷l̶g̸o̵',
  // control characters
  '\u0000', 'a\u0000b', '\u0007\u0008\u001b[31mrot', '\r\n', '\t', '\u000b\u000c', '\u0085\u2028\u2029',
  // line injection into feeds, vCards, mails, CSV
  `Titel\r\n${INJECTED}:1`, `Titel\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n${INJECTED}:1`, `Name\n${INJECTED}:1\nEND:VCARD`, 'a;b,c\\d:e', '"quoted";"cells"\r\nnew;row',
  '=HYPERLINK("http://evil.example")', '+49 385 545-0', '-1+1', '@SUM(A1)',
  // SQL, HTML, templates, Markdown
  "'; DROP TABLE people; --", "' OR '1'='1", '" OR ""="', '\\', '%', '%s%n%x', '_%_', '${7*7}', '{{7*7}}', '{{> layout}}', '#{7*7}',
  '<script>alert("fuzz")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'><b>fett</b>",
  '[Link](javascript:alert(1))', '![Bild](javascript:alert(1))', '<a href="javascript:alert(1)">x</a>', '# Überschrift\n\n* Liste\n\n```\ncode\n```\n\n| a | b |\n|---|---|',
  '[x]: javascript:alert(1)\n\n[y][x]', '<!--', ']]>', '&amp;&lt;&#0;',
  // dates and times (Europe/Berlin: 29.03.2026 02:30 does not exist, 25.10.2026 02:30 exists twice)
  '31.02.2026', '29.03.2026 02:30', '2026-03-29T02:30', '2026-03-29', '02:30', '25.10.2026 02:30', '2026-02-31', '2026-13-01', '0000-00-00',
  '9999-12-31', '1970-01-01', '24:00', '25:61', '23:59:60', '2026-W13', '2026-03', '-2026-01-01',
  // numbers
  '-1', '0', '1e309', '-1e309', 'NaN', 'Infinity', '1.5', '0x10', '9007199254740993', '99999999999999999999', ' 42 ', '٣', '1_000', '+1',
  // words with meaning elsewhere
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert("fuzz")</script>', '//evil.example', 'http://', 'mailto:', 'tel:',
  '__proto__', 'constructor', 'toString', 'null', 'undefined', 'true', 'false', '[]', '{}', 'on', 'off', 'admin@example.org', 'a@b', '@', '..', '../../etc/passwd',
  '', ' ', '   ',
];

/** Long values: ASCII fits the body limit (and reaches the database), the others are refused as too large. */
const HUGE: readonly string[] = ['A'.repeat(100_000), 'Ж'.repeat(20_000), '😀'.repeat(30_000), 'ä\u0000'.repeat(40_000)];

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat(['\u007f', '\u0085', '\u202e', '\u2028']);

/** Already percent-encoded pieces: invalid UTF-8, broken escapes. */
const RAW_ENCODED: readonly string[] = ['%', '%zz', '%%', '%FF%FE', '%C3%28', '%ED%A0%80', '%E2%82', '%00', '%0D%0A', '+', '%2B%20', '%C0%AF'];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CONTROL), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 12 })).map(([a, b]) => `${a}${b}`) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

/** How a field is sent: `a=1`, `a=1&a=2`, `a[]=1`, `a[0]=1&a[1]=2`, `a[b]=1`, deeper, missing, empty, bare `a`, raw bytes. */
type Shape = 'scalar' | 'duplicate' | 'array' | 'indexed' | 'object' | 'deep' | 'absent' | 'empty' | 'bare' | 'raw';

interface Mutation {
  name: string;
  shape: Shape;
  value: string;
  value2: string;
  raw: string;
}

type Encoding = 'form' | 'json' | 'multipart';

interface FuzzCase {
  /** Field values as the page's form would send them (null: the field is left out). */
  baseline: Record<string, string | null>;
  mutations: Mutation[];
  encoding: Encoding;
  /** A hostile value for one path parameter (which: index modulo the number of parameters). */
  pathValue: { index: number; value: string } | null;
  /** Garbage appended to the query string as is. */
  rawQuery: string | null;
  /** Content of an uploaded file, for forms with a file field. */
  file: string;
}

function shapeArbitrary(): fc.Arbitrary<Shape> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant<Shape>('scalar') },
    { weight: 6, arbitrary: fc.constantFrom<Shape>('duplicate', 'array', 'indexed', 'object', 'deep', 'absent', 'empty', 'bare', 'raw') },
  );
}

function mutationArbitrary(ownNames: string[], globalNames: string[], values: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  const weighted: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 1, arbitrary: fc.oneof(hostileText.filter((s) => s.length < 200), fc.constantFrom('_csrf', '__proto__', 'constructor', 'a[b]', 'a[]', '')) },
  ];
  if (ownNames.length > 0) weighted.push({ weight: 8, arbitrary: fc.constantFrom(...ownNames) });
  if (globalNames.length > 0) weighted.push({ weight: 2, arbitrary: fc.constantFrom(...globalNames) });
  return fc.record({ name: fc.oneof(...weighted), shape: shapeArbitrary(), value: values, value2: values, raw: fc.constantFrom(...RAW_ENCODED) });
}

/** A value the page's field would plausibly send, so that the other (hostile) fields reach the database. */
function plausible(field: ParsedField): fc.Arbitrary<string | null> {
  switch (field.kind) {
    case 'hidden':
    case 'password':
      return fc.constant(field.value);
    case 'select':
    case 'radio':
    case 'button':
      return field.options.length > 0 ? fc.constantFrom(...field.options) : fc.constant(field.value);
    case 'checkbox':
      return fc.constantFrom(field.value || 'on', null);
    case 'file':
      return fc.constant(null);
    case 'date':
      return fc.constantFrom(field.value || '2026-05-12', '2026-03-29', '2026-10-25');
    case 'time':
      return fc.constantFrom(field.value || '18:00', '02:30', '09:15');
    case 'datetime-local':
      return fc.constant(field.value || '2026-05-12T18:00');
    case 'number':
      return fc.constantFrom(field.value || '2', '1', '14');
    case 'email':
      return fc.constant(field.value || 'fuzz@example.org');
    case 'url':
      return fc.constant(field.value || 'https://example.org/fuzz');
    case 'tel':
      return fc.constant(field.value || '0385 545-1234');
    default:
      return fc.constant(field.value || 'Fuzz Eintrag');
  }
}

/** A value in one of `n` cases, null otherwise. */
function sometimes<T>(n: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

/**
 * Query values stay short enough for a URL a proxy accepts (nginx: 8 KB of request line); longer ones
 * never reach the app (Node answers 431 itself).
 */
const queryText = hostileText.filter((s) => percentEncode(s).length <= 1_000);

/** fast-check cases for one route: the form's own fields, plausibly filled, with 1–4 hostile mutations. */
function caseArbitrary(fields: ParsedField[], queryNames: string[], globalNames: string[], multipart: boolean, inQuery: boolean): fc.Arbitrary<FuzzCase> {
  const baseline: Record<string, fc.Arbitrary<string | null>> = {};
  for (const f of fields) baseline[f.name] = plausible(f);
  const own = [...new Set([...fields.filter((f) => f.kind !== 'file' && f.name !== '_csrf').map((f) => f.name), ...queryNames])];
  return fc.record({
    baseline: fc.record(baseline),
    mutations: fc.array(mutationArbitrary(own, globalNames, inQuery ? queryText : hostileText), { minLength: 1, maxLength: 4 }),
    encoding: multipart
      ? fc.constantFrom<Encoding>('multipart', 'multipart', 'multipart', 'form', 'json')
      : fc.oneof({ weight: 8, arbitrary: fc.constant<Encoding>('form') }, { weight: 1, arbitrary: fc.constant<Encoding>('json') }, { weight: 1, arbitrary: fc.constant<Encoding>('multipart') }),
    pathValue: sometimes(6, fc.record({ index: fc.nat(5), value: queryText })),
    rawQuery: sometimes(4, fc.constantFrom('%', 'a=%zz', '&&&=&', 'page=1&page=2', 'q[]=x&q[b]=y', 'x=%ED%A0%80', '=', '%00=%00')),
    file: fc.oneof(
      fc.constant('Nachname;Vorname;Funktion\nAvramenko;Dimitri;Integrationsbeauftragter\n'),
      fc.array(fc.array(hostileText.filter((s) => s.length < 500), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((rows) => rows.map((r) => r.join(';')).join('\r\n')),
    ),
  });
}

// ---------------------------------------------------------------------------------------------------
// encoding requests by hand (duplicated keys, raw bytes, broken escapes)

type Piece = { key: string; value: string } | { raw: string };

function piecesOf(m: Mutation): Piece[] {
  switch (m.shape) {
    case 'scalar':
      return [{ key: m.name, value: m.value }];
    case 'duplicate':
      return [{ key: m.name, value: m.value }, { key: m.name, value: m.value2 }];
    case 'array':
      return [{ key: `${m.name}[]`, value: m.value }];
    case 'indexed':
      return [{ key: `${m.name}[0]`, value: m.value }, { key: `${m.name}[1]`, value: m.value2 }];
    case 'object':
      return [{ key: `${m.name}[b]`, value: m.value }];
    case 'deep':
      return [{ key: `${m.name}[a][b][c][d][e]`, value: m.value }];
    case 'absent':
      return [];
    case 'empty':
      return [{ key: m.name, value: '' }];
    case 'bare':
      return [{ raw: percentEncode(m.name) }];
    case 'raw':
      return [{ raw: `${percentEncode(m.name)}=${m.raw}` }];
  }
}

function encodePieces(pieces: Piece[]): string {
  return pieces.map((p) => ('raw' in p ? p.raw : `${percentEncode(p.key)}=${percentEncode(p.value)}`)).join('&');
}

/** The same mutation as JSON: wrong types instead of raw bytes. */
function jsonValueOf(m: Mutation): unknown {
  switch (m.shape) {
    case 'scalar':
    case 'empty':
      return m.shape === 'empty' ? '' : m.value;
    case 'duplicate':
    case 'indexed':
      return [m.value, m.value2];
    case 'array':
      return [m.value];
    case 'object':
      return { b: m.value };
    case 'deep':
      return { a: { b: { c: { d: m.value } } } };
    case 'absent':
      return undefined;
    case 'bare':
      return null;
    case 'raw':
      return [0, -1, 1e308, true, false, {}, [], { length: 1e9 }][m.raw.length % 8];
  }
}

// ---------------------------------------------------------------------------------------------------
// judging answers

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const FILE_TYPES = /^(text\/calendar|text\/vcard|text\/x-vcard|text\/csv|application\/json|message\/rfc822|application\/octet-stream|application\/zip)/;

/** An OParl client gets its errors as OParl Error objects (JSON with a German message), not as pages. */
function isOparlError(res: Response, type: string): boolean {
  if (!type.startsWith('application/json')) return false;
  const body = res.body as { type?: unknown; message?: unknown };
  return body.type === 'https://schema.oparl.org/1.1/Error' && typeof body.message === 'string' && body.message.length > 0;
}
const ENGLISH = /Cannot (GET|POST)|Internal Server Error|Bad Request|Payload Too Large|Unsupported Media Type|PayloadTooLargeError|at [\w.<>]+ \(\/|"statusCode"/;
/** Our own input, unescaped in a page: a stored or reflected XSS. */
const UNESCAPED = /<script>alert\("fuzz"\)|<img src=x onerror=|<svg onload=|<a\b[^>]*\bhref\s*=\s*["']?\s*(javascript|data):/i;

function pageProblem(html: string): string | null {
  if (!html.includes('<html lang="de"')) return 'HTML without lang="de"';
  if (!/<\/html>\s*$/.test(html)) return 'HTML page cut off (no </html>)';
  const english = ENGLISH.exec(html);
  if (english) return `English or technical text in the page: ${english[0]}`;
  const xss = UNESCAPED.exec(html);
  if (xss) return `unescaped input in the page: …${html.slice(Math.max(0, xss.index - 120), xss.index + 80)}…`;
  return null;
}

/** Why an answer is not acceptable (null: fine). */
function answerProblem(res: Response): string | null {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (REDIRECTS.has(res.status)) return res.headers.location ? null : `HTTP ${res.status} without Location`;
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) return pageProblem(res.text);
  if (res.status >= 400 && res.status < 500 && isOparlError(res, type)) return null;
  if (res.status >= 400) return `HTTP ${res.status} answered as ${type || 'nothing'}, not as a German page`;
  if (FILE_TYPES.test(type)) return null;
  return `HTTP ${res.status} with unexpected content type ${type || '(none)'}`;
}

function snippet(res: Response): string {
  const title = /<title>([^<]*)<\/title>/.exec(res.text ?? '')?.[1];
  return title ? decodeHtml(title) : String(res.text ?? '').slice(0, 160);
}

// ---------------------------------------------------------------------------------------------------
// feeds and vCards

function allProperties(c: ICAL.Component): string[] {
  return [...c.getAllProperties().map((p) => p.name), ...c.getAllSubcomponents().flatMap(allProperties)];
}

function componentsOf(text: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(text);
  const list = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed as unknown[]) : [parsed];
  return list.map((jcal) => new ICAL.Component(jcal as never));
}

/** Why a calendar does not parse as one VCALENDAR of well-formed events (null: it does). */
function calendarProblem(text: string): string | null {
  const [calendar, ...more] = componentsOf(text);
  if (!calendar || calendar.name !== 'vcalendar' || more.length > 0) return 'not exactly one VCALENDAR';
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    if (!event.uid) return 'VEVENT without UID';
    if (!event.startDate || Number.isNaN(event.startDate.toJSDate().getTime())) return `VEVENT ${event.uid} without a valid DTSTART`;
    if (event.endDate && event.endDate.compare(event.startDate) < 0) return `VEVENT ${event.uid} ends before it starts`;
  }
  if (allProperties(calendar).includes(INJECTED.toLowerCase())) return `an injected ${INJECTED} line became a property`;
  return null;
}

function vcardProblem(text: string): string | null {
  const cards = componentsOf(text);
  if (cards.length === 0) return 'no vCard';
  for (const card of cards) {
    if (card.name !== 'vcard') return `not a VCARD: ${card.name}`;
    if (card.getFirstPropertyValue('version') !== '3.0') return 'vCard without VERSION:3.0';
    if (!card.getFirstPropertyValue('fn')) return 'vCard without FN';
    if (allProperties(card).includes(INJECTED.toLowerCase())) return `an injected ${INJECTED} line became a property`;
  }
  return null;
}

/** Why a 2xx answer's content does not parse (null: it does). Counts what it parsed. */
function contentProblem(res: Response, counts: Record<string, number>): string | null {
  const type = String(res.headers['content-type'] ?? '');
  try {
    if (type.startsWith('text/calendar')) {
      counts.calendars = (counts.calendars ?? 0) + 1;
      return calendarProblem(res.text);
    }
    if (type.startsWith('text/vcard') || type.startsWith('text/x-vcard')) {
      counts.vcards = (counts.vcards ?? 0) + 1;
      return vcardProblem(res.text);
    }
    if (type.startsWith('text/csv')) {
      counts.csv = (counts.csv ?? 0) + 1;
      parseCsv(res.text);
      return null;
    }
    if (type.startsWith('application/json')) {
      counts.json = (counts.json ?? 0) + 1;
      JSON.parse(res.text);
      return null;
    }
  } catch (e) {
    return `${type} does not parse: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------

describe('fuzz: every form and query endpoint', () => {
  let t: TestApp;
  let ids: Ids;
  let routes: string[];
  const agents = {} as Record<Role, Agent>;
  const tokens = {} as Record<Role, string>;
  /** Forms found in the crawled pages (and the page each is on), by POST route pattern. */
  const formsByRoute = new Map<string, (ParsedForm & { page: string })[]>();
  /** Query parameter names by GET route: controllers' @Query() names, links in pages, GET forms. */
  const queryNames = new Map<string, Set<string>>();
  /** Every field or query name the app uses anywhere (mutations sometimes borrow one). */
  const globalNames = new Set<string>();
  const figures = { cases: 0, requests: 0, followed: 0, reduced: 0, byStatus: {} as Record<string, number>, slowest: { ms: 0, what: '' } };

  function count(res: Response): void {
    figures.requests++;
    const key = String(res.status);
    figures.byStatus[key] = (figures.byStatus[key] ?? 0) + 1;
  }

  async function agentFor(role: Role): Promise<Agent> {
    const agent = request.agent(t.http);
    if (role === 'admin') {
      await t.app.get(DatabaseService).write((m) => m.getRepository(LoginFailure).clear());
      await login(agent, ADMIN_EMAIL, PASSWORD);
    } else {
      await agent.get('/anmelden');
    }
    return agent;
  }

  async function tokenOf(agent: Agent, role: Role): Promise<string> {
    return csrfTokenFrom((await agent.get(role === 'admin' ? '/konto' : '/anmelden')).text);
  }

  /** The fixture record a route parameter points at (first matching rule). */
  function fixtureValue(p: { before: string; name: string; pattern: string }): string {
    const { before, pattern } = p;
    if (before === 'passwort-setzen') return 'x'.repeat(43);
    if (before === 'email-bestaetigen') return 'x'.repeat(43);
    if (before === 'import') return ids.importToken;
    if (before === 'antwort') return ids.rsvpToken;
    if (before === 'umfrage') return ids.pollToken;
    if (before === 'terminumfragen') return String(ids.pollA);
    if (before === 'abbestellen') return `u1.1.1.9999999999.${'A'.repeat(43)}`;
    if (before === 'rundschreiben') return String(ids.circularA);
    if (before === 'kalender') return ids.calendarToken;
    if (before === 'export') return 'personen.csv';
    if (before === 'monat') return '2026-03';
    if (before === 'konten') return String(ids.account);
    if (before === 'geraete') return '999999'; // a device password of nobody: revoking answers 404
    // meeting documents: a document of nobody (the documents suite covers real ones)
    if (before === 'unterlagen' || before === 'fassungen') return '999999';
    if (before === 'themen') return String(ids.topic);
    // OParl (read-only JSON): the one body, a list, a body as organisation, the fixture records
    if (pattern.startsWith('/oparl/')) {
      if (before === 'body') return '1';
      if (p.name === 'list') return 'meeting';
      if (before === 'organization') return `gremium-${ids.bodyA}`;
      if (before === 'person') return String(ids.person);
      if (before === 'membership') return String(ids.membershipA);
      if (before === 'meeting') return String(ids.meetingA);
      if (before === 'agenda-item') return String(ids.agendaFirst);
      if (before === 'location') return String(ids.location);
      if (before === 'file') return '999999'; // no public document in the fixture: 404 as an OParl Error
    }
    if (before === 'organisationen') return String(ids.organisation);
    if (before === 'personen') return String(ids.person);
    if (before === 'gremien') return String(ids.bodyA);
    if (before === 'mitgliedschaften') return String(ids.membershipA);
    if (before === 'orte') return String(ids.location);
    if (before === 'tagesordnung') return String(ids.agendaFirst);
    if (before === 'beschluesse') return String(ids.decision);
    if (before === 'aufgaben') return String(pattern.startsWith('/sitzungen/') ? ids.actionItem : ids.circulatedActionItem);
    if (before === 'postausgang') return String(ids.deliveredMail);
    if (before === 'versand') return String(ids.failedMail);
    if (before === 'sitzungen') {
      if (pattern.includes('/protokoll')) return String(ids.draftMeeting);
      if (pattern.endsWith('/antwort')) return String(ids.meetingB);
      return String(ids.meetingA);
    }
    throw new Error(`no fixture for :${p.name} after /${before}/ in ${pattern}`);
  }

  function fixtureUrl(pattern: string): string {
    return fillRoute(pattern, fixtureValue);
  }

  function routeRegex(pattern: string): RegExp {
    const source = pattern
      .split(/(:[A-Za-z_]\w*)/)
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${source}$`);
  }

  function routeOf(method: string, path: string): string | undefined {
    return routes.find((r) => {
      const [m, pattern] = splitRoute(r);
      return m === method && routeRegex(pattern).test(path);
    });
  }

  function addQueryName(route: string, name: string): void {
    if (name === '' || name === '_csrf') return;
    const set = queryNames.get(route) ?? new Set<string>();
    set.add(name);
    queryNames.set(route, set);
    globalNames.add(name);
  }

  /** @Query('name') parameters of every controller method, by route. */
  function collectControllerQueryNames(): void {
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        const proto = controller.prototype as Record<string, unknown>;
        for (const key of Object.getOwnPropertyNames(proto)) {
          const handler = proto[key];
          if (key === 'constructor' || typeof handler !== 'function') continue;
          const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
          const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
          if (typeof path !== 'string' || method !== RequestMethod.GET) continue;
          const full = `/${[base, path].map((s) => s.replace(/^\/+|\/+$/g, '')).filter((s) => s !== '').join('/')}`;
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, { data?: unknown }>;
          for (const [argKey, arg] of Object.entries(args)) {
            if (argKey.split(':')[0] === String(RouteParamtypes.QUERY) && typeof arg.data === 'string') addQueryName(`GET ${full}`, arg.data);
          }
        }
      }
    }
  }

  /** Crawls every GET route once per role: remembers forms (by POST route) and query names (from links and GET forms). */
  async function crawl(): Promise<void> {
    for (const role of ['admin', 'anonymous'] as const) {
      for (const route of routes) {
        const [method, pattern] = splitRoute(route);
        if (method !== 'GET') continue;
        const url = fixtureUrl(pattern);
        const res = await agents[role].get(url).redirects(0);
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        for (const form of parseForms(res.text, url)) {
          const [path, query] = form.action.split('?');
          const target = routeOf(form.method, path);
          for (const f of form.fields) globalNames.add(f.name);
          if (!target) continue;
          if (form.method === 'GET') {
            for (const f of form.fields) addQueryName(target, f.name);
            continue;
          }
          const list = formsByRoute.get(target) ?? [];
          // the form sent to the fixture URL itself first (its hidden values belong to that record)
          if (path === fixtureUrl(splitRoute(target)[1]) && query === undefined) list.unshift({ ...form, page: url });
          else list.push({ ...form, page: url });
          formsByRoute.set(target, list);
        }
        for (const m of res.text.matchAll(/href="(\/[^"#]*\?[^"#]*)"/g)) {
          const [path, query] = decodeHtml(m[1]).split('?');
          const target = routeOf('GET', path);
          if (target) for (const name of new URLSearchParams(query).keys()) addQueryName(target, name);
        }
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ mail: { ...loadConfig({ NODE_ENV: 'test' }).mail, worker: false } });
    const ds = t.app.get(DataSource);
    const bodyA = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const bodyB = await ds.getRepository(Body).findOneByOrFail({ code: 'RTA' });
    const avramenko = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    const organisation = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    const membershipA = await ds.getRepository(Membership).findOneByOrFail({ bodyId: bodyA.id, personId: avramenko.id, role: 'chair' });
    const chair = await createAccount(t, { email: 'fuzz.vorsitz@example.org', password: PASSWORD, personId: avramenko.id });
    const admin = await createAccount(t, { email: ADMIN_EMAIL, password: PASSWORD, isAdmin: true });
    const target = await createAccount(t, { email: 'fuzz.ziel@example.org', password: PASSWORD });
    const meetings = await createMatrixMeetings(t, {
      bodyA: bodyA.id,
      bodyB: bodyB.id,
      organisation: organisation.id,
      chairAPerson: avramenko.id,
      chairAAccount: chair.id,
      adminAccount: admin.id,
    });
    const polls = await createMatrixPolls(t, { bodyA: bodyA.id, chairAPerson: avramenko.id });
    const topic = await t.app.get(DataSource).getRepository(Topic).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    ids = { ...meetings, ...polls, topic: topic.id, bodyA: bodyA.id, bodyB: bodyB.id, membershipA: membershipA.id, person: avramenko.id, organisation: organisation.id, account: target.id, importToken: '' };
    agents.admin = await agentFor('admin');
    agents.anonymous = await agentFor('anonymous');
    tokens.admin = await tokenOf(agents.admin, 'admin');
    tokens.anonymous = await tokenOf(agents.anonymous, 'anonymous');
    const upload = await agents.admin
      .post('/admin/daten/import')
      .field('_csrf', tokens.admin)
      .field('kind', 'people')
      .attach('datei', Buffer.from('Nachname;Telefon\nFehlerhaft;0385 5\n'), 'fuzz.csv');
    ids.importToken = /\/admin\/daten\/import\/([A-Za-z0-9_-]{43})$/.exec(String(upload.headers.location))?.[1] ?? '';
    expect(ids.importToken).not.toBe('');
    routes = registeredRoutes(t);
    collectControllerQueryNames();
    await crawl();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('knows a fixture URL for every registered route, and the forms of the POST routes', () => {
    const unresolved: string[] = [];
    for (const route of routes) {
      try {
        fixtureUrl(splitRoute(route)[1]);
      } catch (e) {
        unresolved.push(`${route}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(unresolved).toEqual([]);
    const posts = routes.filter((r) => r.startsWith('POST '));
    const withForm = posts.filter((r) => formsByRoute.has(r));
    // nearly every POST route is reachable from a rendered form (the rest are fuzzed with borrowed names)
    expect(withForm.length).toBeGreaterThan(posts.length * 0.7);
    console.log(
      `fuzz discovery: ${routes.length} routes, ${posts.length} POST (${withForm.length} with a form in a page), ` +
        `${[...queryNames.values()].reduce((n, s) => n + s.size, 0)} query names on ${queryNames.size} GET routes, ${globalNames.size} names in all; ` +
        `POST routes without a form: ${posts.filter((r) => !formsByRoute.has(r)).join(', ')}`,
    );
  });

  /** Sends one case; returns what is wrong with the answer (or with the page it redirects to), or null. */
  async function runCase(role: Role, route: string, fields: ParsedField[], c: FuzzCase): Promise<string | null> {
    const [method, pattern] = splitRoute(route);
    let url = fixtureUrl(pattern);
    const params = pattern.split('/').filter((s) => s.startsWith(':'));
    if (c.pathValue && params.length > 0) {
      const which = c.pathValue.index % params.length;
      let seen = -1;
      url = fillRoute(pattern, (p) => (++seen === which ? c.pathValue?.value ?? '' : fixtureValue(p)));
    }
    // logging out ends the session (and its CSRF token): that route gets a session of its own each time
    const agent = pattern === '/abmelden' ? await agentFor(role) : agents[role];
    const token = agent === agents[role] ? tokens[role] : await tokenOf(agent, role);
    const pieces = c.mutations.flatMap(piecesOf);
    const mutated = new Set(c.mutations.map((m) => m.name));
    let res: Response;
    if (method === 'GET') {
      const query = [encodePieces(pieces), c.rawQuery ?? ''].filter((s) => s !== '').join('&');
      res = await agent.get(query ? `${url}?${query}` : url).redirects(0);
    } else {
      const base: [string, string][] = [];
      for (const [name, value] of Object.entries(c.baseline)) {
        if (value === null || mutated.has(name)) continue;
        base.push([name, name === '_csrf' ? token : value]);
      }
      const post = agent.post(url).redirects(0).set('X-CSRF-Token', token);
      if (c.encoding === 'json') {
        const body: Record<string, unknown> = Object.fromEntries(base);
        for (const m of c.mutations) body[m.name] = jsonValueOf(m);
        res = await post.set('Content-Type', 'application/json').send(JSON.stringify(body));
      } else if (c.encoding === 'multipart') {
        for (const [name, value] of base) post.field(name, value);
        for (const p of pieces) {
          if ('raw' in p) post.field(p.raw.split('=')[0] || 'leer', p.raw);
          else post.field(p.key || 'leer', p.value);
        }
        for (const f of fields.filter((x) => x.kind === 'file')) post.attach(f.name, Buffer.from(c.file), 'fuzz.csv');
        res = await post;
      } else {
        const body = [encodePieces(base.map(([key, value]) => ({ key, value }))), encodePieces(pieces)].filter((s) => s !== '').join('&');
        res = await post.set('Content-Type', 'application/x-www-form-urlencoded').send(body);
      }
    }
    count(res);
    if (process.env.FUZZ_TRACE) console.log(`TRACE ${role} ${route} ${res.status} ${url.slice(0, 80)} ${snippet(res).slice(0, 80)}`);
    const problem = answerProblem(res);
    if (problem) return `${role} ${method} ${url.slice(0, 200)} → ${problem} (${snippet(res)})`;
    const location = String(res.headers.location ?? '');
    if (role === 'admin' && (location === '/anmelden' || location.startsWith('/anmelden?')) && pattern !== '/abmelden') {
      // a fuzz case ended the administrator's session (e.g. a hostile id hit an account): log in again
      agents.admin = await agentFor('admin');
      tokens.admin = await tokenOf(agents.admin, 'admin');
      return null;
    }
    if (method === 'POST' && REDIRECTS.has(res.status) && location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/anmelden')) {
      // what was just stored must render
      const next = await agent.get(location).redirects(0);
      count(next);
      figures.followed++;
      const nextProblem = answerProblem(next);
      if (nextProblem) return `${role} ${method} ${url.slice(0, 200)} → ${res.status} → GET ${location.slice(0, 200)} → ${nextProblem} (${snippet(next)})`;
    }
    return null;
  }

  /** Edits every record through its real edit form, one text field at a time, with a different hostile value each. */
  it('stores hostile text through every edit form without a 500', async () => {
    const STORED = [
      'Дмитрий 中文 محمد Nguyễn İı 👩‍👩‍👧‍👦 \u202Eevil\u202C',
      '<script>alert("fuzz")</script> & <img src=x onerror=alert(1)>',
      '[Link](javascript:alert(1)) **fett** <a href="javascript:alert(1)">x</a>\n\n# Überschrift',
      "O'Brien\"; DROP TABLE people; --",
      `Zeile 1\r\n${INJECTED}:1\r\nEND:VEVENT\r\nBEGIN:VEVENT`,
      `Name\n${INJECTED}:1\nEND:VCARD`,
      'Null\u0000Byte\u0007\u001b[31m\u0085\u2028',
      '=HYPERLINK("http://evil.example");-1;@SUM(A1)',
    ];
    const TEXT_KINDS = new Set(['text', 'textarea', 'search']);
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    let n = 0;
    const editForm = (html: string, pageUrl: string): ParsedForm | undefined =>
      parseForms(html, pageUrl)
        .filter((f) => f.method === 'POST' && f.action !== '/abmelden')
        .sort((a, b) => b.fields.filter((x) => TEXT_KINDS.has(x.kind)).length - a.fields.filter((x) => TEXT_KINDS.has(x.kind)).length)[0];
    for (const route of routes.filter((r) => r.startsWith('GET ') && r.endsWith('/bearbeiten'))) {
      const pageUrl = fixtureUrl(splitRoute(route)[1]);
      const first = editForm((await agents.admin.get(pageUrl)).text, pageUrl);
      if (!first) continue;
      for (const field of first.fields.filter((f) => TEXT_KINDS.has(f.kind))) {
        const form = editForm((await agents.admin.get(pageUrl)).text, pageUrl);
        if (!form) break;
        const value = STORED[n++ % STORED.length];
        const res = await agents.admin
          .post(form.action)
          .redirects(0)
          .type('form')
          .send({ ...submittedValues(form), [field.name]: value, trotzdem: 'on' });
        count(res);
        outcomes[String(res.status)] = (outcomes[String(res.status)] ?? 0) + 1;
        const problem = answerProblem(res);
        if (problem) failures.push(`POST ${form.action} with ${field.name}=${JSON.stringify(value)} → ${problem} (${snippet(res)})`);
      }
    }
    console.log(`hostile values through edit forms: ${JSON.stringify(outcomes)} (303 = stored, 422 = refused with a message)`);
    expect(failures).toEqual([]);
    expect(outcomes['303'] ?? 0).toBeGreaterThan(10);
  }, 120_000);

  it('answers NUL and other control characters in every form field and query parameter without a 500', async () => {
    const CONTROL_VALUE = (base: string): string => `${base || 'Text'}\u0000\u0001\u001b\u007f`;
    const TEXT_LIKE = new Set(['text', 'textarea', 'search', 'email', 'url', 'tel', 'date', 'time', 'number']);
    const destructive = /\/(entfernen|loeschen|beenden|sperren|absagen|abmelden|widerrufen)$/;
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    const judge = (what: string, res: Response): void => {
      count(res);
      outcomes[String(res.status)] = (outcomes[String(res.status)] ?? 0) + 1;
      const problem = answerProblem(res);
      if (problem) failures.push(`${what} → ${problem} (${snippet(res)})`);
    };
    for (const [route, names] of queryNames) {
      const url = fixtureUrl(splitRoute(route)[1]);
      const query = [...names].map((n) => `${percentEncode(n)}=${percentEncode(CONTROL_VALUE(''))}`).join('&');
      for (const role of ['admin', 'anonymous'] as const) judge(`${role} GET ${url}?${query}`, await agents[role].get(`${url}?${query}`).redirects(0));
    }
    for (const [route, forms] of formsByRoute) {
      if (destructive.test(route) || forms[0].multipart) continue;
      const form = forms[0];
      for (const field of form.fields.filter((f) => TEXT_LIKE.has(f.kind))) {
        // a fresh form each time: hidden versions (minutes) move on with every save
        const page = await agents.admin.get(form.page);
        const fresh = page.status === 200 ? parseForms(page.text, form.page).find((f) => f.method === 'POST' && f.action === form.action) : undefined;
        const values = { ...submittedValues(fresh ?? form), _csrf: tokens.admin, [field.name]: CONTROL_VALUE(field.value), trotzdem: 'on' };
        judge(`admin POST ${form.action} with ${field.name}=${JSON.stringify(values[field.name])}`, await agents.admin.post(form.action).redirects(0).type('form').send(values));
      }
    }
    console.log(`control characters in every field and query parameter: ${JSON.stringify(outcomes)}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('renders the membership pages of a person removed from the directory (a 500 this fuzz run found)', async () => {
    const person = await t.app.get(DatabaseService).write(async (m) => {
      const ctx = new SeedContext(m);
      const p = await ctx.ensurePerson({ givenName: 'Олена', familyName: 'Entfernt-Fuzz' });
      await ctx.ensureMembership({ bodyId: ids.bodyB, personId: p.id, role: 'member', startDate: '2020-01-01' });
      return p;
    });
    const removeUrl = `/personen/${person.id}/entfernen`;
    const form = parseForms((await agents.admin.get(removeUrl)).text, removeUrl).find((f) => f.action === removeUrl);
    if (!form) throw new Error('no remove form');
    const removed = await agents.admin.post(removeUrl).redirects(0).type('form').send({ ...submittedValues(form), confirm: 'on' });
    expect(removed.status).toBe(303);
    // the body page keeps the ended membership as history, with its edit link
    const body = await agents.admin.get(`/gremien/${ids.bodyB}`);
    const edit = new RegExp(`/gremien/${ids.bodyB}/mitgliedschaften/(\\d+)/bearbeiten`);
    const links = [...body.text.matchAll(new RegExp(edit.source, 'g'))].map((m) => m[0]);
    const own = (await t.app.get(DataSource).getRepository(Membership).findOneByOrFail({ personId: person.id, bodyId: ids.bodyB })).id;
    expect(links).toContain(`/gremien/${ids.bodyB}/mitgliedschaften/${own}/bearbeiten`);
    const page = await agents.admin.get(`/gremien/${ids.bodyB}/mitgliedschaften/${own}/bearbeiten`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Entfernt-Fuzz');
    expect((await agents.admin.get(`/gremien/${ids.bodyB}/mitgliedschaften/${own}/beenden`)).status).toBe(200);
  });

  it('answers 404 for minutes, mail and RSVP pages of a meeting whose body was removed (500s this fuzz run found)', async () => {
    const made = await t.app.get(DatabaseService).write(async (m) => {
      const body = await m.getRepository(Body).save({ name: 'Entfernter Arbeitskreis (Fuzz)', code: 'FUZZWEG', kind: 'working_group', isPublic: true });
      const ctx = new SeedContext(m);
      const person = await ctx.ensurePerson({ givenName: 'Amina', familyName: 'Rsvp-Fuzz' });
      await ctx.ensureMembership({ bodyId: body.id, personId: person.id, role: 'member', startDate: '2020-01-01' });
      const start = new Date(Date.now() - 7 * 86_400_000);
      const meeting = await m.getRepository(Meeting).save({ bodyId: body.id, title: 'Letzte Sitzung', startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), state: 'held', isPublic: true, uid: 'fuzz-weg@test', sequence: 0 });
      await m.getRepository(AgendaItem).save({ meetingId: meeting.id, number: '1', position: 0, level: 0, title: 'Bericht', isPublic: true });
      return { body: body.id, person: person.id, meeting: meeting.id };
    });
    const adminAccount = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: ADMIN_EMAIL });
    await t.app.get(MinutesService).create(made.meeting, memberViewer(adminAccount.id, null, true));
    const secret = t.app.get(RsvpSecretService).known() ?? '';
    const rsvp = signRsvpToken(secret, { meetingId: made.meeting, personId: made.person, expiresAt: new Date(Date.now() + 86_400_000) });
    const pages = [`/sitzungen/${made.meeting}/protokoll`, `/sitzungen/${made.meeting}/protokoll/bearbeiten`, `/sitzungen/${made.meeting}/versand`, `/antwort/${rsvp}`];
    for (const page of pages) expect({ page, status: (await agents.admin.get(page)).status }).toEqual({ page, status: 200 });
    const removeUrl = `/gremien/${made.body}/entfernen`;
    const form = parseForms((await agents.admin.get(removeUrl)).text, removeUrl).find((f) => f.action === removeUrl);
    if (!form) throw new Error('no remove form');
    expect((await agents.admin.post(removeUrl).redirects(0).type('form').send({ ...submittedValues(form), confirm: 'on' })).status).toBe(303);
    // like the meeting itself, everything about it is gone
    const after: { page: string; status: number; problem: string | null }[] = [];
    for (const page of [`/sitzungen/${made.meeting}`, ...pages]) {
      const res = await agents.admin.get(page);
      after.push({ page, status: res.status, problem: answerProblem(res) });
    }
    expect(after).toEqual([`/sitzungen/${made.meeting}`, ...pages].map((page) => ({ page, status: 404, problem: null })));
    const answer = await agents.anonymous.post(`/antwort/${rsvp}`).redirects(0).type('form').send({ _csrf: tokens.anonymous, antwort: 'accepted' });
    expect(answer.status).toBe(404);
  });

  it('imports people with hostile names through the CSV import', async () => {
    const names = ['Ольга\u202E', '<script>alert("fuzz")</script>', '👩‍👩‍👧‍👦 Ñandú', "O'Brien; DROP TABLE", '=HYPERLINK("x")', `Zeile\r\n${INJECTED}:1`, 'Null\u0000Byte\u001b'];
    const csv = ['Vorname;Nachname;Funktion;Profil', ...names.map((n, i) => `"${n.replace(/"/g, '""')}";"Fuzz ${i} ${n.replace(/"/g, '""')}";"${n.replace(/"/g, '""')}";"**${i}** [x](javascript:alert(1))"`)].join('\r\n');
    const upload = await agents.admin.post('/admin/daten/import').field('_csrf', tokens.admin).field('kind', 'people').attach('datei', Buffer.from(csv), 'fuzz-namen.csv');
    count(upload);
    expect(answerProblem(upload)).toBeNull();
    expect(upload.status).toBe(303);
    const previewUrl = String(upload.headers.location);
    const preview = await agents.admin.get(previewUrl);
    expect(answerProblem(preview)).toBeNull();
    const confirm = await agents.admin.post(previewUrl).redirects(0).type('form').send({ _csrf: tokens.admin });
    count(confirm);
    expect(answerProblem(confirm)).toBeNull();
    // rows the import refuses are shown with messages (422); none may break it
    expect([303, 422]).toContain(confirm.status);
    console.log(`CSV import of hostile names: preview ${preview.status}, confirm ${confirm.status}`);
  });

  it('never answers a fuzzed form or query with a 5xx, always with a German page, a redirect or a file', async () => {
    const started = Date.now();
    const destructive = /\/(entfernen|loeschen|beenden|sperren|absagen|abmelden|widerrufen)$/;
    const order = (route: string): number => (destructive.test(route) ? 2 : route.startsWith('GET ') ? 0 : 1);
    const plan: [Role, string][] = [
      ...routes.map((r): [Role, string] => ['anonymous', r]),
      ...[...routes].sort((a, b) => order(a) - order(b) || a.localeCompare(b)).map((r): [Role, string] => ['admin', r]),
    ];
    const failures: string[] = [];
    for (const [index, [role, route]] of plan.entries()) {
      const [method] = splitRoute(route);
      const forms = formsByRoute.get(route) ?? [];
      const fields = method === 'POST' ? (forms[0]?.fields ?? [{ name: '_csrf', kind: 'hidden', value: '', options: [], checked: false }]) : [];
      const multipart = forms[0]?.multipart ?? false;
      const names = [...(queryNames.get(route) ?? []), ...(method === 'GET' ? ['page', 'q'] : [])];
      const arbitrary = caseArbitrary(fields, names, [...globalNames], multipart, method === 'GET');
      // the budget decides how many cases a route gets (same seed: always a prefix of the same cases)
      const elapsed = Date.now() - started;
      const perCase = figures.cases > 0 ? elapsed / figures.cases : 50;
      const runs = Math.max(1, Math.min(RUNS, Math.floor((BUDGET_MS - elapsed) / (plan.length - index) / perCase)));
      if (runs < RUNS) figures.reduced++;
      const routeStarted = Date.now();
      const seed = SEED + index;
      const last: { problem: string | null } = { problem: null };
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (c) => {
          figures.cases++;
          last.problem = await runCase(role, route, fields, c);
          return last.problem === null;
        }),
        { seed, numRuns: runs, endOnFailure: true },
      );
      const took = Date.now() - routeStarted;
      if (took > figures.slowest.ms) figures.slowest = { ms: took, what: `${route} as ${role} (${details.numRuns} cases)` };
      if (details.failed) {
        const example = fc.stringify(details.counterexample).slice(0, 600);
        failures.push(`${route} as ${role} (FUZZ_SEED=${SEED}, route seed ${seed}, path ${details.counterexamplePath ?? '?'}): ${last.problem ?? (details.errorInstance instanceof Error ? details.errorInstance.message : 'failed')}\n    input: ${example}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz (FUZZ_SEED=${SEED}): ${plan.length} route × role runs, ${figures.cases} cases, ${figures.requests} requests ` +
        `(${figures.followed} redirects followed), ${figures.reduced} routes given fewer than ${RUNS} cases by the time budget, ${seconds} s (slowest: ${figures.slowest.what}, ${figures.slowest.ms} ms); statuses ${JSON.stringify(figures.byStatus)}`,
    );
    if (failures.length > 0) console.log(`fuzz failures (FUZZ_SEED=${SEED}):\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
  }, 240_000);

  it('afterwards still renders every page, feed and vCard of every record that exists', async () => {
    const ds = t.app.get(DataSource);
    const idsOf = async <T extends { id: number }>(entity: new () => T): Promise<number[]> =>
      (await ds.getRepository(entity).find({ withDeleted: true })).map((r) => r.id).sort((a, b) => a - b);
    const minutesMeeting = new Map((await ds.getRepository(Minutes).find()).map((m) => [m.id, m.meetingId]));
    const meetings = await ds.getRepository(Meeting).find({ withDeleted: true });
    const exportPage = await agents.admin.get('/admin/daten');
    const single: Record<string, string[]> = {
      organisationen: (await idsOf(Organisation)).map(String),
      personen: (await idsOf(Person)).map(String),
      gremien: (await idsOf(Body)).map(String),
      sitzungen: meetings.map((m) => String(m.id)),
      orte: (await idsOf(Location)).map(String),
      konten: (await idsOf(Account)).map(String),
      postausgang: (await idsOf(OutboxMail)).map(String),
      aufgaben: (await idsOf(ActionItem)).map(String),
      monat: [...new Set(meetings.map((m) => DateTime.fromJSDate(m.startsAt, { zone: 'Europe/Berlin' }).toFormat('yyyy-MM')))],
      export: [...new Set([...exportPage.text.matchAll(/\/admin\/daten\/export\/([\w-]+\.csv)/g)].map((m) => m[1]))],
    };
    const pairs: Record<string, [string, string][]> = {
      'gremien,mitgliedschaften': (await ds.getRepository(Membership).find()).map((m) => [String(m.bodyId), String(m.id)]),
      'sitzungen,tagesordnung': (await ds.getRepository(AgendaItem).find()).map((a) => [String(a.meetingId), String(a.id)]),
      'sitzungen,beschluesse': (await ds.getRepository(Decision).find()).map((d) => [String(minutesMeeting.get(d.minutesId) ?? 0), String(d.id)]),
      'sitzungen,aufgaben': (await ds.getRepository(ActionItem).find()).map((a) => [String(a.meetingId), String(a.id)]),
      'sitzungen,versand': (await ds.getRepository(OutboxMail).find()).filter((m) => m.meetingId !== null).map((m) => [String(m.meetingId), String(m.id)]),
    };
    const urlsOf = (pattern: string): string[] => {
      const params: string[] = [];
      fillRoute(pattern, (p) => {
        params.push(p.before);
        return '';
      });
      const pairList = pairs[params.join(',')];
      if (params.length === 2 && pairList) {
        return pairList.map(([a, b]) => {
          let i = 0;
          return fillRoute(pattern, () => (i++ === 0 ? a : b));
        });
      }
      const list = params.length === 1 ? single[params[0]] : undefined;
      if (list) return list.map((v) => fillRoute(pattern, () => v));
      return [fixtureUrl(pattern)];
    };

    const admin = await agentFor('admin');
    const anonymous = await agentFor('anonymous');
    const failures: string[] = [];
    const counts: Record<string, number> = { urls: 0 };
    const statuses: Record<string, number> = {};
    for (const route of routes.filter((r) => r.startsWith('GET '))) {
      const urls = urlsOf(splitRoute(route)[1]);
      for (const [role, agent] of [
        ['admin', admin],
        ['anonymous', anonymous],
      ] as const) {
        for (const url of urls) {
          const res = await agent.get(url).redirects(0).buffer(true);
          counts.urls++;
          statuses[String(res.status)] = (statuses[String(res.status)] ?? 0) + 1;
          const problem = answerProblem(res) ?? (res.status < 300 ? contentProblem(res, counts) : null);
          if (problem) failures.push(`${route} as ${role}: GET ${url} → ${problem} (${snippet(res)})`);
          // a page only for members: the other records of this route say the same
          if (role === 'anonymous' && REDIRECTS.has(res.status) && String(res.headers.location).startsWith('/anmelden')) break;
        }
      }
    }
    console.log(`consistency pass: ${JSON.stringify(counts)}; statuses ${JSON.stringify(statuses)}`);
    expect(failures).toEqual([]);
    // the pass really parsed feeds and vCards of the stored records
    expect(counts.calendars ?? 0).toBeGreaterThan(10);
    expect(counts.vcards ?? 0).toBeGreaterThan(10);
  }, 240_000);
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { loadConfig } from '../src/config/app-config.js';
import { DatabaseService } from '../src/database/database.service.js';
import { memberViewer } from '../src/auth/viewer.js';
import { DocumentVersion } from '../src/documents/document.entity.js';
import { DocumentsService } from '../src/documents/documents.service.js';
import { Topic } from '../src/organisations/topic.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SeedContext } from '../seeds/seed-context.js';
import { createAccount, csrfTokenFrom, login, type Agent } from './helpers/auth.js';
import { createMatrixMeetings, type MatrixMeetingIds } from './helpers/matrix-meetings.js';
import { createMatrixPolls, type MatrixPollIds } from './helpers/matrix-polls.js';
import { registeredRoutes } from './helpers/routes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * THE ROLE × ROUTE MATRIX. Every route registered in the app (read from Express's router, not listed
 * by hand) must have exactly one line in MATRIX below; a route without a line fails the test and the
 * message names it. Each line: how to build a real URL from the seeded ids, then the expected answer
 * for anonymous, member, chair of body A, chair of body B and administrator, in that order.
 *
 *   200/201/302/303/403/404/409/422 — that status (a 302/303 must not lead to the login page);
 *   LOGIN — a redirect to the login page /anmelden (302 for GET, 303 for POST).
 *
 * POSTs are sent with a valid CSRF token of the role's session and the `body` given (default: none), so
 * the matrix tests permissions, not CSRF. Keep POST bodies harmless: an empty form gives 422 wherever
 * the role may act. An action without a form (delete, circulate…) that really changes something gets
 * one record per acting role: the path function is also given the role (see `forRole`). To add a route: one line, e.g.
 *   'GET /sitzungen/:id': [(i) => `/sitzungen/${i.meetingA}`, 200, 200, 200, 200, 200],
 * and, if it needs a new record, create it in `fixtures()` and add its id to `Ids`.
 */

const LOGIN = 'login' as const;
type Expected = 200 | 201 | 302 | 303 | 403 | 404 | 409 | 422 | typeof LOGIN;
type Role = 'anonymous' | 'member' | 'chairA' | 'chairB' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'member', 'chairA', 'chairB', 'admin'];

interface Ids extends MatrixMeetingIds, MatrixPollIds {
  /** Begleitbeirat (BB): body A, chaired by the chairA account's person. */
  bodyA: number;
  /** Runder Tisch Asyl (RTA): body B, chaired by the chairB account's person. */
  bodyB: number;
  /** A membership in body A (Avramenko, chair of BB since 2008). */
  membershipA: number;
  /** A membership in body B. */
  membershipB: number;
  /** Dimitri Avramenko (seeded). */
  person: number;
  /** Fachstelle Integration (seeded). */
  organisation: number;
  /** The seeded topic "Sprachkurs" (src/organisations/topics). */
  topic: number;
  /** An account to point account administration at (not one of the role accounts). */
  account: number;
  /** An import draft uploaded by the admin account (a file with an error: confirming answers 422). */
  importToken: string;
  /** A members-only document of meetingA (src/documents) and its one version. */
  document: number;
  documentVersion: number;
}

type Row = [path: (ids: Ids, role: Role) => string, anonymous: Expected, member: Expected, chairA: Expected, chairB: Expected, admin: Expected, options?: { body?: Record<string, string>; freshSession?: boolean }];

/** The same answer for every role: everybody may see it. */
const A: [Expected, Expected, Expected, Expected, Expected] = [200, 200, 200, 200, 200];

/** The record of the acting role: the administrator's own, else chair A's (the others are refused before it is touched). */
const forRole = (records: { chairA: number; admin: number }, role: Role): number => (role === 'admin' ? records.admin : records.chairA);

// prettier-ignore
const MATRIX: Record<string, Row> = {
  // start, search, health
  'GET /':                                        [() => '/', ...A],
  'GET /suche':                                   [() => '/suche?q=Avramenko', ...A],
  'GET /health':                                  [() => '/health', ...A],
  'GET /health/ready':                            [() => '/health/ready', ...A],

  // auth (src/auth)
  'GET /anmelden':                                [() => '/anmelden', 200, 302, 302, 302, 302],
  'POST /anmelden':                               [() => '/anmelden', 422, 422, 422, 422, 422],
  'POST /abmelden':                               [() => '/abmelden', 303, 303, 303, 303, 303, { freshSession: true }],
  'GET /passwort-vergessen':                      [() => '/passwort-vergessen', ...A],
  'POST /passwort-vergessen':                     [() => '/passwort-vergessen', 422, 422, 422, 422, 422],
  'GET /konto':                                   [() => '/konto', LOGIN, 200, 200, 200, 200],
  'GET /konto/passwort':                          [() => '/konto/passwort', LOGIN, 200, 200, 200, 200],
  'POST /konto/passwort':                         [() => '/konto/passwort', LOGIN, 422, 422, 422, 422],
  'GET /konto/email':                             [() => '/konto/email', LOGIN, 200, 200, 200, 200],
  'POST /konto/email':                            [() => '/konto/email', LOGIN, 422, 422, 422, 422],
  'GET /konto/email-bestaetigen/:token':          [() => `/konto/email-bestaetigen/${'x'.repeat(43)}`, 404, 404, 404, 404, 404],
  'POST /konto/email-bestaetigen/:token':         [() => `/konto/email-bestaetigen/${'x'.repeat(43)}`, 404, 404, 404, 404, 404],
  'GET /konto/passwort-setzen/:token':            [() => `/konto/passwort-setzen/${'x'.repeat(43)}`, 404, 404, 404, 404, 404],
  'POST /konto/passwort-setzen/:token':           [() => `/konto/passwort-setzen/${'x'.repeat(43)}`, 404, 404, 404, 404, 404],
  'GET /konto/geraete':                           [() => '/konto/geraete', LOGIN, 200, 200, 200, 200],
  'POST /konto/geraete':                          [() => '/konto/geraete', LOGIN, 422, 422, 422, 422],
  'POST /konto/geraete/:id/widerrufen':           [() => '/konto/geraete/999999/widerrufen', LOGIN, 404, 404, 404, 404],
  'GET /admin/konten':                            [() => '/admin/konten', LOGIN, 403, 403, 403, 200],
  'GET /admin/konten/neu':                        [() => '/admin/konten/neu', LOGIN, 403, 403, 403, 200],
  'POST /admin/konten':                           [() => '/admin/konten', LOGIN, 403, 403, 403, 422],
  'POST /admin/konten/:id/passwort-link':         [(i) => `/admin/konten/${i.account}/passwort-link`, LOGIN, 403, 403, 403, 201],
  'POST /admin/konten/:id/sperren':               [(i) => `/admin/konten/${i.account}/sperren`, LOGIN, 403, 403, 403, 303],
  'POST /admin/konten/:id/entsperren':            [(i) => `/admin/konten/${i.account}/entsperren`, LOGIN, 403, 403, 403, 303],

  // Meine Seite (src/my-page)
  'GET /meine-seite':                             [() => '/meine-seite', LOGIN, 200, 200, 200, 200],
  'POST /meine-seite/sitzungen/:id/antwort':      [(i) => `/meine-seite/sitzungen/${i.meetingA}/antwort`, LOGIN, 403, 422, 403, 403],
  'GET /meine-seite/meine-daten.json':            [() => '/meine-seite/meine-daten.json', LOGIN, 404, 200, 200, 404], // 404: account without an entry

  // organisations
  'GET /organisationen':                          [() => '/organisationen', ...A],
  'GET /organisationen/neu':                      [() => '/organisationen/neu', LOGIN, 403, 403, 403, 200],
  'POST /organisationen/neu':                     [() => '/organisationen/neu', LOGIN, 403, 403, 403, 422],
  'GET /organisationen/:id':                      [(i) => `/organisationen/${i.organisation}`, ...A],
  'GET /organisationen/:id/bearbeiten':           [(i) => `/organisationen/${i.organisation}/bearbeiten`, LOGIN, 403, 403, 403, 200],
  'POST /organisationen/:id/bearbeiten':          [(i) => `/organisationen/${i.organisation}/bearbeiten`, LOGIN, 403, 403, 403, 422],
  'GET /organisationen/:id/entfernen':            [(i) => `/organisationen/${i.organisation}/entfernen`, LOGIN, 403, 403, 403, 200],
  'POST /organisationen/:id/entfernen':           [(i) => `/organisationen/${i.organisation}/entfernen`, LOGIN, 403, 403, 403, 422],

  // people
  'GET /personen':                                [() => '/personen', ...A],
  'GET /personen/neu':                            [() => '/personen/neu', LOGIN, 403, 403, 403, 200],
  'POST /personen/neu':                           [() => '/personen/neu', LOGIN, 403, 403, 403, 422],
  'GET /personen/:id':                            [(i) => `/personen/${i.person}`, ...A],
  'GET /personen/:id/vcard':                      [(i) => `/personen/${i.person}/vcard`, ...A],
  'GET /personen/:id/bearbeiten':                 [(i) => `/personen/${i.person}/bearbeiten`, LOGIN, 403, 403, 403, 200],
  'POST /personen/:id/bearbeiten':                [(i) => `/personen/${i.person}/bearbeiten`, LOGIN, 403, 403, 403, 422],
  'GET /personen/:id/selbst-bearbeiten':         [(i) => `/personen/${i.person}/selbst-bearbeiten`, LOGIN, 403, 200, 403, 403], // only one's own entry
  'POST /personen/:id/selbst-bearbeiten':        [(i) => `/personen/${i.person}/selbst-bearbeiten`, LOGIN, 403, 422, 403, 403],
  'POST /personen/:id/aenderung-anfragen':       [(i) => `/personen/${i.person}/aenderung-anfragen`, LOGIN, 403, 422, 403, 403],
  'GET /personen/:id/entfernen':                  [(i) => `/personen/${i.person}/entfernen`, LOGIN, 403, 403, 403, 200],
  'POST /personen/:id/entfernen':                 [(i) => `/personen/${i.person}/entfernen`, LOGIN, 403, 403, 403, 422],

  // GDPR (src/privacy)
  'GET /personen/:id/einwilligung':               [(i) => `/personen/${i.person}/einwilligung`, LOGIN, 403, 403, 403, 200],
  'POST /personen/:id/einwilligung':              [(i) => `/personen/${i.person}/einwilligung`, LOGIN, 403, 403, 403, 422],
  'POST /personen/:id/einwilligung/widerrufen':   [(i) => `/personen/${i.person}/einwilligung/widerrufen`, LOGIN, 403, 403, 403, 422],
  'GET /personen/:id/datenschutz':                [(i) => `/personen/${i.person}/datenschutz`, LOGIN, 403, 403, 403, 200],
  'GET /personen/:id/datenschutz/export.json':    [(i) => `/personen/${i.person}/datenschutz/export.json`, LOGIN, 403, 403, 403, 200],
  'GET /personen/:id/datenschutz/export.vcf':     [(i) => `/personen/${i.person}/datenschutz/export.vcf`, LOGIN, 403, 403, 403, 200],
  'POST /personen/:id/datenschutz/loeschen':      [(i) => `/personen/${i.person}/datenschutz/loeschen`, LOGIN, 403, 403, 403, 422],

  // bodies and memberships
  'GET /gremien':                                 [() => '/gremien', ...A],
  'GET /gremien/neu':                             [() => '/gremien/neu', LOGIN, 403, 403, 403, 200],
  'POST /gremien/neu':                            [() => '/gremien/neu', LOGIN, 403, 403, 403, 422],
  'GET /gremien/:id':                             [(i) => `/gremien/${i.bodyA}`, ...A],
  'GET /gremien/:id/vcard':                       [(i) => `/gremien/${i.bodyA}/vcard`, ...A],
  'GET /gremien/:id/bearbeiten':                  [(i) => `/gremien/${i.bodyA}/bearbeiten`, LOGIN, 403, 403, 403, 200],
  'POST /gremien/:id/bearbeiten':                 [(i) => `/gremien/${i.bodyA}/bearbeiten`, LOGIN, 403, 403, 403, 422],
  'GET /gremien/:id/entfernen':                   [(i) => `/gremien/${i.bodyA}/entfernen`, LOGIN, 403, 403, 403, 200],
  'POST /gremien/:id/entfernen':                  [(i) => `/gremien/${i.bodyA}/entfernen`, LOGIN, 403, 403, 403, 422],
  'GET /gremien/:bodyId/mitgliedschaften/neu':    [(i) => `/gremien/${i.bodyA}/mitgliedschaften/neu`, LOGIN, 403, 200, 403, 200],
  'POST /gremien/:bodyId/mitgliedschaften/neu':   [(i) => `/gremien/${i.bodyA}/mitgliedschaften/neu`, LOGIN, 403, 422, 403, 422],
  'GET /gremien/:bodyId/mitgliedschaften/:membershipId/bearbeiten':  [(i) => `/gremien/${i.bodyB}/mitgliedschaften/${i.membershipB}/bearbeiten`, LOGIN, 403, 403, 200, 200],
  'POST /gremien/:bodyId/mitgliedschaften/:membershipId/bearbeiten': [(i) => `/gremien/${i.bodyA}/mitgliedschaften/${i.membershipA}/bearbeiten`, LOGIN, 403, 422, 403, 422],
  'GET /gremien/:bodyId/mitgliedschaften/:membershipId/beenden':     [(i) => `/gremien/${i.bodyA}/mitgliedschaften/${i.membershipA}/beenden`, LOGIN, 403, 200, 403, 200],
  'POST /gremien/:bodyId/mitgliedschaften/:membershipId/beenden':    [(i) => `/gremien/${i.bodyB}/mitgliedschaften/${i.membershipB}/beenden`, LOGIN, 403, 403, 422, 422],
  'GET /gremien/:bodyId/beschlussfaehigkeit':     [(i) => `/gremien/${i.bodyA}/beschlussfaehigkeit`, LOGIN, 403, 200, 403, 200],
  'POST /gremien/:bodyId/beschlussfaehigkeit':    [(i) => `/gremien/${i.bodyB}/beschlussfaehigkeit`, LOGIN, 403, 403, 422, 422],

  // audit log, CSV (src/audit, src/transfer)
  'GET /admin/protokoll':                         [() => '/admin/protokoll', LOGIN, 403, 403, 403, 200],
  'GET /admin/daten':                             [() => '/admin/daten', LOGIN, 403, 403, 403, 200],
  'GET /admin/daten/export/:file':                [() => '/admin/daten/export/personen.csv', LOGIN, 403, 403, 403, 200],
  'POST /admin/daten/import':                     [() => '/admin/daten/import', LOGIN, 403, 403, 403, 422],
  'GET /admin/daten/import/:token':               [(i) => `/admin/daten/import/${i.importToken}`, LOGIN, 403, 403, 403, 200],
  'POST /admin/daten/import/:token':              [(i) => `/admin/daten/import/${i.importToken}`, LOGIN, 403, 403, 403, 422],
  'GET /admin/themen':                            [() => '/admin/themen', LOGIN, 403, 403, 403, 200],
  'POST /admin/themen':                           [() => '/admin/themen', LOGIN, 403, 403, 403, 422],
  'GET /admin/themen/:id/umbenennen':             [(i) => `/admin/themen/${i.topic}/umbenennen`, LOGIN, 403, 403, 403, 200],
  'POST /admin/themen/:id/umbenennen':            [(i) => `/admin/themen/${i.topic}/umbenennen`, LOGIN, 403, 403, 403, 422],
  'GET /admin/themen/:id/entfernen':              [(i) => `/admin/themen/${i.topic}/entfernen`, LOGIN, 403, 403, 403, 200],
  'POST /admin/themen/:id/entfernen':             [(i) => `/admin/themen/${i.topic}/entfernen`, LOGIN, 403, 403, 403, 422],

  // meetings (src/meetings): anonymous visitors see public meetings only; chair, deputy chair and secretary
  // of the meeting's body (and administrators) schedule and edit; answering is for current members of the body
  'GET /sitzungen':                               [() => '/sitzungen', ...A],
  'GET /sitzungen/monat':                         [() => '/sitzungen/monat', 302, 302, 302, 302, 302],
  'GET /sitzungen/monat/:month':                  [() => '/sitzungen/monat/2026-03', ...A],
  'GET /sitzungen/neu':                           [() => '/sitzungen/neu', LOGIN, 403, 200, 200, 200],
  'POST /sitzungen/neu':                          [() => '/sitzungen/neu', LOGIN, 403, 422, 422, 422],
  'GET /sitzungen/serie/neu':                     [() => '/sitzungen/serie/neu', LOGIN, 403, 200, 200, 200],
  'POST /sitzungen/serie/neu':                    [() => '/sitzungen/serie/neu', LOGIN, 403, 422, 422, 422],
  'GET /sitzungen/:id':                           [(i) => `/sitzungen/${i.internalMeetingA}`, 404, 200, 200, 200, 200],
  'GET /sitzungen/:id/bearbeiten':                [(i) => `/sitzungen/${i.meetingA}/bearbeiten`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:id/bearbeiten':               [(i) => `/sitzungen/${i.meetingA}/bearbeiten`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:id/verschieben':               [(i) => `/sitzungen/${i.meetingB}/verschieben`, LOGIN, 403, 403, 200, 200],
  'POST /sitzungen/:id/verschieben':              [(i) => `/sitzungen/${i.meetingB}/verschieben`, LOGIN, 403, 403, 422, 422],
  // the postponement preview (src/mail): without a valid new time it sends the chair back to the form
  'GET /sitzungen/:id/verschieben/vorschau':      [(i) => `/sitzungen/${i.meetingB}/verschieben/vorschau`, LOGIN, 403, 403, 303, 303],
  'GET /sitzungen/:id/absagen':                   [(i) => `/sitzungen/${i.meetingA}/absagen`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:id/absagen':                  [(i) => `/sitzungen/${i.meetingA}/absagen`, LOGIN, 403, 422, 403, 422],
  // inside the notice period: the chair is asked to confirm first (200), nothing is sent
  'POST /sitzungen/:id/einladen':                 [(i) => `/sitzungen/${i.meetingA}/einladen`, LOGIN, 403, 200, 403, 200],
  // the confirmation before inviting (src/mail): recipient count and members without an address
  'GET /sitzungen/:id/einladen':                  [(i) => `/sitzungen/${i.meetingA}/einladen`, LOGIN, 403, 200, 403, 200],
  'GET /sitzungen/:id/einladung':                 [(i) => `/sitzungen/${i.meetingA}/einladung`, LOGIN, 403, 200, 403, 200],
  // already held: marking it held again changes nothing
  'POST /sitzungen/:id/stattgefunden':            [(i) => `/sitzungen/${i.approvedMeeting}/stattgefunden`, LOGIN, 403, 303, 403, 303],
  // body B: chair A is a plain member there and may answer; the member and admin accounts have no person
  'GET /sitzungen/:id/antwort':                   [(i) => `/sitzungen/${i.meetingB}/antwort`, LOGIN, 403, 200, 200, 403],
  'POST /sitzungen/:id/antwort':                  [(i) => `/sitzungen/${i.meetingB}/antwort`, LOGIN, 403, 422, 422, 403],
  'GET /sitzungen/:meetingId/tagesordnung':       [(i) => `/sitzungen/${i.meetingA}/tagesordnung`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/tagesordnung':      [(i) => `/sitzungen/${i.meetingA}/tagesordnung`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/tagesordnung/:itemId/bearbeiten': [(i) => `/sitzungen/${i.meetingA}/tagesordnung/${i.agendaFirst}/bearbeiten`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/tagesordnung/:itemId':           [(i) => `/sitzungen/${i.meetingA}/tagesordnung/${i.agendaFirst}`, LOGIN, 403, 422, 403, 422],
  // the first item up and the last one down: allowed, and nothing moves
  'POST /sitzungen/:meetingId/tagesordnung/:itemId/hoch':      [(i) => `/sitzungen/${i.meetingA}/tagesordnung/${i.agendaFirst}/hoch`, LOGIN, 403, 303, 403, 303],
  'POST /sitzungen/:meetingId/tagesordnung/:itemId/runter':    [(i) => `/sitzungen/${i.meetingA}/tagesordnung/${i.agendaLast}/runter`, LOGIN, 403, 303, 403, 303],
  'POST /sitzungen/:meetingId/tagesordnung/:itemId/loeschen':  [(i, r) => `/sitzungen/${i.internalMeetingA}/tagesordnung/${forRole(i.agendaToDelete, r)}/loeschen`, LOGIN, 403, 303, 403, 303],
  // meeting places: anyone who may schedule meetings for some body
  'GET /orte':                                    [() => '/orte', LOGIN, 403, 200, 200, 200],
  'GET /orte/neu':                                [() => '/orte/neu', LOGIN, 403, 200, 200, 200],
  'POST /orte/neu':                               [() => '/orte/neu', LOGIN, 403, 422, 422, 422],
  'GET /orte/:id/bearbeiten':                     [(i) => `/orte/${i.location}/bearbeiten`, LOGIN, 403, 200, 200, 200],
  'POST /orte/:id/bearbeiten':                    [(i) => `/orte/${i.location}/bearbeiten`, LOGIN, 403, 422, 422, 422],

  // calendar (src/calendar): public feeds for everybody, the personal feed by its secret token
  'GET /kalender':                                [() => '/kalender', ...A],
  'GET /kalender/oeffentlich.ics':                [() => '/kalender/oeffentlich.ics', ...A],
  'GET /kalender/:token.ics':                     [(i) => `/kalender/${i.calendarToken}.ics`, ...A],
  'POST /kalender/persoenlich':                   [() => '/kalender/persoenlich', LOGIN, 303, 303, 303, 303],
  'GET /gremien/:id/sitzungen.ics':               [(i) => `/gremien/${i.bodyA}/sitzungen.ics`, ...A],
  // meeting documents (src/documents)
  'GET /sitzungen/:id/unterlagen/neu':            [(i) => `/sitzungen/${i.meetingA}/unterlagen/neu`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:id/unterlagen/neu':           [(i) => `/sitzungen/${i.meetingA}/unterlagen/neu`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:id/unterlagen.zip':            [(i) => `/sitzungen/${i.meetingA}/unterlagen.zip`, ...A],
  'GET /unterlagen/:id':                          [(i) => `/unterlagen/${i.document}`, 404, 200, 200, 200, 200],
  'GET /unterlagen/:id/fassungen/:versionId':     [(i) => `/unterlagen/${i.document}/fassungen/${i.documentVersion}`, 404, 200, 200, 200, 200],
  'GET /unterlagen/:id/verwalten':                [(i) => `/unterlagen/${i.document}/verwalten`, LOGIN, 403, 200, 403, 200],
  'POST /unterlagen/:id/fassungen':               [(i) => `/unterlagen/${i.document}/fassungen`, LOGIN, 403, 422, 403, 422],
  'GET /unterlagen/:id/entfernen':                [(i) => `/unterlagen/${i.document}/entfernen`, LOGIN, 403, 200, 403, 200],
  'POST /unterlagen/:id/entfernen':               [(i) => `/unterlagen/${i.document}/entfernen`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:id/ical':                      [(i) => `/sitzungen/${i.meetingA}/ical`, ...A],

  // OParl 1.1 (src/oparl): public data only, the same answer for every role (no session is consulted)
  'GET /oparl/v1.1/system':                       [() => '/oparl/v1.1/system', ...A],
  'GET /oparl/v1.1/body':                         [() => '/oparl/v1.1/body', ...A],
  'GET /oparl/v1.1/body/:body':                   [() => '/oparl/v1.1/body/1', ...A],
  'GET /oparl/v1.1/body/:body/:list':             [() => '/oparl/v1.1/body/1/meeting', ...A],
  'GET /oparl/v1.1/organization/:key':            [(i) => `/oparl/v1.1/organization/gremium-${i.bodyA}`, ...A],
  'GET /oparl/v1.1/organization/:key/meeting':    [(i) => `/oparl/v1.1/organization/gremium-${i.bodyA}/meeting`, ...A],
  'GET /oparl/v1.1/person/:id':                   [(i) => `/oparl/v1.1/person/${i.person}`, ...A],
  'GET /oparl/v1.1/membership/:id':               [(i) => `/oparl/v1.1/membership/${i.membershipA}`, ...A],
  'GET /oparl/v1.1/meeting/:id':                  [(i) => `/oparl/v1.1/meeting/${i.meetingA}`, ...A],
  'GET /oparl/v1.1/agenda-item/:id':              [(i) => `/oparl/v1.1/agenda-item/${i.agendaFirst}`, ...A],
  'GET /oparl/v1.1/location/:id':                 [(i) => `/oparl/v1.1/location/${i.location}`, ...A],
  // the fixture's document is members-only: no File for anybody, a session changes nothing
  'GET /oparl/v1.1/file/:id':                     [(i) => `/oparl/v1.1/file/${i.document}`, 404, 404, 404, 404, 404],
  'GET /oparl/v1.1/*path':                        [() => '/oparl/v1.1/gibt/es/nicht', 404, 404, 404, 404, 404],

  // minutes (src/minutes): drafts exist only for the body's editors (404 for everybody else), circulated
  // minutes for members, approved minutes of public meetings for everybody (public items)
  'GET /sitzungen/:meetingId/protokoll':          [(i) => `/sitzungen/${i.draftMeeting}/protokoll`, 404, 404, 200, 404, 200],
  'POST /sitzungen/:meetingId/protokoll':         [(i) => `/sitzungen/${i.heldWithoutMinutes}/protokoll`, LOGIN, 403, 303, 403, 303],
  'GET /sitzungen/:meetingId/protokoll/druck':    [(i) => `/sitzungen/${i.approvedMeeting}/protokoll/druck`, ...A],
  'GET /sitzungen/:meetingId/protokoll/bearbeiten':       [(i) => `/sitzungen/${i.draftMeeting}/protokoll/bearbeiten`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/bearbeiten':      [(i) => `/sitzungen/${i.draftMeeting}/protokoll/bearbeiten`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/wiederherstellen': [(i) => `/sitzungen/${i.draftMeeting}/protokoll/wiederherstellen`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/verschicken':     [(i, r) => `/sitzungen/${forRole(i.draftToCirculate, r)}/protokoll/verschicken`, LOGIN, 403, 303, 403, 303],
  'POST /sitzungen/:meetingId/protokoll/zuruecknehmen':   [(i, r) => `/sitzungen/${forRole(i.circulatedToWithdraw, r)}/protokoll/zuruecknehmen`, LOGIN, 403, 303, 403, 303],
  'GET /sitzungen/:meetingId/protokoll/genehmigen':       [(i) => `/sitzungen/${i.circulatedMeeting}/protokoll/genehmigen`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/genehmigen':      [(i) => `/sitzungen/${i.circulatedMeeting}/protokoll/genehmigen`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/anwesenheit':      [(i) => `/sitzungen/${i.draftMeeting}/protokoll/anwesenheit`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/anwesenheit':     [(i) => `/sitzungen/${i.draftMeeting}/protokoll/anwesenheit`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/berichtigung':     [(i) => `/sitzungen/${i.approvedMeeting}/protokoll/berichtigung`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/berichtigung':    [(i) => `/sitzungen/${i.approvedMeeting}/protokoll/berichtigung`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/beschluesse/neu':  [(i) => `/sitzungen/${i.draftMeeting}/protokoll/beschluesse/neu`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/beschluesse':     [(i) => `/sitzungen/${i.draftMeeting}/protokoll/beschluesse`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/beschluesse/:id/bearbeiten': [(i) => `/sitzungen/${i.draftMeeting}/protokoll/beschluesse/${i.decision}/bearbeiten`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/beschluesse/:id':           [(i) => `/sitzungen/${i.draftMeeting}/protokoll/beschluesse/${i.decision}`, LOGIN, 403, 422, 403, 422],
  // without the confirmation field: the confirmation page (422), nothing is deleted
  'POST /sitzungen/:meetingId/protokoll/beschluesse/:id/loeschen':  [(i) => `/sitzungen/${i.draftMeeting}/protokoll/beschluesse/${i.decision}/loeschen`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/aufgaben/neu':     [(i) => `/sitzungen/${i.draftMeeting}/protokoll/aufgaben/neu`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/aufgaben':        [(i) => `/sitzungen/${i.draftMeeting}/protokoll/aufgaben`, LOGIN, 403, 422, 403, 422],
  'GET /sitzungen/:meetingId/protokoll/aufgaben/:id/bearbeiten':    [(i) => `/sitzungen/${i.draftMeeting}/protokoll/aufgaben/${i.actionItem}/bearbeiten`, LOGIN, 403, 200, 403, 200],
  'POST /sitzungen/:meetingId/protokoll/aufgaben/:id':              [(i) => `/sitzungen/${i.draftMeeting}/protokoll/aufgaben/${i.actionItem}`, LOGIN, 403, 422, 403, 422],
  'POST /sitzungen/:meetingId/protokoll/aufgaben/:id/loeschen':     [(i) => `/sitzungen/${i.draftMeeting}/protokoll/aufgaben/${i.actionItem}/loeschen`, LOGIN, 403, 422, 403, 422],
  'GET /beschluesse':                             [() => '/beschluesse', ...A],
  'GET /aufgaben':                                [() => '/aufgaben', LOGIN, 200, 200, 200, 200],
  // done / open again: the body's editors and the responsible person (here an organisation: nobody of the roles)
  'POST /aufgaben/:id/erledigt':                  [(i) => `/aufgaben/${i.circulatedActionItem}/erledigt`, LOGIN, 403, 303, 403, 303],
  'POST /aufgaben/:id/offen':                     [(i) => `/aufgaben/${i.circulatedActionItem}/offen`, LOGIN, 403, 303, 403, 303],

  // mail (src/mail): the outbox for administrators, a meeting's mails and the body's reminders for its editors,
  // the RSVP link from the mail for whoever holds it (no login)
  'GET /admin/postausgang':                       [() => '/admin/postausgang', LOGIN, 403, 403, 403, 200],
  'GET /admin/postausgang/:id/eml':               [(i) => `/admin/postausgang/${i.deliveredMail}/eml`, LOGIN, 403, 403, 403, 200],
  'POST /admin/postausgang/:id/erneut':           [(i) => `/admin/postausgang/${i.failedMail}/erneut`, LOGIN, 403, 403, 403, 303],
  'GET /sitzungen/:id/versand':                   [(i) => `/sitzungen/${i.meetingA}/versand`, LOGIN, 403, 200, 403, 200],
  // the chair's reminder to everyone without an answer (once a day per person): queued, then the status page
  'POST /sitzungen/:id/erinnern':                 [(i) => `/sitzungen/${i.invitedMeetingA}/erinnern`, LOGIN, 403, 303, 403, 303],
  'POST /sitzungen/:id/versand/:mailId/erneut':   [(i) => `/sitzungen/${i.meetingA}/versand/${i.failedMail}/erneut`, LOGIN, 403, 303, 403, 303],
  'GET /gremien/:id/erinnerungen':                [(i) => `/gremien/${i.bodyA}/erinnerungen`, LOGIN, 403, 200, 403, 200],
  // an empty field is valid (the default); an impossible number is refused
  'POST /gremien/:id/erinnerungen':               [(i) => `/gremien/${i.bodyA}/erinnerungen`, LOGIN, 403, 422, 403, 422, { body: { reminderDaysBefore: '99' } }],
  'GET /antwort/:token':                          [(i) => `/antwort/${i.rsvpToken}`, ...A],
  'POST /antwort/:token':                         [(i) => `/antwort/${i.rsvpToken}`, 422, 422, 422, 422, 422],

  // date polls (src/polls): officers of the body propose, close and pick; current members answer (the
  // member and admin accounts have no person, so they cannot answer); anyone with the signed link answers
  'GET /gremien/:bodyId/terminumfragen':          [(i) => `/gremien/${i.bodyA}/terminumfragen`, LOGIN, 403, 200, 403, 200],
  'GET /gremien/:bodyId/terminumfragen/neu':      [(i) => `/gremien/${i.bodyA}/terminumfragen/neu`, LOGIN, 403, 200, 403, 200],
  'POST /gremien/:bodyId/terminumfragen/neu':     [(i) => `/gremien/${i.bodyA}/terminumfragen/neu`, LOGIN, 403, 422, 403, 422],
  'GET /terminumfragen/:id':                      [(i) => `/terminumfragen/${i.pollA}`, LOGIN, 403, 200, 403, 200],
  'POST /terminumfragen/:id/antwort':             [(i) => `/terminumfragen/${i.pollA}/antwort`, LOGIN, 403, 422, 403, 403],
  'GET /terminumfragen/:id/auswertung':           [(i) => `/terminumfragen/${i.pollA}/auswertung`, LOGIN, 403, 200, 403, 200],
  'POST /terminumfragen/:id/schliessen':          [(i, role) => `/terminumfragen/${forRole(i.pollToClose, role)}/schliessen`, LOGIN, 403, 303, 403, 303],
  'POST /terminumfragen/:id/festlegen':           [(i) => `/terminumfragen/${i.pollA}/festlegen`, LOGIN, 403, 422, 403, 422],
  'GET /umfrage/:token':                          [(i) => `/umfrage/${i.pollToken}`, ...A],
  'POST /umfrage/:token':                         [(i) => `/umfrage/${i.pollToken}`, 422, 422, 422, 422, 422],

  // circulars (src/circulars): officers of a body write to it, members read its archive; network-wide
  // circulars for administrators and the officers of the Netzwerk Migration (chair A leads it)
  'GET /gremien/:bodyId/rundschreiben':           [(i) => `/gremien/${i.bodyA}/rundschreiben`, LOGIN, 403, 200, 403, 200],
  'GET /gremien/:bodyId/rundschreiben/neu':       [(i) => `/gremien/${i.bodyA}/rundschreiben/neu`, LOGIN, 403, 200, 403, 200],
  'POST /gremien/:bodyId/rundschreiben/neu':      [(i) => `/gremien/${i.bodyA}/rundschreiben/neu`, LOGIN, 403, 422, 403, 422],
  'GET /rundschreiben/neu':                       [() => '/rundschreiben/neu', LOGIN, 403, 200, 403, 200],
  'POST /rundschreiben/neu':                      [() => '/rundschreiben/neu', LOGIN, 403, 422, 403, 422],
  // without the preview's one-time token nothing is sent
  'POST /rundschreiben/senden':                   [() => '/rundschreiben/senden', LOGIN, 403, 422, 403, 422],
  'GET /rundschreiben/:id':                       [(i) => `/rundschreiben/${i.circularA}`, LOGIN, 403, 200, 403, 200],
  'GET /rundschreiben/abbestellen/:token':        [() => `/rundschreiben/abbestellen/u1.1.1.9999999999.${'A'.repeat(43)}`, 404, 404, 404, 404, 404],
  'POST /rundschreiben/abbestellen/:token':       [() => `/rundschreiben/abbestellen/u1.1.1.9999999999.${'A'.repeat(43)}`, 404, 404, 404, 404, 404],

  // pages (src/pages)
  'GET /barrierefreiheit':                        [() => '/barrierefreiheit', ...A],
};

const PASSWORD = 'Matrix-Passwort für alle Rollen';

describe('role × route matrix', () => {
  let t: TestApp;
  let ids: Ids;
  const agents = {} as Record<Role, Agent>;
  const accounts: Record<Exclude<Role, 'anonymous'>, { email: string; personId: number | null; isAdmin: boolean }> = {
    member: { email: 'matrix.mitglied@example.org', personId: null, isAdmin: false },
    chairA: { email: 'matrix.vorsitz.a@example.org', personId: null, isAdmin: false },
    chairB: { email: 'matrix.vorsitz.b@example.org', personId: null, isAdmin: false },
    admin: { email: 'matrix.admin@example.org', personId: null, isAdmin: true },
  };

  async function agentFor(role: Role): Promise<Agent> {
    const agent = request.agent(t.http);
    if (role === 'anonymous') {
      await agent.get('/anmelden');
    } else {
      await login(agent, accounts[role].email, PASSWORD);
    }
    return agent;
  }

  async function fixtures(): Promise<Ids> {
    const ds = t.app.get(DataSource);
    const bodyA = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const bodyB = await ds.getRepository(Body).findOneByOrFail({ code: 'RTA' });
    const avramenko = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko' });
    const organisation = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    const membershipA = await ds.getRepository(Membership).findOneByOrFail({ bodyId: bodyA.id, personId: avramenko.id, role: 'chair' });
    const membershipB = await ds.getRepository(Membership).findOneByOrFail({ bodyId: bodyB.id, personId: avramenko.id });
    const chairB = await t.app.get(DatabaseService).write(async (m) => {
      const ctx = new SeedContext(m);
      const person = await ctx.ensurePerson({ givenName: 'Ulrike', familyName: 'Sander' });
      await ctx.ensureMembership({ bodyId: bodyB.id, personId: person.id, role: 'chair', startDate: '2016-03-01' });
      return person;
    });
    // the chair of body A is the seeded chair of the Begleitbeirat himself
    accounts.chairA.personId = avramenko.id;
    accounts.chairB.personId = chairB.id;
    const accountIds = {} as Record<Exclude<Role, 'anonymous'>, number>;
    for (const [role, a] of Object.entries(accounts) as [Exclude<Role, 'anonymous'>, (typeof accounts)['member']][]) {
      accountIds[role] = (await createAccount(t, { email: a.email, password: PASSWORD, personId: a.personId, isAdmin: a.isAdmin })).id;
    }
    const target = await createAccount(t, { email: 'matrix.ziel@example.org', password: PASSWORD });
    const meetings = await createMatrixMeetings(t, {
      bodyA: bodyA.id,
      bodyB: bodyB.id,
      organisation: organisation.id,
      chairAPerson: avramenko.id,
      chairAAccount: accountIds.chairA,
      adminAccount: accountIds.admin,
    });
    const [document] = await t.app.get(DocumentsService).upload(
      memberViewer(accountIds.admin, null, true),
      meetings.meetingA,
      { agendaItemId: null, title: 'Matrix-Unterlage', description: null, visibility: 'members' },
      [{ originalName: 'matrix.txt', bytes: Buffer.from('Nur für Mitglieder\n') }],
    );
    const version = await ds.getRepository(DocumentVersion).findOneByOrFail({ documentId: document.id });
    const polls = await createMatrixPolls(t, { bodyA: bodyA.id, chairAPerson: avramenko.id });
    return {
      ...meetings,
      ...polls,
      bodyA: bodyA.id,
      bodyB: bodyB.id,
      membershipA: membershipA.id,
      membershipB: membershipB.id,
      person: avramenko.id,
      organisation: organisation.id,
      topic: (await ds.getRepository(Topic).findOneByOrFail({ nameKey: 'sprachkurs' })).id,
      account: target.id,
      importToken: '',
      document: document.id,
      documentVersion: version.id,
    };
  }

  beforeAll(async () => {
    // no mail worker: queued mails stay in the outbox (the matrix tests pages, not delivery)
    t = await createTestApp({ mail: { ...loadConfig({ NODE_ENV: 'test' }).mail, worker: false } });
    ids = await fixtures();
    for (const role of ROLES) agents[role] = await agentFor(role);
    const page = await agents.admin.get('/admin/daten');
    const upload = await agents.admin
      .post('/admin/daten/import')
      .field('_csrf', csrfTokenFrom(page.text))
      .field('kind', 'people')
      .attach('datei', Buffer.from('Nachname;Telefon\nFehlerhaft;0385 5\n'), 'matrix.csv');
    ids.importToken = /\/admin\/daten\/import\/([A-Za-z0-9_-]{43})$/.exec(String(upload.headers.location))?.[1] ?? '';
    expect(ids.importToken).not.toBe('');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('has a line for every registered route (and no line for a route that does not exist)', () => {
    const routes = registeredRoutes(t);
    const missing = routes.filter((r) => !(r in MATRIX));
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect({ missingInMatrix: missing, notRegistered: stale }).toEqual({ missingInMatrix: [], notRegistered: [] });
  });

  it('answers every route for every role as the matrix says', async () => {
    const failures: string[] = [];
    for (const route of registeredRoutes(t)) {
      const row = MATRIX[route];
      if (!row) continue; // reported by the test above
      const [pathOf, ...rest] = row;
      const expected = rest.slice(0, 5) as Expected[];
      const options = rest[5] ?? {};
      const method = route.split(' ')[0];
      for (const [index, role] of ROLES.entries()) {
        const path = pathOf(ids, role);
        const agent = options.freshSession ? await agentFor(role) : agents[role];
        let res: request.Response;
        if (method === 'GET') {
          res = await agent.get(path).redirects(0);
        } else {
          const token = csrfTokenFrom((await agent.get(role === 'anonymous' ? '/anmelden' : '/konto')).text);
          res = await agent.post(path).type('form').send({ ...(options.body ?? {}), _csrf: token }).redirects(0);
        }
        const want = expected[index];
        const location = String(res.headers.location ?? '');
        const toLogin = location.startsWith('/anmelden') && !location.startsWith('/anmelden?hinweis=');
        const ok = want === LOGIN ? (res.status === 302 || res.status === 303) && toLogin : res.status === want && !toLogin;
        if (!ok) failures.push(`${route} as ${role} (${method} ${path}): expected ${String(want)}, got ${res.status}${location ? ` → ${location}` : ''}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('CardDAV/CalDAV (/dav, outside the route table) answers no role by its session: Basic device passwords only', async () => {
    for (const role of ROLES) {
      for (const method of ['PROPFIND', 'REPORT', 'GET', 'PUT'] as const) {
        const res = await agents[role][method === 'PROPFIND' ? 'propfind' : method === 'REPORT' ? 'report' : method === 'GET' ? 'get' : 'put']('/dav/').redirects(0);
        expect([role, method, res.status, res.headers['set-cookie']]).toEqual([role, method, 401, undefined]);
      }
    }
  });

  it('uses accounts that really hold the roles', async () => {
    const ds = t.app.get(DataSource);
    const chairA = await ds.getRepository(Account).findOneByOrFail({ email: accounts.chairA.email });
    const chairB = await ds.getRepository(Account).findOneByOrFail({ email: accounts.chairB.email });
    expect(await ds.getRepository(Membership).existsBy({ personId: chairA.personId ?? 0, bodyId: ids.bodyA, role: 'chair' })).toBe(true);
    expect(await ds.getRepository(Membership).existsBy({ personId: chairB.personId ?? 0, bodyId: ids.bodyB, role: 'chair' })).toBe(true);
  });
});

import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DevicePasswordsService } from '../auth/device-passwords.service.js';
import { clientIp } from '../auth/session-helpers.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CARD_SLICE, type DavAccount, type DavCollectionDef, type DavCollectionKind, DavCollectionsService, type RenderedResource } from './dav-collections.service.js';
import { FilterRejected, cardMatches, eventMatches } from './dav-filters.js';
import { DAV_ROOT, type DavTarget, WELL_KNOWN_PATHS, collectionHref, homeHref, parseDavPath, pathOf, principalHref, resourceHref } from './dav-paths.js';
import { writeMultistatus } from './dav-stream.js';
import { type CollectionState, DavSyncService, type ResourceMeta } from './dav-sync.service.js';
import {
  type DavResponse,
  MAX_XML_BYTES,
  NS,
  type PropName,
  type XmlElement,
  XmlRejected,
  child,
  childrenNamed,
  davError,
  parseDavXml,
  tag,
  xmlEscape,
} from './dav-xml.js';

/** What OPTIONS announces (RFC 4918 §10.1, RFC 6352 §6.1, RFC 4791 §5.1). */
export const DAV_COMPLIANCE = '1, 3, addressbook, calendar-access';
const ALLOW = 'OPTIONS, GET, HEAD, PROPFIND, REPORT';
/** Methods that would change something: refused with 403 and a DAV error body (read-only service). */
const WRITE_METHODS = new Set(['PUT', 'DELETE', 'MKCOL', 'MKCALENDAR', 'PROPPATCH', 'MOVE', 'COPY', 'LOCK', 'UNLOCK', 'POST', 'PATCH', 'ACL', 'BIND', 'UNBIND', 'REBIND']);
const XML_TYPE = 'application/xml; charset=utf-8';

type Requested = 'all' | PropName[];
type Props = Map<string, string>;

function key(ns: string, name: string): string {
  return `${ns} ${name}`;
}

/** A client-visible failure with a status and an optional DAV error body. */
class DavFailure extends Error {
  constructor(
    readonly status: number,
    readonly condition?: string,
  ) {
    super(`DAV ${status}`);
  }
}

/**
 * The read-only CardDAV/CalDAV service under /dav (and the /.well-known redirects): HTTP Basic over
 * device passwords only (throttled like the web login), never a session cookie, never the page cache
 * (Cache-Control: private, no-store; the page cache skips requests with Authorization), XML read with
 * a real parser (no DOCTYPE, no entities, limited size and depth). Logged by the request logger like
 * every request: method, path, status — never the Authorization header.
 */
@Injectable()
export class DavMiddleware implements NestMiddleware {
  private readonly logger = new Logger('DAV');

  constructor(
    private readonly devices: DevicePasswordsService,
    private readonly collections: DavCollectionsService,
    private readonly sync: DavSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.handle(req, res, next).catch((e: unknown) => {
      if (e instanceof DavFailure) return this.fail(res, e.status, e.condition);
      if (e instanceof XmlRejected) return this.fail(res, e.status);
      if (e instanceof FilterRejected) return this.fail(res, 403, e.condition);
      this.logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      this.fail(res, 500);
    });
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = pathOf(req.originalUrl);
    if (path === null) throw new DavFailure(400);
    if ((WELL_KNOWN_PATHS as readonly string[]).includes(path.replace(/\/$/, ''))) {
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(301, DAV_ROOT);
      return;
    }
    if (path !== '/dav' && !path.startsWith(DAV_ROOT)) return next();
    res.setHeader('DAV', DAV_COMPLIANCE);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Vary', 'Authorization');
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', ALLOW);
      res.status(200).end();
      return;
    }

    const account = await this.authenticate(req, res);
    if (!account) return;
    const target = parseDavPath(path);
    if (!target) throw new DavFailure(404);
    if (target.type !== 'root' && target.accountId !== account.accountId) throw new DavFailure(404);

    if (WRITE_METHODS.has(req.method)) {
      throw new DavFailure(403, `<d:need-privileges><d:resource><d:href>${xmlEscape(path)}</d:href><d:privilege><d:write/></d:privilege></d:resource></d:need-privileges>`);
    }
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return this.get(req, res, account, target);
      case 'PROPFIND':
        return this.propfind(req, res, account, target);
      case 'REPORT':
        return this.report(req, res, account, target);
      default:
        res.setHeader('Allow', ALLOW);
        throw new DavFailure(405);
    }
  }

  private fail(res: Response, status: number, condition?: string): void {
    if (res.headersSent) {
      // mid-stream: cut the connection, so the client sees an incomplete answer, not a short one
      res.destroy();
      return;
    }
    if (status === 413) res.setHeader('Connection', 'close');
    if (condition) res.status(status).type(XML_TYPE).send(davError(condition));
    else res.status(status).type('text/plain; charset=utf-8').send(`${status}\n`);
  }

  /** HTTP Basic: the account's e-mail address and a device password; 401 or 429 otherwise. */
  private async authenticate(req: Request, res: Response): Promise<DavAccount | null> {
    const credentials = basicCredentials(req.headers.authorization);
    if (credentials) {
      const login = await this.devices.authenticate(credentials.user, credentials.password, clientIp(req));
      if (login.kind === 'ok') return { accountId: login.accountId, personId: login.personId, email: login.email };
      if (login.kind === 'throttled') {
        res.setHeader('Retry-After', '900');
        res.status(429).type('text/plain; charset=utf-8').send('Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten wieder.\n');
        return null;
      }
    }
    res.setHeader('WWW-Authenticate', `Basic realm="${this.config.siteName.replace(/["\\]/g, '')}", charset="UTF-8"`);
    res
      .status(401)
      .type('text/plain; charset=utf-8')
      .send('Bitte melden Sie sich mit der E-Mail-Adresse Ihres Kontos und einem Gerätepasswort an (Mein Konto → Gerätepasswörter).\n');
    return null;
  }

  // ---- GET ----------------------------------------------------------------------------------------

  private async get(req: Request, res: Response, account: DavAccount, target: DavTarget): Promise<void> {
    if (target.type !== 'resource') {
      res.status(200).type('text/plain; charset=utf-8').send(`CardDAV/CalDAV-Zugang von ${this.config.siteName}. Bitte richten Sie ihn in einem Adressbuch- oder Kalenderprogramm ein.\n`);
      return;
    }
    const { def, resource: meta } = await this.resourceOf(account, target);
    const [resource] = await this.sync.texts(def, [meta]);
    if (!resource) throw new DavFailure(404);
    res.setHeader('ETag', resource.etag);
    res.type(contentType(target.kind));
    if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === resource.etag || t.trim() === '*')) {
      res.status(304).end();
      return;
    }
    res.status(200).send(resource.text);
  }

  // ---- PROPFIND -----------------------------------------------------------------------------------

  private async propfind(req: Request, res: Response, account: DavAccount, target: DavTarget): Promise<void> {
    const body = parseDavXml(await readBody(req));
    let requested: Requested = 'all';
    if (body) {
      if (body.ns !== NS.dav || body.name !== 'propfind') throw new DavFailure(400);
      const prop = child(body, NS.dav, 'prop');
      if (prop) requested = prop.children.map((c) => ({ ns: c.ns, name: c.name }));
    }
    const depth = req.headers.depth === '0' ? 0 : 1; // "infinity" (or none) is served as 1: the tree is shallow
    const responses: DavResponse[] = [];
    let members: Iterable<DavResponse> = [];
    const wantsState = requested === 'all' || requested.some((p) => p.ns === NS.cs || (p.ns === NS.dav && p.name === 'sync-token'));

    if (target.type === 'root' || target.type === 'principal') {
      responses.push(answer(target.type === 'root' ? DAV_ROOT : principalHref(account.accountId), this.accountProps(account, target.type), requested));
    } else if (target.type === 'home') {
      responses.push(answer(homeHref(target.kind, account.accountId), this.homeProps(account, target.kind), requested));
      if (depth === 1) {
        for (const def of await this.collections.list(account, target.kind)) {
          const state = wantsState ? await this.sync.state(def) : null;
          responses.push(answer(collectionHref(def.kind, account.accountId, def.slug), this.collectionProps(account, def, state), requested));
        }
      }
    } else if (target.type === 'collection') {
      const def = await this.collectionOf(account, target.kind, target.slug);
      const snapshot = depth === 1 ? await this.sync.snapshot(def) : null;
      const state = snapshot ?? (wantsState ? await this.sync.state(def) : null);
      responses.push(answer(collectionHref(def.kind, account.accountId, def.slug), this.collectionProps(account, def, state), requested));
      if (depth === 1 && snapshot) {
        const sorted = [...snapshot.resources.values()].sort((a, b) => a.name.localeCompare(b.name));
        members = mapped(sorted, (r) => answer(resourceHref(def.kind, account.accountId, def.slug, r.name), resourceProps(def.kind, r), requested));
      }
    } else {
      const { def, resource } = await this.resourceOf(account, target);
      responses.push(answer(resourceHref(def.kind, account.accountId, def.slug, resource.name), resourceProps(def.kind, resource), requested));
    }
    await send(res, concat(responses, members));
  }

  private accountProps(account: DavAccount, type: 'root' | 'principal'): Props {
    const principal = principalHref(account.accountId);
    const props: Props = new Map([
      [key(NS.dav, 'resourcetype'), type === 'root' ? '<d:collection/>' : '<d:principal/>'],
      [key(NS.dav, 'displayname'), xmlEscape(type === 'root' ? this.config.siteName : account.email)],
      [key(NS.dav, 'current-user-principal'), href(principal)],
      [key(NS.carddav, 'addressbook-home-set'), href(homeHref('addressbook', account.accountId))],
      [key(NS.caldav, 'calendar-home-set'), href(homeHref('calendar', account.accountId))],
      [key(NS.dav, 'current-user-privilege-set'), READ_PRIVILEGES],
      [key(NS.dav, 'supported-report-set'), ''],
    ]);
    if (type === 'principal') {
      props.set(key(NS.dav, 'principal-URL'), href(principal));
      props.set(key(NS.caldav, 'calendar-user-address-set'), href(`mailto:${account.email}`));
    }
    return props;
  }

  private homeProps(account: DavAccount, kind: DavCollectionKind): Props {
    return new Map([
      [key(NS.dav, 'resourcetype'), '<d:collection/>'],
      [key(NS.dav, 'displayname'), kind === 'addressbook' ? 'Adressbücher' : 'Kalender'],
      [key(NS.dav, 'current-user-principal'), href(principalHref(account.accountId))],
      [key(NS.dav, 'owner'), href(principalHref(account.accountId))],
      [key(NS.dav, 'current-user-privilege-set'), READ_PRIVILEGES],
      [key(NS.dav, 'supported-report-set'), ''],
    ]);
  }

  private collectionProps(account: DavAccount, def: DavCollectionDef, snapshot: CollectionState | null): Props {
    const book = def.kind === 'addressbook';
    const props: Props = new Map([
      [key(NS.dav, 'resourcetype'), book ? '<d:collection/><card:addressbook/>' : '<d:collection/><cal:calendar/>'],
      [key(NS.dav, 'displayname'), xmlEscape(def.displayName)],
      [key(NS.dav, 'current-user-principal'), href(principalHref(account.accountId))],
      [key(NS.dav, 'owner'), href(principalHref(account.accountId))],
      [key(NS.dav, 'current-user-privilege-set'), READ_PRIVILEGES],
      [key(NS.dav, 'supported-report-set'), reportSet(book ? [['card', 'addressbook-multiget'], ['card', 'addressbook-query'], ['d', 'sync-collection']] : [['cal', 'calendar-multiget'], ['cal', 'calendar-query'], ['d', 'sync-collection']])],
    ]);
    if (book) {
      props.set(key(NS.carddav, 'addressbook-description'), xmlEscape(def.description));
      props.set(key(NS.carddav, 'supported-address-data'), '<card:address-data-type content-type="text/vcard" version="3.0"/>');
    } else {
      props.set(key(NS.caldav, 'calendar-description'), xmlEscape(def.description));
      props.set(key(NS.caldav, 'supported-calendar-component-set'), '<cal:comp name="VEVENT"/>');
      props.set(key(NS.caldav, 'supported-calendar-data'), '<cal:calendar-data content-type="text/calendar" version="2.0"/>');
    }
    if (snapshot) {
      props.set(key(NS.cs, 'getctag'), String(snapshot.version));
      props.set(key(NS.dav, 'sync-token'), xmlEscape(this.syncToken(snapshot)));
    }
    return props;
  }

  // ---- REPORT -------------------------------------------------------------------------------------

  private async report(req: Request, res: Response, account: DavAccount, target: DavTarget): Promise<void> {
    const body = parseDavXml(await readBody(req));
    if (!body) throw new DavFailure(400);
    if (target.type !== 'collection') throw new DavFailure(403, '<d:supported-report/>');
    const def = await this.collectionOf(account, target.kind, target.slug);
    const book = def.kind === 'addressbook';
    const requested: PropName[] = (child(body, NS.dav, 'prop')?.children ?? []).map((c) => ({ ns: c.ns, name: c.name }));
    const hrefOf = (r: { name: string }): string => resourceHref(def.kind, account.accountId, def.slug, r.name);
    const respond = (r: RenderedResource): DavResponse => answer(hrefOf(r), resourceProps(def.kind, r, r.text), requested);

    if (body.ns === NS.dav && body.name === 'sync-collection') return this.syncCollection(res, def, body, hrefOf, respond);

    const snapshot = await this.sync.snapshot(def);
    if ((book && body.ns === NS.carddav && body.name === 'addressbook-multiget') || (!book && body.ns === NS.caldav && body.name === 'calendar-multiget')) {
      const base = collectionHref(def.kind, account.accountId, def.slug);
      const hrefs = childrenNamed(body, NS.dav, 'href').map((h) => h.text.trim());
      await send(res, this.multiget(def, snapshot.resources, base, hrefs, respond));
      return;
    }
    if (book && body.ns === NS.carddav && body.name === 'addressbook-query') {
      const filter = child(body, NS.carddav, 'filter');
      const limit = Number(child(child(body, NS.carddav, 'limit'), NS.carddav, 'nresults')?.text ?? NaN);
      const max = Number.isInteger(limit) && limit > 0 ? limit : Infinity;
      const sync = this.sync;
      async function* hits(): AsyncGenerator<DavResponse> {
        const all = [...snapshot.resources.values()];
        let sent = 0;
        for (let i = 0; i < all.length && sent < max; i += CARD_SLICE) {
          for (const r of await sync.texts(def, all.slice(i, i + CARD_SLICE))) {
            if (sent >= max) break;
            if (!cardMatches(filter, r.text)) continue;
            sent++;
            yield respond(r);
          }
        }
      }
      await send(res, hits());
      return;
    }
    if (!book && body.ns === NS.caldav && body.name === 'calendar-query') {
      const filter = child(body, NS.caldav, 'filter');
      const hits = [...snapshot.resources.values()].filter((r) => eventMatches(filter, r));
      await send(res, this.withTexts(def, hits, respond));
      return;
    }
    throw new DavFailure(403, '<d:supported-report/>');
  }

  /** RFC 6578: everything (no token) or what changed and what was removed since the token. */
  private async syncCollection(
    res: Response,
    def: DavCollectionDef,
    body: XmlElement,
    hrefOf: (r: { name: string }) => string,
    respond: (r: RenderedResource) => DavResponse,
  ): Promise<void> {
    const token = child(body, NS.dav, 'sync-token')?.text.trim() ?? '';
    // Nothing changed since the token: answered from the stored state alone, nothing rendered.
    const state = await this.sync.state(def);
    if (token !== '' && this.tokenVersion(token, state) === state.version) {
      await send(res, [], this.syncToken(state));
      return;
    }
    const snapshot = await this.sync.snapshot(def);
    if (token === '') {
      const sorted = [...snapshot.resources.values()].sort((a, b) => a.name.localeCompare(b.name));
      await send(res, this.withTexts(def, sorted, respond), this.syncToken(snapshot));
      return;
    }
    const since = this.tokenVersion(token, snapshot);
    if (since === null) throw new DavFailure(403, '<d:valid-sync-token/>');
    const delta = await this.sync.delta(snapshot, since);
    const base = hrefOf({ name: '' });
    const removed = delta.removed.map((name): DavResponse => ({ href: `${base}${name}`, status: 404 }));
    // a card gone since the snapshot (consent withdrawn a moment ago) is reported removed as well
    const gone = (meta: ResourceMeta): DavResponse => ({ href: hrefOf(meta), status: 404 });
    await send(res, concat(this.withTexts(def, delta.changed, respond, gone), removed), this.syncToken(snapshot));
  }

  /**
   * Responses for these resources with their texts, a slice at a time (text store, or rendered for
   * just that slice); a resource no longer there is left out, or answered by `gone`.
   */
  private async *withTexts(
    def: DavCollectionDef,
    metas: readonly ResourceMeta[],
    respond: (r: RenderedResource) => DavResponse,
    gone?: (meta: ResourceMeta) => DavResponse,
  ): AsyncGenerator<DavResponse> {
    for (let i = 0; i < metas.length; i += CARD_SLICE) {
      const slice = metas.slice(i, i + CARD_SLICE);
      const texts = await this.sync.texts(def, slice);
      if (!gone || texts.length === slice.length) {
        for (const r of texts) yield respond(r);
        continue;
      }
      const byName = new Map(texts.map((r) => [r.name, r]));
      for (const meta of slice) {
        const r = byName.get(meta.name);
        yield r ? respond(r) : gone(meta);
      }
    }
  }

  /** addressbook-multiget / calendar-multiget: each href in the order asked, 404 for what is not there. */
  private async *multiget(
    def: DavCollectionDef,
    resources: ReadonlyMap<string, ResourceMeta>,
    base: string,
    hrefs: readonly string[],
    respond: (r: RenderedResource) => DavResponse,
  ): AsyncGenerator<DavResponse> {
    for (let i = 0; i < hrefs.length; i += CARD_SLICE) {
      const slice = hrefs.slice(i, i + CARD_SLICE).map((h) => {
        const wanted = pathOf(h);
        return { href: h, meta: wanted?.startsWith(base) ? resources.get(wanted.slice(base.length)) : undefined };
      });
      const texts = await this.sync.texts(
        def,
        slice.flatMap((x) => (x.meta ? [x.meta] : [])),
      );
      const byName = new Map(texts.map((r) => [r.name, r]));
      for (const { href: h, meta } of slice) {
        const r = meta ? byName.get(meta.name) : undefined;
        yield r ? respond(r) : { href: h, status: 404 };
      }
    }
  }

  private syncToken(snapshot: CollectionState): string {
    return `${this.config.baseUrl}/dav/sync/${snapshot.collectionId}-${snapshot.version}`;
  }

  /** The change number in a token we issued for this collection; null for any other token. */
  private tokenVersion(token: string, snapshot: CollectionState): number | null {
    const prefix = `${this.config.baseUrl}/dav/sync/${snapshot.collectionId}-`;
    if (!token.startsWith(prefix)) return null;
    const rest = token.slice(prefix.length);
    if (!/^(0|[1-9][0-9]{0,9})$/.test(rest)) return null;
    const version = Number(rest);
    return version <= snapshot.version ? version : null;
  }

  // ---- lookups ------------------------------------------------------------------------------------

  private async collectionOf(account: DavAccount, kind: DavCollectionKind, slug: string): Promise<DavCollectionDef> {
    const def = await this.collections.find(account, kind, slug);
    if (!def) throw new DavFailure(404);
    return def;
  }

  private async resourceOf(account: DavAccount, target: Extract<DavTarget, { type: 'resource' }>): Promise<{ def: DavCollectionDef; resource: ResourceMeta }> {
    const def = await this.collectionOf(account, target.kind, target.slug);
    const resource = (await this.sync.snapshot(def)).resources.get(target.name);
    if (!resource) throw new DavFailure(404);
    return { def, resource };
  }
}

const READ_PRIVILEGES = '<d:privilege><d:read/></d:privilege><d:privilege><d:read-current-user-privilege-set/></d:privilege>';

function href(value: string): string {
  return `<d:href>${xmlEscape(value)}</d:href>`;
}

function reportSet(reports: [string, string][]): string {
  return reports.map(([prefix, name]) => `<d:supported-report><d:report><${prefix}:${name}/></d:report></d:supported-report>`).join('');
}

function contentType(kind: DavCollectionKind): string {
  return kind === 'addressbook' ? 'text/vcard; charset=utf-8' : 'text/calendar; charset=utf-8; component=VEVENT';
}

/** A resource's properties; with its text (REPORTs) the text is one of them and gives the length. */
function resourceProps(kind: DavCollectionKind, r: { etag: string; bytes?: number }, text?: string): Props {
  const props: Props = new Map([
    [key(NS.dav, 'resourcetype'), ''],
    [key(NS.dav, 'getetag'), xmlEscape(r.etag)],
    [key(NS.dav, 'getcontenttype'), contentType(kind)],
    [key(NS.dav, 'getcontentlength'), String(text !== undefined ? Buffer.byteLength(text) : (r.bytes ?? 0))],
  ]);
  if (text !== undefined) props.set(kind === 'addressbook' ? key(NS.carddav, 'address-data') : key(NS.caldav, 'calendar-data'), xmlEscape(text));
  return props;
}

/** Sends a 207 Multi-Status, streamed (dav-stream.ts). */
async function send(res: Response, responses: Iterable<DavResponse> | AsyncIterable<DavResponse>, syncToken?: string): Promise<void> {
  res.status(207).type(XML_TYPE);
  await writeMultistatus(res, responses, syncToken);
}

function* mapped<T>(items: Iterable<T>, fn: (item: T) => DavResponse): Generator<DavResponse> {
  for (const item of items) yield fn(item);
}

async function* concat(...parts: (Iterable<DavResponse> | AsyncIterable<DavResponse>)[]): AsyncGenerator<DavResponse> {
  for (const part of parts) yield* part;
}

/** One response: the requested properties we have (200) and those we do not (404). */
function answer(hrefValue: string, props: Props, requested: Requested): DavResponse {
  if (requested === 'all') {
    return { href: hrefValue, found: [...props.entries()].map(([k, v]) => tag({ ns: k.slice(0, k.lastIndexOf(' ')), name: k.slice(k.lastIndexOf(' ') + 1) }, v)) };
  }
  const found: string[] = [];
  const missing: PropName[] = [];
  for (const p of requested) {
    const value = props.get(key(p.ns, p.name));
    if (value === undefined) missing.push(p);
    else found.push(tag(p, value));
  }
  return { href: hrefValue, found, missing };
}

/** user:password of an `Authorization: Basic` header (UTF-8, RFC 7617); null if absent or malformed. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic +([A-Za-z0-9+/=]{1,1024}) *$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The raw request body, at most MAX_XML_BYTES (413 beyond; refused before reading when declared larger). */
function readBody(req: Request): Promise<Buffer> {
  const parsed: unknown = req.body;
  if (parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Buffer.isBuffer(parsed) && Object.keys(parsed).length > 0) {
    return Promise.reject(new DavFailure(415)); // consumed by a JSON or form parser: not XML
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_XML_BYTES) return Promise.reject(new XmlRejected(413, 'Request body too large'));
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_XML_BYTES) {
        done = true;
        req.pause();
        reject(new XmlRejected(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

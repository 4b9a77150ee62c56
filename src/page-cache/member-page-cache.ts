import { randomBytes } from 'node:crypto';
import { type CallHandler, type ExecutionContext, type NestInterceptor, SetMetadata, type Type } from '@nestjs/common';
import type { ModuleRef, Reflector } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import hbs from 'hbs';
import { type Observable, of } from 'rxjs';
import type { ContentVersionReader } from './content-version.reader.js';
import { acceptsGzip, berlinDayClock, clientDirective, GZIP_MIN_BYTES, PER_RESPONSE } from './page-cache.middleware.js';
import type { CachedAnswer, PublicPageCache } from './public-page-cache.js';
import { filledGzip, filledPlain, gzipTemplate } from './spliced-gzip.js';

/**
 * The visibility level of one request to a page, computed by the page's own service from its
 * existing permission rule: everything the page shows apart from the personal parts (header name,
 * CSRF token) must follow from (URL, content version, level). `null`: not cached for this viewer
 * (e.g. the page shows something of this person alone).
 */
export type LevelOf<S, V> = (service: S, viewer: V, params: Readonly<Record<string, string>>) => string | null | Promise<string | null>;

interface MemberCacheRule {
  service: Type<unknown>;
  level: LevelOf<unknown, unknown>;
}

const MEMBER_CACHE = 'netzwerk:member-cache';

/**
 * Lets the rendered answer of a GET route be kept for logged-in members, per URL, content version,
 * Berlin day and visibility level (`level`, computed with `service`, resolved from the app). The
 * personal parts — the member's name and CSRF token — are slots filled for each request, so the
 * stored answer is shared by members of the same level and never holds one session's token.
 */
export function MemberCache<S, V>(service: Type<S>, level: LevelOf<S, V>): MethodDecorator {
  return SetMetadata(MEMBER_CACHE, { service, level } as MemberCacheRule);
}

/** What this layer knows of the app's viewer (req.viewer, set by the session middleware). */
interface ViewerShape {
  kind?: unknown;
  accountId?: unknown;
  personId?: unknown;
  isAdmin?: unknown;
}

/** What a member's page shows of the member: res.locals as the layout reads them. */
interface PersonalLocals {
  csrfToken?: unknown;
  currentUser?: { name?: unknown } | null;
}

const MEMO_LIMIT = 10_000;

/** A personal value as the template would print it (strings and numbers; anything else empty). */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The personal parts of one request, as the viewer middleware put them into res.locals. */
interface Personal {
  csrf: unknown;
  name: string;
}

function personalOf(res: Response): Personal | null {
  const locals = res.locals as PersonalLocals;
  const name = locals.currentUser?.name;
  const csrf = locals.csrfToken;
  // Only personal parts this cache knows how to put in slots: anything else renders uncached.
  return typeof name === 'string' && (typeof csrf === 'function' || typeof csrf === 'string') ? { csrf, name } : null;
}

/** Who a member is for the cache's memos: everything a level may depend on. */
function viewerKey(viewer: ViewerShape): string {
  return `${String(viewer.accountId)}|${String(viewer.personId)}|${String(viewer.isAdmin)}`;
}

type MemberRequest = Request & { viewer?: ViewerShape };

/**
 * The members' page cache (issue 22): rendered pages of routes marked @MemberCache, kept per URL,
 * content version, Berlin day and visibility level, with slots instead of the member's name and CSRF
 * token. Entries share the anonymous cache's LRU (PAGE_CACHE_MB) under keys of their own
 * (`member|…`), which an anonymous URL key (starting with "/") never equals.
 *
 * Two ways in: the interceptor (MemberPageCacheInterceptor) runs with the route, computes the level
 * with the route's rule, stores misses and remembers which entry a member's URL maps to; the
 * shortcut (memberPageCacheShortcut) answers a member's next request for that URL before routing,
 * from that memo, as long as content version and day are unchanged. Members' answers are gzip-
 * compressed without compressing anything per request: the parts between the slots are kept
 * compressed, the member's name and token go between them as stored blocks (spliced-gzip.ts).
 */
export class MemberPageCache {
  private readonly nameSlot: string;
  private readonly csrfSlot: string;
  /** Splits a stored page at its slots, keeping them (String.split with a capture group). */
  private readonly slotPattern: RegExp;
  private readonly today: () => string;
  /** Levels of (route, member, path) for one content version and day: a repeated request needs no query. */
  private readonly levels = new Map<string, string | null>();
  /** Entry keys of (member, URL) for the same variant: what the shortcut answers from. */
  private readonly entryKeys = new Map<string, string>();
  private memoVariant = '';

  constructor(
    readonly cache: PublicPageCache,
    private readonly versions: ContentVersionReader,
  ) {
    // Random per process and alphanumeric: survives HTML escaping, and no stored content can hold it.
    const nonce = randomBytes(12).toString('hex');
    this.nameSlot = `nmslot${nonce}name`;
    this.csrfSlot = `nmslot${nonce}csrf`;
    this.slotPattern = new RegExp(`(${this.nameSlot}|${this.csrfSlot})`);
    this.today = berlinDayClock();
  }

  /** What the stored pages depend on besides URL and level: rights and memberships follow the Berlin day as well as the data. */
  async variant(): Promise<string> {
    const variant = `${await this.versions.current()}|${this.today()}`;
    if (variant !== this.memoVariant || this.levels.size >= MEMO_LIMIT || this.entryKeys.size >= MEMO_LIMIT) {
      this.levels.clear();
      this.entryKeys.clear();
      this.memoVariant = variant;
    }
    return variant;
  }

  /** The level a route's rule gives this member for this path (memoised per variant); null: not cached. */
  async levelOf(route: string, rule: MemberCacheRule, service: () => unknown, viewer: ViewerShape, req: Request): Promise<string | null> {
    const memo = `${route}|${viewerKey(viewer)}|${req.path}`;
    const known = this.levels.get(memo);
    if (known !== undefined) return known;
    let level: string | null;
    try {
      level = await rule.level(service(), viewer, req.params as Record<string, string>);
    } catch {
      // An id the route itself rejects (400/404): the route answers, uncached.
      return null;
    }
    this.levels.set(memo, level);
    return level;
  }

  /** The entry key of a member's page; remembered for the shortcut. */
  entryKey(viewer: ViewerShape, url: string, level: string): string {
    // The header differs for administrators (their links), whatever the page's own level.
    const key = `member|${level}|${viewer.isAdmin === true ? 'admin' : 'member'}|${url}`;
    this.entryKeys.set(`${viewerKey(viewer)}|${url}`, key);
    return key;
  }

  /** The entry key the interceptor found for this member and URL in the current variant, if any. */
  knownEntryKey(viewer: ViewerShape, url: string): string | undefined {
    return this.entryKeys.get(`${viewerKey(viewer)}|${url}`);
  }

  /** Keeps a page rendered with slots: its static segments, each compressed once. */
  store(key: string, variant: string, headers: CachedAnswer['headers'], page: string): CachedAnswer {
    const parts = page.split(this.slotPattern);
    const texts = parts.filter((_, i) => i % 2 === 0);
    const slots = parts.filter((_, i) => i % 2 === 1).map((slot) => (slot === this.nameSlot ? 'name' : 'csrf'));
    const body = Buffer.from(texts.join(''), 'utf8');
    let at = 0;
    const segments = texts.map((text) => body.subarray(at, (at += Buffer.byteLength(text, 'utf8'))));
    return this.cache.set(key, variant, { headers, body, template: gzipTemplate(segments, slots) });
  }

  /**
   * Sends a stored page filled for this member: gzip-compressed where the client takes it and the page
   * is large enough, from the segments compressed when it was stored (nothing compressed per request).
   */
  send(req: Request, res: Response, answer: CachedAnswer, personal: Personal): void {
    const template = answer.template;
    if (!template) throw new Error('a member page is stored with its template');
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = 200;
    const text = this.slotValues(personal, template.slots.includes('csrf'));
    const values = { name: Buffer.from(text.name, 'utf8'), csrf: Buffer.from(text.csrf, 'utf8') };
    let out: Buffer;
    if (answer.body.length >= GZIP_MIN_BYTES) {
      res.setHeader('Vary', 'Accept-Encoding');
      const gzip = acceptsGzip(req.headers['accept-encoding']);
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      out = gzip ? filledGzip(template, values) : filledPlain(template, values);
    } else {
      out = filledPlain(template, values);
    }
    res.setHeader('Content-Length', String(out.length));
    res.end(req.method === 'HEAD' ? undefined : out);
  }

  /** What the slots print for this member, escaped as the template would; the CSRF token only asked for when the page has a form. */
  private slotValues(personal: Personal, withCsrf: boolean): { name: string; csrf: string } {
    const token = withCsrf ? (typeof personal.csrf === 'function' ? (personal.csrf as () => unknown)() : personal.csrf) : '';
    return { name: hbs.handlebars.Utils.escapeExpression(personal.name), csrf: hbs.handlebars.Utils.escapeExpression(textOf(token)) };
  }

  /** The slots of a page being rendered: the member's name and CSRF token print as these. */
  slotLocals(res: Response): void {
    const locals = res.locals as PersonalLocals;
    locals.csrfToken = this.csrfSlot;
    if (locals.currentUser) locals.currentUser = { ...locals.currentUser, name: this.nameSlot };
  }

  /** A page not kept (not a complete 200) with its slots filled for this member. */
  fill(text: string, personal: Personal): string {
    const values = this.slotValues(personal, text.includes(this.csrfSlot));
    return text.split(this.slotPattern).map((part, i) => (i % 2 === 0 ? part : part === this.nameSlot ? values.name : values.csrf)).join('');
  }
}

/** A member's GET that the members' page cache may answer (the shortcut's and the interceptor's common test). */
function cacheableMemberRequest(req: MemberRequest): req is MemberRequest & { viewer: ViewerShape } {
  return (req.method === 'GET' || req.method === 'HEAD') && req.viewer?.kind === 'member';
}

/**
 * Answers a member's repeated request for a cached page before routing (after the session and viewer
 * middleware): one memo lookup and the cache, no controller, guard or interceptor. Only for URLs the
 * interceptor has already mapped to an entry for this member in the current content version and day,
 * so the level comes from the route's own rule as before.
 */
export function memberPageCacheShortcut(member: MemberPageCache): RequestHandler {
  const run = async (req: MemberRequest, res: Response, next: NextFunction): Promise<void> => {
    if (!cacheableMemberRequest(req) || clientDirective(req) !== 'reuse') return next();
    const personal = personalOf(res);
    if (!personal) return next();
    const variant = await member.variant();
    const key = member.knownEntryKey(req.viewer, req.originalUrl);
    const hit = key === undefined ? undefined : member.cache.get(key, variant);
    if (!hit) return next();
    res.setHeader('X-Cache', 'hit');
    member.send(req, res, hit, personal);
  };
  return (req, res, next) => {
    run(req, res, next).catch(next);
  };
}

/**
 * The members' page cache inside Nest, as a global interceptor: it runs after the session and viewer
 * middleware and routing, so it knows the viewer and the route's declaration. On a miss it renders the
 * page with slots instead of the member's name and CSRF token, stores that, and sends it filled; on a
 * hit it fills the stored page for the current member without running the route. Requests with
 * `Cache-Control: no-cache` render afresh and replace the entry; `no-store` bypasses it. The response
 * headers the app set before (e.g. `Cache-Control: no-store` for members) stay: this cache lives in
 * the server only.
 */
export class MemberPageCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly member: MemberPageCache,
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const rule = this.reflector.get<MemberCacheRule | undefined>(MEMBER_CACHE, context.getHandler());
    if (!rule) return next.handle();
    const req = context.switchToHttp().getRequest<MemberRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!cacheableMemberRequest(req)) return next.handle();
    const directive = clientDirective(req);
    if (directive === 'bypass') return next.handle();
    const personal = personalOf(res);
    if (!personal) return next.handle();

    const variant = await this.member.variant();
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    const level = await this.member.levelOf(route, rule, () => this.moduleRef.get(rule.service, { strict: false }), req.viewer, req);
    if (level === null) return next.handle();
    const key = this.member.entryKey(req.viewer, req.originalUrl, level);

    const hit = directive === 'refresh' ? undefined : this.member.cache.get(key, variant);
    if (hit) {
      res.setHeader('X-Cache', 'hit');
      this.member.send(req, res, hit, personal);
      // The route does not run; what Nest does after the interceptor (render, send) has nothing left to do.
      res.render = () => undefined;
      res.send = (() => res) as Response['send'];
      return of(undefined);
    }

    res.setHeader('X-Cache', 'miss');
    this.member.slotLocals(res);
    // Headers the route sets or changes are part of the answer (e.g. a vCard's type and disposition).
    const before = new Map(Object.entries(res.getHeaders()));
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      res.send = send;
      if (typeof body !== 'string') return send(body);
      if (req.method === 'GET' && res.statusCode === 200 && !res.hasHeader('set-cookie')) {
        const headers = Object.entries(res.getHeaders())
          .filter(([name, value]) => value !== undefined && before.get(name) !== value && !PER_RESPONSE.has(name))
          .map(([name, value]) => [name, value] as [string, string | number | readonly string[]]);
        if (!headers.some(([name]) => name === 'content-type')) headers.push(['content-type', 'text/html; charset=utf-8']);
        this.member.send(req, res, this.member.store(key, variant, headers, body), personal);
        return res;
      }
      return send(this.member.fill(body, personal));
    }) as Response['send'];
    return next.handle();
  }
}

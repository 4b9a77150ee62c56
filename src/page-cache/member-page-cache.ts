import { randomBytes } from 'node:crypto';
import { type CallHandler, type ExecutionContext, type NestInterceptor, SetMetadata, type Type } from '@nestjs/common';
import type { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import hbs from 'hbs';
import { type Observable, of } from 'rxjs';
import type { ContentVersionReader } from './content-version.reader.js';
import { berlinDayClock, clientDirective, PER_RESPONSE } from './page-cache.middleware.js';
import type { PublicPageCache } from './public-page-cache.js';

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

const LEVEL_MEMO_LIMIT = 10_000;

/** A personal value as the template would print it (strings and numbers; anything else empty). */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The member side of the page cache (issue 22), as a global interceptor: it runs after the session
 * and viewer middleware and routing, so it knows the viewer and the route's declaration. On a miss
 * it renders the page with slots instead of the member's name and CSRF token, stores that, and
 * sends it filled; on a hit it fills the stored page for the current member without running the
 * route. Entries share the anonymous cache's LRU (PAGE_CACHE_MB) under keys of their own
 * (`member|…`), which an anonymous URL key (starting with "/") never equals. Requests with
 * `Cache-Control: no-cache` render afresh and replace the entry; `no-store` bypasses it.
 * The response headers the app set before (e.g. `Cache-Control: no-store` for members) stay:
 * this cache lives in the server only.
 */
export class MemberPageCacheInterceptor implements NestInterceptor {
  private readonly nameSlot: string;
  private readonly csrfSlot: string;
  private readonly today: () => string;
  /** Levels of (member, route path) for one content version and day: a repeated request needs no query. */
  private readonly levels = new Map<string, string | null>();
  private levelsVariant = '';

  constructor(
    private readonly cache: PublicPageCache,
    private readonly versions: ContentVersionReader,
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
  ) {
    // Random per process and alphanumeric: survives HTML escaping, and no stored content can hold it.
    const nonce = randomBytes(12).toString('hex');
    this.nameSlot = `nmslot${nonce}name`;
    this.csrfSlot = `nmslot${nonce}csrf`;
    this.today = berlinDayClock();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const rule = this.reflector.get<MemberCacheRule | undefined>(MEMBER_CACHE, context.getHandler());
    if (!rule) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { viewer?: ViewerShape }>();
    const res = context.switchToHttp().getResponse<Response>();
    const viewer = req.viewer;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || viewer?.kind !== 'member') return next.handle();
    const directive = clientDirective(req);
    if (directive === 'bypass') return next.handle();

    // Rights and memberships follow the Berlin day as well as the data (current membership, chairs).
    const variant = `${await this.versions.current()}|${this.today()}`;
    const level = await this.levelOf(`${context.getClass().name}.${context.getHandler().name}`, rule, viewer, req, variant);
    if (level === null) return next.handle();
    // The header differs for administrators (their links), whatever the page's own level.
    const key = `member|${level}|${viewer.isAdmin === true ? 'admin' : 'member'}|${req.originalUrl}`;
    const locals = res.locals as PersonalLocals;
    const personal = { csrf: locals.csrfToken, name: locals.currentUser?.name };
    // Only personal parts this cache knows how to put in slots: anything else renders uncached.
    if (typeof personal.name !== 'string' || (typeof personal.csrf !== 'function' && typeof personal.csrf !== 'string')) return next.handle();

    const hit = directive === 'refresh' ? undefined : this.cache.get(key, variant);
    if (hit) {
      res.setHeader('X-Cache', 'hit');
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.status(200);
      res.send(this.fill(hit.body.toString('utf8'), personal));
      // The route does not run; what Nest does after the interceptor (render, send) has nothing left to do.
      res.render = () => undefined;
      res.send = (() => res) as Response['send'];
      return of(undefined);
    }

    res.setHeader('X-Cache', 'miss');
    locals.csrfToken = this.csrfSlot;
    if (locals.currentUser) locals.currentUser = { ...locals.currentUser, name: this.nameSlot };
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
        this.cache.set(key, variant, { headers, body: Buffer.from(body, 'utf8') });
      }
      return send(this.fill(body, personal));
    }) as Response['send'];
    return next.handle();
  }

  /** The slots filled for this member; the CSRF token only asked for when the page has a form. */
  private fill(text: string, personal: { csrf: unknown; name: unknown }): string {
    let out = text;
    if (out.includes(this.nameSlot)) out = out.replaceAll(this.nameSlot, hbs.handlebars.Utils.escapeExpression(textOf(personal.name)));
    if (out.includes(this.csrfSlot)) {
      const token = typeof personal.csrf === 'function' ? (personal.csrf as () => unknown)() : personal.csrf;
      out = out.replaceAll(this.csrfSlot, hbs.handlebars.Utils.escapeExpression(textOf(token)));
    }
    return out;
  }

  private async levelOf(route: string, rule: MemberCacheRule, viewer: ViewerShape, req: Request, variant: string): Promise<string | null> {
    if (variant !== this.levelsVariant || this.levels.size >= LEVEL_MEMO_LIMIT) {
      this.levels.clear();
      this.levelsVariant = variant;
    }
    const memo = `${route}|${String(viewer.accountId)}|${String(viewer.personId)}|${String(viewer.isAdmin)}|${req.path}`;
    const known = this.levels.get(memo);
    if (known !== undefined) return known;
    let level: string | null;
    try {
      const service = this.moduleRef.get(rule.service, { strict: false });
      level = await rule.level(service, viewer, req.params as Record<string, string>);
    } catch {
      // An id the route itself rejects (400/404): the route answers, uncached.
      return null;
    }
    this.levels.set(memo, level);
    return level;
  }
}

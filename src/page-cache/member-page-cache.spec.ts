import { Controller, Get, Injectable, Module, Param, Post, Res } from '@nestjs/common';
import { ModuleRef, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import hbs from 'hbs';
import request from 'supertest';
import { once } from 'node:events';
import { createServer, get as httpGet, type IncomingHttpHeaders, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { ContentVersionReader } from './content-version.reader.js';
import { MemberCache, MemberPageCache, MemberPageCacheInterceptor, memberPageCacheShortcut } from './member-page-cache.js';
import { PublicPageCache } from './public-page-cache.js';

interface TestViewer {
  kind: 'member' | 'anonymous';
  accountId?: number;
  personId?: number | null;
  isAdmin?: boolean;
}

/** Plays a page's own permission service: officers of body 7 only. */
@Injectable()
class LevelService {
  calls = 0;
  level(viewer: TestViewer, id: string): string {
    this.calls++;
    if (!/^\d+$/.test(id)) throw new Error('bad id');
    return viewer.accountId === 3 && id === '7' ? 'officer' : 'member';
  }
}

let renders = 0;
/** Requests that reached Nest's routing (its guards): the shortcut answers without. */
let routed = 0;

/** Sends what a layout would print of the personal locals, plus the level-dependent content. */
function page(res: Response, content: string): void {
  renders++;
  const locals = res.locals as { csrfToken: (() => string) | string; currentUser: { name: string } | null };
  // as Handlebars prints them: a function is called (the lazy token), a name escaped
  const token = typeof locals.csrfToken === 'function' ? locals.csrfToken() : locals.csrfToken;
  const name = locals.currentUser ? hbs.handlebars.Utils.escapeExpression(locals.currentUser.name) : 'anonym';
  res.type('html').send(`<p>${name}</p><input value="${token}"><main>${content} #${renders}</main>`);
}

@Controller()
class PagesController {
  @Get('gremien/:id')
  @MemberCache(LevelService, (s: LevelService, viewer: TestViewer, params) => s.level(viewer, params.id))
  show(@Param('id') id: string, @Res() res: Response): void {
    page(res, `Gremium ${id}`);
  }

  @Get('privat')
  @MemberCache(LevelService, () => null)
  personal(@Res() res: Response): void {
    page(res, 'persönlich');
  }

  @Get('fehlt')
  @MemberCache(LevelService, () => 'member')
  missing(@Res() res: Response): void {
    res.status(404);
    page(res, 'Nicht gefunden');
  }

  @Get('lang')
  @MemberCache(LevelService, () => 'member')
  long(@Res() res: Response): void {
    const locals = res.locals as { csrfToken: (() => string) | string; currentUser: { name: string } };
    const token = typeof locals.csrfToken === 'function' ? locals.csrfToken() : locals.csrfToken;
    const name = hbs.handlebars.Utils.escapeExpression(locals.currentUser.name);
    const rows = 'Zeile mit Umlauten äöü und Кириллица. '.repeat(800);
    res.type('html').send(`<p>${name}</p><input value="${token}"><main>${rows}</main><form><input value="${token}"></form><footer>${name}</footer>`);
  }

  @Post('gremien/:id')
  @MemberCache(LevelService, () => 'member')
  save(@Res() res: Response): void {
    page(res, 'gespeichert');
  }
}

@Module({ controllers: [PagesController], providers: [LevelService] })
class TestModule {}

/** Viewer from test headers, and the locals the auth middleware would set. */
function viewerFromHeaders(req: Request, res: Response, next: NextFunction): void {
  const account = req.headers['x-account'];
  const viewer: TestViewer = typeof account === 'string' ? { kind: 'member', accountId: Number(account), personId: null, isAdmin: req.headers['x-admin'] === '1' } : { kind: 'anonymous' };
  (req as Request & { viewer: TestViewer }).viewer = viewer;
  res.locals.csrfToken = () => `token-of-${String(account ?? 'anon')}`;
  res.locals.currentUser = viewer.kind === 'member' && req.headers['x-no-user'] === undefined ? { name: `O'Name <${String(account)}>`, isAdmin: viewer.isAdmin } : null;
  next();
}

describe('MemberPageCacheInterceptor (a small Nest app)', () => {
  let app: NestExpressApplication;
  let version = 1;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false });
    const versions = { current: () => Promise.resolve(String(version)) } as unknown as ContentVersionReader;
    const cache = new PublicPageCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const member = new MemberPageCache(cache, versions);
    app.use(viewerFromHeaders);
    app.use(memberPageCacheShortcut(member));
    app.useGlobalInterceptors(new MemberPageCacheInterceptor(member, app.get(ModuleRef), app.get(Reflector)));
    app.useGlobalGuards({ canActivate: () => ++routed > 0 });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    version++;
  });

  const get = (path: string, account?: number, headers: Record<string, string> = {}) => {
    const r = request(app.getHttpServer()).get(path);
    if (account !== undefined) r.set('X-Account', String(account));
    for (const [k, v] of Object.entries(headers)) r.set(k, v);
    return r;
  };

  it('stores the page once per level and fills in each member’s escaped name and own token', async () => {
    const a = await get('/gremien/7', 1).expect(200);
    expect(a.headers['x-cache']).toBe('miss');
    expect(a.text).toContain('<p>O&#x27;Name &lt;1&gt;</p><input value="token-of-1">');
    const b = await get('/gremien/7', 2).expect(200);
    expect(b.headers['x-cache']).toBe('hit');
    expect(b.text).toContain('<p>O&#x27;Name &lt;2&gt;</p><input value="token-of-2">');
    expect(b.text.endsWith(a.text.slice(a.text.indexOf('<main>')))).toBe(true);
    const officer = await get('/gremien/7', 3).expect(200);
    expect(officer.headers['x-cache']).toBe('miss');
    expect((await get('/gremien/8', 3).expect(200)).headers['x-cache']).toBe('miss');
    expect((await get('/gremien/8', 2).expect(200)).headers['x-cache']).toBe('hit');
    // administrators' headers differ: never the member copy
    expect((await get('/gremien/7', 4, { 'X-Admin': '1' }).expect(200)).headers['x-cache']).toBe('miss');
  });

  it('renders afresh for a new content version, a reload (no-cache) and no-store; asks the level once per member and version', async () => {
    const service = app.get(LevelService);
    await get('/gremien/7', 1).expect(200);
    const calls = service.calls;
    expect((await get('/gremien/7', 1).expect(200)).headers['x-cache']).toBe('hit');
    expect(service.calls).toBe(calls);
    expect((await get('/gremien/7', 1, { 'Cache-Control': 'no-cache' }).expect(200)).headers['x-cache']).toBe('miss');
    expect((await get('/gremien/7', 1, { 'Cache-Control': 'no-store' }).expect(200)).headers['x-cache']).toBeUndefined();
    version++;
    expect((await get('/gremien/7', 1).expect(200)).headers['x-cache']).toBe('miss');
  });

  it('leaves alone anonymous visitors, other methods, pages without a level, failed levels and answers other than 200', async () => {
    await get('/gremien/7', 1).expect(200);
    const anonymous = await get('/gremien/7').expect(200);
    expect(anonymous.headers['x-cache']).toBeUndefined();
    expect(anonymous.text).toContain('<p>anonym</p><input value="token-of-anon">');
    const post = await request(app.getHttpServer()).post('/gremien/7').set('X-Account', '1');
    expect(post.text).toContain('gespeichert');
    expect(post.headers['x-cache']).toBeUndefined();
    await get('/privat', 1).expect(200);
    expect((await get('/privat', 2).expect(200)).headers['x-cache']).toBeUndefined();
    expect((await get('/gremien/abc', 1).expect(200)).headers['x-cache']).toBeUndefined();
    // personal parts it does not know (no currentUser with a name): never stored
    await get('/gremien/9', 1, { 'X-No-User': '1' }).expect(200);
    expect((await get('/gremien/9', 1, { 'X-No-User': '1' }).expect(200)).headers['x-cache']).toBeUndefined();
    await get('/fehlt', 1).expect(404);
    const again = await get('/fehlt', 2).expect(404);
    expect(again.headers['x-cache']).toBe('miss');
    expect(again.text).toContain('<p>O&#x27;Name &lt;2&gt;</p><input value="token-of-2">');
  });

  it('answers a member’s repeated request before routing, never another level’s or an older version’s entry', async () => {
    await get('/gremien/7', 1).expect(200);
    const before = routed;
    const hit = await get('/gremien/7', 1).expect(200);
    expect(hit.headers['x-cache']).toBe('hit');
    expect(routed).toBe(before);
    // another member of the same level: the interceptor (routed) asks the level, then the shortcut knows it
    expect((await get('/gremien/7', 2).expect(200)).headers['x-cache']).toBe('hit');
    expect(routed).toBe(before + 1);
    expect((await get('/gremien/7', 2).expect(200)).headers['x-cache']).toBe('hit');
    expect(routed).toBe(before + 1);
    // the officer's level differs: rendered for them
    expect((await get('/gremien/7', 3).expect(200)).text).toContain('<p>O&#x27;Name &lt;3&gt;</p>');
    version++;
    expect((await get('/gremien/7', 1).expect(200)).headers['x-cache']).toBe('miss');
  });

  it('sends large pages gzip-compressed, compressed once when stored, with each member’s parts: the same page as uncompressed', async () => {
    const miss = await rawGet(app, '/lang', { 'X-Account': '1', 'Accept-Encoding': 'gzip' });
    expect(miss.status).toBe(200);
    expect(miss.headers['content-encoding']).toBe('gzip');
    expect(miss.headers.vary).toBe('Accept-Encoding');
    const plain = await get('/lang', 2, { 'Accept-Encoding': 'identity' }).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['x-cache']).toBe('hit');
    const zipped = await rawGet(app, '/lang', { 'X-Account': '2', 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['x-cache']).toBe('hit');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(zipped.body).toString('utf8');
    expect(text).toBe(plain.text);
    expect(text).toContain('<p>O&#x27;Name &lt;2&gt;</p><input value="token-of-2">');
    expect(text).toContain('Кириллица. Zeile');
    expect(text.endsWith('</main><form><input value="token-of-2"></form><footer>O&#x27;Name &lt;2&gt;</footer>')).toBe(true);
    expect(Number(zipped.headers['content-length'])).toBe((zipped.body).length);
    expect((zipped.body).length).toBeLessThan(Buffer.byteLength(plain.text) / 10);
    expect(gunzipSync(miss.body).toString('utf8')).toContain('<p>O&#x27;Name &lt;1&gt;</p><input value="token-of-1">');
  });
});

/** The raw answer, as bytes on the wire (supertest would decompress it itself). */
async function rawGet(app: NestExpressApplication, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const server = createServer(app.getHttpAdapter().getInstance() as RequestListener).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) => httpGet({ host: '127.0.0.1', port, path, headers }, resolve).on('error', reject));
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

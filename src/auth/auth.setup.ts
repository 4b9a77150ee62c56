import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { LoginRequiredFilter } from './access.js';
import { AccountPeople } from './account-people.js';
import { AuthBootstrapService, type DemoPersonLookup } from './auth-bootstrap.service.js';
import { csrfTokenFor } from './csrf.js';
import { loginPathFor } from './next-path.js';
import { destroySession } from './session-helpers.js';
import { SessionMaintenanceService } from './session-maintenance.service.js';
import { sessionAccountOf, TypeOrmSessionStore } from './session-store.js';
import { ANONYMOUS, type RequestWithViewer } from './viewer.js';

/** Cookie names; `__Host-` (Secure, Path=/, no Domain) whenever the cookie is Secure. */
export const SESSION_COOKIE = 'nm.sid';
export const SECURE_SESSION_COOKIE = '__Host-nm.sid';

/** Paths a viewer who must change the password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = ['/konto/passwort', '/abmelden'];

function isHttps(config: AppConfig): boolean {
  return config.baseUrl.startsWith('https://');
}

/** Express "trust proxy" from TRUST_PROXY: a hop count, true/false, or addresses/subnets. */
function trustProxyValue(raw: string): number | boolean | string {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return raw;
}

/**
 * Security headers on every response (pages, static files, 404s, errors) and the Fetch-Metadata
 * CSRF check, both built into NestJS 12 (the same headers and defaults as helmet 8). Must run first
 * in configureApp, before static files, so they carry the headers too.
 */
export function configureSecurity(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy !== null) app.set('trust proxy', trustProxyValue(config.trustProxy));
  const https = isHttps(config);
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        upgradeInsecureRequests: https,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.enableCsrfProtection({ trustedOrigins: [new URL(config.baseUrl).origin] });
}

/** The cookie name this request's session uses (for clearing it at logout). */
export function sessionCookieName(req: Request, config: AppConfig): string {
  return isHttps(config) || req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Cookie attributes shared by setting and clearing. */
export function sessionCookieOptions(secure: boolean): { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/' } {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/**
 * express-session on the database store: ≥128-bit random ids (uid-safe, 24 bytes), HttpOnly,
 * SameSite=Lax, Secure + `__Host-` over https, rolling idle expiry. Behind a TLS-terminating proxy
 * with an https BASE_URL, X-Forwarded-Proto decides about the Secure cookie; with an http BASE_URL,
 * requests Express sees as secure (TRUST_PROXY) get the secure cookie.
 */
function sessionMiddleware(app: NestExpressApplication, config: AppConfig, secret: string): RequestHandler {
  const build = (secure: boolean): RequestHandler =>
    session({
      name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
      secret,
      // one store object per middleware: express-session binds cookie options to its store
      store: new TypeOrmSessionStore(app.get(DataSource), app.get(DatabaseService), config, app.get(AccountPeople)),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      proxy: isHttps(config) && config.trustProxy === null ? true : undefined,
      cookie: { ...sessionCookieOptions(secure), maxAge: config.sessionIdleMinutes * 60_000 },
    });
  const chosen: RequestHandler = isHttps(config)
    ? build(true)
    : ((plain, secure): RequestHandler => (req, res, next) => (req.secure ? secure(req, res, next) : plain(req, res, next)))(build(false), build(true));
  // CardDAV/CalDAV clients authenticate every request with a device password (src/dav): no session, no cookie.
  return (req, res, next) => (isDeviceAuthPath(req.path) ? next() : chosen(req, res, next));
}

/** Paths of the CardDAV/CalDAV service (src/dav), which never uses sessions. */
export function isDeviceAuthPath(path: string): boolean {
  return path === '/dav' || path.startsWith('/dav/') || path.startsWith('/.well-known/carddav') || path.startsWith('/.well-known/caldav');
}

/**
 * Puts the Viewer on every request (from the session's account, which the session read joined: checked
 * against the database on each request at no extra query, so a disabled or deleted account is logged out
 * at once) and what the layout needs into res.locals: `csrfToken` (lazy: only pages with a form start a
 * session), `currentUser`, `loginHref`.
 */
function viewerMiddleware(): RequestHandler {
  const run = async (req: RequestWithViewer, res: Response, next: NextFunction): Promise<void> => {
    req.viewer = ANONYMOUS;
    res.locals.csrfToken = () => csrfTokenFor(req);
    res.locals.currentUser = null;
    res.locals.loginHref = req.method === 'GET' ? loginPathFor(req.originalUrl) : '/anmelden';
    const accountId = req.session?.accountId;
    if (typeof accountId !== 'number') return next();

    const account = sessionAccountOf(req);
    if (!account || account.id !== accountId || account.disabled) {
      await destroySession(req);
      return next();
    }
    req.viewer = { kind: 'member', accountId: account.id, personId: account.personId, isAdmin: account.isAdmin };
    res.locals.currentUser = {
      name: account.personName ?? account.email,
      isAdmin: account.isAdmin,
    };
    res.setHeader('Cache-Control', 'no-store'); // pages for members are never cached (ASVS 8.2.1)
    if (account.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.includes(req.path)) {
      res.redirect(303, '/konto/passwort');
      return;
    }
    next();
  };
  return (req, res, next) => {
    run(req, res, next).catch(next);
  };
}

/**
 * Everything auth needs before the first request, after migrations and seeds: the first administrator,
 * demo accounts (only with demo data), the production check against demo passwords, sessions and the viewer.
 * Throws StartupRefusedError (German message, already logged) when the app must not start.
 */
export async function configureAuth(app: NestExpressApplication, demo: DemoPersonLookup): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const bootstrap = app.get(AuthBootstrapService);
  try {
    await bootstrap.ensureAdmin();
    if (config.seedDemo) await bootstrap.ensureDemoAccounts(demo);
    await bootstrap.refuseDemoPasswordsInProduction();
  } catch (e) {
    app.flushLogs(); // main.ts buffers logs until start; the German reason must reach the log before the exit
    throw e;
  }

  // after the app's catch-all HttpExceptionFilter: the last global filter registered is asked first
  app.useGlobalFilters(new LoginRequiredFilter());
  app.setLocal('loginHref', '/anmelden');
  app.use(sessionMiddleware(app, config, await bootstrap.sessionSecret()));
  app.use(viewerMiddleware());
  await app.get(SessionMaintenanceService).cleanUp();
}

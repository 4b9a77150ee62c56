import { createHmac, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { forbidden } from '../common/errors/user-facing.js';

/**
 * CSRF defence, two layers:
 * 1. NestJS 12's built-in `app.enableCsrfProtection()` (Fetch Metadata: `Sec-Fetch-Site`, else
 *    `Origin` against `Host`) rejects cross-site POSTs from browsers before any parsing (security.setup.ts).
 * 2. A synchroniser token per session (OWASP), checked here for every POST/PUT/PATCH/DELETE
 *    handled by a controller: the `{{> csrf}}` partial puts it into each form as `_csrf`;
 *    scripts may send it as `X-CSRF-Token`. The token is derived from the session id (an HMAC keyed
 *    with it: the id is the secret, the token reveals nothing of it), so every request of one session
 *    gets the same token — two pages loaded at once can no longer overwrite each other's token — and
 *    checking it needs no stored value; a new session id (login) gives a new token.
 */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORBIDDEN_MESSAGE =
  'Das Formular ist abgelaufen oder stammt nicht von dieser Seite. Bitte laden Sie die Seite neu und senden Sie es noch einmal.';

function tokenOfSession(sessionId: string): string {
  return createHmac('sha256', sessionId).update('netzwerk-csrf-v1').digest('base64url');
}

/**
 * The session's token. The first form marks the session (so only pages with a form start a session
 * for an anonymous visitor); the token itself always follows from the session id.
 */
export function csrfTokenFor(req: Request): string {
  const token = tokenOfSession(req.sessionID);
  if (req.session.csrfToken !== token) req.session.csrfToken = token;
  return token;
}

function submittedToken(req: Request): string | null {
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof value === 'string') return value;
  }
  const header = req.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : null;
}

/** True when the request belongs to a session that was given a form and carries its token (constant-time compare). */
export function hasValidCsrfToken(req: Request): boolean {
  const marked = (req.session as { csrfToken?: unknown } | undefined)?.csrfToken;
  const given = submittedToken(req);
  if (typeof marked !== 'string' || marked.length === 0 || given === null) return false;
  const a = Buffer.from(tokenOfSession(req.sessionID));
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SKIP_CSRF = 'auth:skipCsrf';

/** Exempts a handler (e.g. a webhook authenticated otherwise). Use sparingly; say why. */
export const SkipCsrf = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_CSRF, true);

/** Global guard (APP_GUARD): every state-changing request needs the session's token, else 403. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, [context.getHandler(), context.getClass()])) return true;
    if (!hasValidCsrfToken(req)) throw forbidden(FORBIDDEN_MESSAGE);
    return true;
  }
}

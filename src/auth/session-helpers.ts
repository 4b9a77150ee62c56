import type { Request } from 'express';

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** New session id, old session deleted (against session fixation, ASVS 3.2.1). */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err: unknown) => (err ? reject(asError(err)) : resolve())));
}

/** Writes the session now (before a redirect, so the next request sees it). */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err: unknown) => (err ? reject(asError(err)) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err: unknown) => (err ? reject(asError(err)) : resolve())));
}

/** The client address as Express sees it (honours TRUST_PROXY), at most 64 characters. */
export function clientIp(req: Request): string {
  return (req.ip ?? req.socket.remoteAddress ?? 'unbekannt').slice(0, 64);
}

/** Responses with personal or secret content are never stored by browsers or proxies. */
export function noStore(res: { setHeader: (name: string, value: string) => unknown }): void {
  res.setHeader('Cache-Control', 'no-store');
}

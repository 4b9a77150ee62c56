import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Who is looking. The auth module's ViewerMiddleware puts a member viewer on the request for a
 * logged-in account (from the database-backed session); everyone else is anonymous.
 * Services decide visibility and permissions from this, never templates.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'member'; accountId: number; personId: number | null; isAdmin: boolean };

/** A logged-in viewer. */
export type MemberViewer = Extract<Viewer, { kind: 'member' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export interface RequestWithViewer extends Request {
  viewer?: Viewer;
}

export function isMember(viewer: Viewer): viewer is MemberViewer {
  return viewer.kind === 'member';
}

/** An administrator (always a member). Not a type guard: `false` says nothing about being a member. */
export function isAdmin(viewer: Viewer): boolean {
  return viewer.kind === 'member' && viewer.isAdmin;
}

/** Builds a member viewer, e.g. in unit tests of services. */
export function memberViewer(accountId: number, personId: number | null = null, admin = false): MemberViewer {
  return { kind: 'member', accountId, personId, isAdmin: admin };
}

/** Injects the current Viewer into a controller method. */
export const CurrentViewer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Viewer => {
  const req = ctx.switchToHttp().getRequest<RequestWithViewer>();
  return req.viewer ?? ANONYMOUS;
});

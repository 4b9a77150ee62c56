import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Who is looking. Until accounts exist (issue 3) every request is anonymous; the auth module
 * will put a member viewer on the request. Services decide visibility from this, never templates.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'member'; accountId: number; personId: number | null; isAdmin: boolean };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export interface RequestWithViewer extends Request {
  viewer?: Viewer;
}

export function isMember(viewer: Viewer): boolean {
  return viewer.kind === 'member';
}

/** Injects the current Viewer into a controller method. */
export const CurrentViewer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Viewer => {
  const req = ctx.switchToHttp().getRequest<RequestWithViewer>();
  return req.viewer ?? ANONYMOUS;
});

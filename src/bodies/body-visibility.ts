import { isMember, type Viewer } from '../auth/viewer.js';
import type { Body } from './body.entity.js';

/** Whether the viewer may see internal (non-public) bodies at all: members may, anonymous visitors may not. */
export function seesInternalBodies(viewer: Viewer): boolean {
  return isMember(viewer);
}

/** Whether the viewer may see this body (its listing, page and member vCards). */
export function canViewBody(body: Pick<Body, 'isPublic'>, viewer: Viewer): boolean {
  return body.isPublic || seesInternalBodies(viewer);
}

/**
 * canViewBody as SQL, for hand-written reads: a condition on the `bodies` row aliased `alias` that
 * holds exactly for the bodies the viewer may see (body-visibility.spec.ts checks both agree).
 */
export function visibleBodySql(alias: string, viewer: Viewer): string {
  return seesInternalBodies(viewer) ? '1 = 1' : `${alias}.is_public = TRUE`;
}

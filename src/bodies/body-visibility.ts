import { isMember, type Viewer } from '../auth/viewer.js';
import type { Body } from './body.entity.js';
import type { Membership } from './membership.entity.js';

/** Whether the viewer may see internal (non-public) bodies at all: members may, anonymous visitors may not. */
export function seesInternalBodies(viewer: Viewer): boolean {
  return isMember(viewer);
}

/** Whether the viewer may see this body (its listing, page and member vCards). */
export function canViewBody(body: Pick<Body, 'isPublic'>, viewer: Viewer): boolean {
  return body.isPublic || seesInternalBodies(viewer);
}

/** A membership is current until the end of its end date (Berlin); without an end date it is open-ended. */
export function isCurrentMembership(membership: Pick<Membership, 'endDate'>, today: string): boolean {
  return membership.endDate === null || membership.endDate >= today;
}

import type { Viewer } from '../auth/viewer.js';
import { canViewBody, seesInternalBodies } from './body-visibility.js';

const anonymous: Viewer = { kind: 'anonymous' };
const member: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };
const admin: Viewer = { kind: 'member', accountId: 2, personId: 5, isAdmin: true };

describe('body visibility', () => {
  it('shows public bodies to everybody', () => {
    for (const viewer of [anonymous, member, admin]) expect(canViewBody({ isPublic: true }, viewer)).toBe(true);
  });

  it('shows internal bodies to members only, never to anonymous visitors', () => {
    expect(canViewBody({ isPublic: false }, anonymous)).toBe(false);
    expect(canViewBody({ isPublic: false }, member)).toBe(true);
    expect(canViewBody({ isPublic: false }, admin)).toBe(true);
    expect(seesInternalBodies(anonymous)).toBe(false);
    expect(seesInternalBodies(member)).toBe(true);
  });
});

import type { Viewer } from '../auth/viewer.js';
import { canSee } from './contact-visibility.js';

const anonymous: Viewer = { kind: 'anonymous' };
const member: Viewer = { kind: 'member', accountId: 1, personId: 1, isAdmin: false };
const consent = new Date('2024-01-01T00:00:00Z');

describe('canSee', () => {
  it('never shows hidden fields, not even to members', () => {
    expect(canSee('hidden', anonymous, consent)).toBe(false);
    expect(canSee('hidden', member, consent)).toBe(false);
  });
  it('shows members fields to members only', () => {
    expect(canSee('members', anonymous, consent)).toBe(false);
    expect(canSee('members', member, null)).toBe(true);
  });
  it('shows public fields to anonymous visitors only with recorded consent', () => {
    expect(canSee('public', anonymous, consent)).toBe(true);
    expect(canSee('public', anonymous, null)).toBe(false);
    expect(canSee('public', member, null)).toBe(true);
  });
});

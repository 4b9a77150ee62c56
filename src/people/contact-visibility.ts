import { isMember, type Viewer } from '../auth/viewer.js';
import type { Visibility } from './person.entity.js';

/**
 * Whether a group of contact fields may be shown to the viewer.
 * hidden: never. members: logged-in members. public: everybody — but only once the person's
 * consent is recorded; without consent, public fields are treated as members-only.
 */
export function canSee(visibility: Visibility, viewer: Viewer, consentAt: Date | null): boolean {
  switch (visibility) {
    case 'hidden':
      return false;
    case 'members':
      return isMember(viewer);
    case 'public':
      return consentAt !== null || isMember(viewer);
  }
}

export interface ContactGroupsVisible {
  phones: boolean;
  emails: boolean;
  address: boolean;
}

export function visibleGroups(
  person: { phoneVisibility: Visibility; emailVisibility: Visibility; addressVisibility: Visibility; consentAt: Date | null },
  viewer: Viewer,
): ContactGroupsVisible {
  return {
    phones: canSee(person.phoneVisibility, viewer, person.consentAt),
    emails: canSee(person.emailVisibility, viewer, person.consentAt),
    address: canSee(person.addressVisibility, viewer, person.consentAt),
  };
}

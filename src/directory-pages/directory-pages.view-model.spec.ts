import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { personMembershipView } from './directory-pages.view-model.js';

describe('person page memberships', () => {
  it('formats current, upcoming and former membership periods in German', () => {
    const m = {
      bodyId: 4,
      body: { name: 'Netzwerk Migration' } as Body,
      role: 'chair',
      note: 'Leitung und Geschäftsführung',
      onBehalfOf: { id: 1, name: 'Landeshauptstadt Schwerin' } as Organisation,
      startDate: '2008-09-01',
      endDate: '2020-12-31',
    } as Membership;
    expect(personMembershipView(m, 'current')).toEqual({
      body: { href: '/gremien/4', text: 'Netzwerk Migration' },
      roleLabel: 'Vorsitz',
      note: 'Leitung und Geschäftsführung',
      onBehalfOf: { href: '/organisationen/1', text: 'Landeshauptstadt Schwerin' },
      period: 'seit 1. September 2008',
    });
    expect(personMembershipView(m, 'ended').period).toBe('1. September 2008 – 31. Dezember 2020');
    expect(personMembershipView({ ...m, startDate: null }, 'ended').period).toBe('bis 31. Dezember 2020');
    expect(personMembershipView({ ...m, startDate: null }, 'current').period).toBe('');
    expect(personMembershipView({ ...m, startDate: '2027-02-01', endDate: null }, 'upcoming').period).toBe('ab 01.02.2027');
  });
});

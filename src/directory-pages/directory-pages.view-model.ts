import type { PersonMembershipListing, RepresentationListing } from '../bodies/body-reads.js';
import { periodText, startsText } from '../bodies/bodies.view-model.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import type { LinkView } from '../people/people.view-model.js';
import { personDisplayName } from '../people/person-name.js';
import type { PersonListing } from '../people/people.repository.js';

/** A membership as the person's page lists it. */
export interface PersonMembershipView {
  body: LinkView;
  roleLabel: string;
  note: string | null;
  onBehalfOf: LinkView | null;
  /** "seit 1. September 2008", "ab 01.02.2027", "1. März 2016 – 31. Dezember 2020". */
  period: string;
}

export type MembershipPeriodKind = 'current' | 'upcoming' | 'ended';

function period(m: PersonMembershipListing, kind: MembershipPeriodKind): string {
  if (kind === 'upcoming') return startsText(m);
  // A current membership shows only its start (its end, if set, is still ahead); without one, nothing.
  if (kind === 'current') return m.startDate ? periodText({ startDate: m.startDate, endDate: null }) : '';
  return periodText(m);
}

export function personMembershipView(m: PersonMembershipListing, kind: MembershipPeriodKind): PersonMembershipView {
  return {
    body: { href: `/gremien/${m.bodyId}`, text: m.body.name },
    roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
    note: m.note,
    onBehalfOf: m.onBehalfOf ? { href: `/organisationen/${m.onBehalfOf.id}`, text: m.onBehalfOf.name } : null,
    period: period(m, kind),
  };
}

/** A contact person on an organisation's page. */
export function organisationPersonView(p: PersonListing): { href: string; name: string; functionTitle: string | null } {
  return { href: `/personen/${p.id}`, name: personDisplayName(p), functionTitle: p.functionTitle };
}

/** Who represents the organisation in which body. */
export function representationView(m: RepresentationListing): { bodyName: string; bodyHref: string; personName: string; personHref: string; roleLabel: string } {
  return {
    bodyName: m.body.name,
    bodyHref: `/gremien/${m.bodyId}`,
    personName: personDisplayName(m.person),
    personHref: `/personen/${m.personId}`,
    roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
  };
}

import type { BodyKind } from './body.entity.js';
import type { MembershipRole } from './membership.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  network: 'Netzwerk',
  advisory_board: 'Beirat',
  round_table: 'Runder Tisch',
  alliance: 'Bündnis',
  conference: 'Konferenz',
  working_group: 'Arbeitsgruppe',
  other: 'Sonstiges Gremium',
};

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chair: 'Vorsitz',
  deputy_chair: 'Stellvertretender Vorsitz',
  secretary: 'Geschäftsführung / Schriftführung',
  member: 'Mitglied',
  deputy_member: 'Stellvertretendes Mitglied',
  advisory_member: 'Beratendes Mitglied',
  guest: 'Gast',
};

/** Plural headings for a body's member list, in the same order as MEMBERSHIP_ROLES. */
export const MEMBERSHIP_ROLE_HEADINGS: Record<MembershipRole, string> = {
  chair: 'Vorsitz',
  deputy_chair: 'Stellvertretender Vorsitz',
  secretary: 'Geschäftsführung / Schriftführung',
  member: 'Mitglieder',
  deputy_member: 'Stellvertretende Mitglieder',
  advisory_member: 'Beratende Mitglieder',
  guest: 'Gäste',
};

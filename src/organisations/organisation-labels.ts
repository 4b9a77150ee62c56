import type { OrganisationKind } from './organisation.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  authority: 'Behörde',
  ngo: 'Freier Träger / NGO',
  association: 'Verein',
  migrant_organisation: 'Migrantenorganisation',
  religious_community: 'Religionsgemeinschaft',
  education: 'Bildungsträger',
  other: 'Sonstige',
};

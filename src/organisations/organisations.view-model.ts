import { telHref } from '../common/forms/field-formats.js';
import { ORGANISATION_KIND_LABELS } from './organisation-labels.js';
import type { OrganisationFacts, OrganisationListing } from './organisation-reads.js';
import type { Organisation } from './organisation.entity.js';

export interface OrganisationSummaryView {
  id: number;
  href: string;
  name: string;
  shortName: string | null;
  kindLabel: string;
  parentName: string | null;
  locality: string | null;
  /** "Asylberatung, Sprachkurs" or null (topics loaded with the organisation). */
  topicText: string | null;
}

/** The names of an organisation's topics, sorted (empty when not loaded). */
export function organisationTopicNames(o: { topics?: readonly { topic: { name: string } }[] }): string[] {
  return (o.topics ?? []).map((t) => t.topic.name).sort((a, b) => a.localeCompare(b, 'de'));
}

export function organisationSummary(o: OrganisationListing): OrganisationSummaryView {
  return {
    id: o.id,
    href: `/organisationen/${o.id}`,
    name: o.name,
    shortName: o.shortName,
    kindLabel: ORGANISATION_KIND_LABELS[o.kind],
    parentName: o.parent?.name ?? null,
    locality: o.locality,
    topicText: organisationTopicNames(o).join(', ') || null,
  };
}

/** Address lines of an organisation ("Am Packhof 2-6", "19053 Schwerin"); empty when unknown. */
export function addressLines(a: { street: string | null; postalCode: string | null; locality: string | null }): string[] {
  const cityLine = [a.postalCode, a.locality].filter(Boolean).join(' ');
  return [a.street ?? '', cityLine].filter((l) => l.length > 0);
}

/** An organisation as values of the edit form. */
export function organisationFormValues(o: Organisation): Record<string, string> {
  return {
    name: o.name,
    shortName: o.shortName ?? '',
    kind: o.kind,
    parentId: o.parentId === null ? '' : String(o.parentId),
    street: o.street ?? '',
    postalCode: o.postalCode ?? '',
    locality: o.locality ?? '',
    phone: o.phone ?? '',
    fax: o.fax ?? '',
    email: o.email ?? '',
    website: o.website ?? '',
    description: o.description ?? '',
  };
}

/** The organisation's own facts on its page: summary, parent link, address and contact. */
export function organisationFactsView(o: OrganisationFacts) {
  return {
    ...organisationSummary(o),
    parentHref: o.parentId ? `/organisationen/${o.parentId}` : null,
    addressLines: addressLines(o),
    phone: o.phone,
    phoneHref: o.phone ? telHref(o.phone) : null,
    fax: o.fax,
    email: o.email,
    website: o.website,
    description: o.description,
  };
}

import { telHref } from '../common/forms/field-formats.js';
import { languageLabel, PHONE_KIND_LABELS } from './person-labels.js';
import type { PersonCard } from './people.service.js';
import type { PersonContact } from './person-contact.js';
import { personDisplayName } from './person-name.js';
import { type ProfileBlock, profileBlocks } from './profile-text.js';

export interface LinkView {
  href: string;
  text: string;
}

export interface PhoneView {
  label: string;
  number: string;
  /** tel: link; null for fax numbers (calling a fax machine helps nobody). */
  href: string | null;
}

export interface DirectoryRowView {
  href: string;
  /** "Avramenko, Dimitri" — family name first, as the list is sorted. */
  name: string;
  functionTitle: string | null;
  organisation: LinkView | null;
  /** "Deutsch, Arabisch" or null. */
  languageText: string | null;
  /** "Asylberatung, Sprachkurs" or null. */
  topicText: string | null;
  phones: PhoneView[];
  emails: LinkView[];
  hasContact: boolean;
}

export interface PersonCardView {
  id: number;
  /** "Dr. Dimitri Avramenko" */
  name: string;
  /** "Herr Dr. Dimitri Avramenko" */
  fullName: string;
  functionTitle: string | null;
  organisationPath: LinkView[];
  room: string | null;
  addressLines: string[];
  phones: PhoneView[];
  emails: LinkView[];
  languageText: string | null;
  topicText: string | null;
  hasDetails: boolean;
  hasAnyContact: boolean;
  vcardHref: string;
  profile: ProfileBlock[];
}


export function phoneViews(contact: PersonContact): PhoneView[] {
  return contact.phones.map((p) => ({
    label: PHONE_KIND_LABELS[p.kind],
    number: p.number,
    href: p.kind === 'fax' ? null : telHref(p.number),
  }));
}

export function emailViews(contact: PersonContact): LinkView[] {
  return contact.emails.map((e) => ({ href: `mailto:${e}`, text: e }));
}

/** "Avramenko, Dr. Dimitri". */
export function directoryName(c: Pick<PersonContact, 'academicTitle' | 'givenName' | 'familyName'>): string {
  const first = [c.academicTitle, c.givenName].filter((s): s is string => !!s).join(' ');
  return first ? `${c.familyName}, ${first}` : c.familyName;
}

/** "Landeshauptstadt Schwerin – Fachstelle Integration" or just the organisation's name. */
export function organisationLabel(org: NonNullable<PersonContact['organisation']>): string {
  return org.parentName ? `${org.parentName} – ${org.name}` : org.name;
}

/** "a, b, c", or null for none. */
export function listText(items: string[]): string | null {
  return items.length > 0 ? items.join(', ') : null;
}

export function directoryRow(contact: PersonContact): DirectoryRowView {
  const phones = phoneViews(contact);
  const emails = emailViews(contact);
  return {
    href: `/personen/${contact.id}`,
    name: directoryName(contact),
    functionTitle: contact.functionTitle,
    organisation: contact.organisation
      ? { href: `/organisationen/${contact.organisation.id}`, text: organisationLabel(contact.organisation) }
      : null,
    languageText: listText(contact.languages.map(languageLabel)),
    topicText: listText(contact.topics),
    phones,
    emails,
    hasContact: phones.length > 0 || emails.length > 0,
  };
}

export function personCardView(card: PersonCard): PersonCardView {
  const c = card.contact;
  const phones = phoneViews(c);
  const emails = emailViews(c);
  const languages = c.languages.map(languageLabel);
  const address = c.address;
  const cityLine = address ? [address.postalCode, address.locality].filter(Boolean).join(' ') : '';
  const addressLines = address ? [address.street ?? '', cityLine].filter((l) => l.length > 0) : [];
  const name = personDisplayName(c);
  return {
    id: c.id,
    name,
    fullName: [c.formOfAddress, name].filter((s) => s.length > 0).join(' '),
    functionTitle: c.functionTitle,
    organisationPath: card.organisationPath.map((o) => ({ href: `/organisationen/${o.id}`, text: o.name })),
    room: address?.room ?? null,
    addressLines,
    phones,
    emails,
    languageText: listText(languages),
    topicText: listText(c.topics),
    hasDetails: phones.length > 0 || emails.length > 0 || languages.length > 0 || c.topics.length > 0,
    hasAnyContact: phones.length > 0 || emails.length > 0 || address !== null,
    vcardHref: `/personen/${c.id}/vcard`,
    profile: profileBlocks(card.profileText),
  };
}

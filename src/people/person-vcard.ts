import { VCard } from 'vcard-creator';
import { languageLabel } from './person-labels.js';
import type { PersonContact } from './person-contact.js';

const PHONE_TYPES = { work: ['work', 'voice'], mobile: ['cell', 'voice'], fax: ['work', 'fax'] } as const;

/** Where the vCards come from: UID domain and page URLs. */
export interface VCardOrigin {
  baseUrl: string;
}

function card(c: PersonContact, origin: VCardOrigin, categories: readonly string[] = []): VCard {
  const v = new VCard();
  const fn = [c.academicTitle, c.givenName, c.familyName].filter(Boolean).join(' ');
  v.addFullName(fn); // before addName, which would otherwise derive its own FN
  v.addName({ familyName: c.familyName, givenName: c.givenName, honorificPrefix: c.academicTitle ?? undefined });
  if (c.organisation) {
    // ORG: the top organisation first, the unit second (ORG:Landeshauptstadt Schwerin;Fachstelle Integration).
    v.addCompany(
      c.organisation.parentName
        ? { name: c.organisation.parentName, department: c.organisation.name }
        : { name: c.organisation.name },
    );
  }
  if (c.functionTitle) v.addJobtitle(c.functionTitle);
  for (const p of c.phones) v.addPhoneNumber({ number: p.number, type: [...PHONE_TYPES[p.kind]] });
  for (const e of c.emails) v.addEmail({ address: e, type: ['internet', 'work'] });
  if (c.address) {
    v.addAddress({
      extended: c.address.room ? `Raum ${c.address.room}` : undefined,
      street: c.address.street ?? undefined,
      locality: c.address.locality ?? undefined,
      postalCode: c.address.postalCode ?? undefined,
      type: ['work'],
    });
  }
  if (categories.length > 0) v.addCategories([...categories]);
  if (c.languages.length > 0) v.addNote(`Sprachen: ${c.languages.map(languageLabel).join(', ')}`);
  v.addUrl({ url: `${origin.baseUrl}/personen/${c.id}`, type: ['work'] });
  v.addUid(`urn:netzwerk-migration:${new URL(origin.baseUrl).host}:person:${c.id}`);
  v.addRevision(c.updatedAt);
  return v;
}

/**
 * One person as a vCard 3.0 (UTF-8, CRLF, folded lines), with only the fields the viewer may see;
 * `categories` (CATEGORIES) e.g. the bodies the person sits on (the CardDAV address books).
 */
export function personVCard(contact: PersonContact, origin: VCardOrigin, categories: readonly string[] = []): string {
  return card(contact, origin, categories).toString();
}

/** Several people as one .vcf file (e.g. all members of a body). */
export function vCardBundle(contacts: PersonContact[], origin: VCardOrigin): string {
  return contacts.map((c) => card(c, origin).toString()).join('');
}

/** A safe ASCII file name for Content-Disposition plus the UTF-8 one (RFC 6266). */
export function vCardDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'kontakt';
  return `attachment; filename="${ascii}.vcf"; filename*=UTF-8''${encodeURIComponent(name)}.vcf`;
}

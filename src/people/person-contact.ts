import type { Viewer } from '../auth/viewer.js';
import { visibleGroups } from './contact-visibility.js';
import type { PhoneKind } from './person-phone.entity.js';
import type { Person } from './person.entity.js';

/**
 * A person's contact as one particular viewer may see it: the single place where visibility
 * is applied. Pages, search results and vCards are all built from this, so a hidden field
 * cannot appear anywhere. Fields the viewer may not see are simply absent.
 */
export interface PersonContact {
  id: number;
  formOfAddress: string;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  functionTitle: string | null;
  organisation: { id: number; name: string; parentName: string | null } | null;
  phones: { kind: PhoneKind; number: string }[];
  emails: string[];
  /** Room and postal address (the organisation's when the person has none of their own). */
  address: { room: string | null; street: string | null; postalCode: string | null; locality: string | null } | null;
  languages: string[];
  /** Names of the person's topics ("Themen und Angebote"), sorted; not contact details (always shown). */
  topics: string[];
  updatedAt: Date;
}

/**
 * What visibleContact reads: a Person entity with phones, emails, languages, topics (with topic) and
 * organisation (with parent) loaded, or the same as a plain object from a hand-written read
 * (person-contact-rows.ts). Collections left out count as empty.
 */
export type ContactSource = Pick<
  Person,
  | 'id'
  | 'formOfAddress'
  | 'academicTitle'
  | 'givenName'
  | 'familyName'
  | 'functionTitle'
  | 'room'
  | 'street'
  | 'postalCode'
  | 'locality'
  | 'phoneVisibility'
  | 'emailVisibility'
  | 'addressVisibility'
  | 'consentAt'
  | 'updatedAt'
> & {
  organisation?: {
    id: number;
    name: string;
    street: string | null;
    postalCode: string | null;
    locality: string | null;
    parent?: { name: string } | null;
  } | null;
  phones?: readonly { kind: PhoneKind; number: string; position: number }[];
  emails?: readonly { email: string; position: number }[];
  languages?: readonly { code: string }[];
  topics?: readonly { topic: { name: string } }[];
};

export function visibleContact(person: ContactSource, viewer: Viewer): PersonContact {
  const show = visibleGroups(person, viewer);
  const org = person.organisation ?? null;
  const ownAddress = !!(person.street || person.locality);
  const addressSource = ownAddress ? person : org;
  const address =
    show.address && (person.room || addressSource?.street || addressSource?.locality)
      ? {
          room: person.room,
          street: addressSource?.street ?? null,
          postalCode: addressSource?.postalCode ?? null,
          locality: addressSource?.locality ?? null,
        }
      : null;
  return {
    id: person.id,
    formOfAddress: person.formOfAddress,
    academicTitle: person.academicTitle,
    givenName: person.givenName,
    familyName: person.familyName,
    functionTitle: person.functionTitle,
    organisation: org ? { id: org.id, name: org.name, parentName: org.parent?.name ?? null } : null,
    phones: show.phones ? [...(person.phones ?? [])].sort((a, b) => a.position - b.position).map((p) => ({ kind: p.kind, number: p.number })) : [],
    emails: show.emails ? [...(person.emails ?? [])].sort((a, b) => a.position - b.position).map((e) => e.email) : [],
    address,
    languages: (person.languages ?? []).map((l) => l.code).sort(),
    topics: (person.topics ?? []).map((t) => t.topic.name).sort((a, b) => a.localeCompare(b, 'de')),
    updatedAt: person.updatedAt,
  };
}

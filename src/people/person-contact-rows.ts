import type { DataSource, EntityManager } from 'typeorm';
import { columnHydrator, rawRows } from '../database/raw-read.js';
import type { ContactSource } from './person-contact.js';
import type { PhoneKind } from './person-phone.entity.js';
import { Person, type Visibility } from './person.entity.js';

/**
 * The hand-written read behind every contact card, directory row and vCard (issue 22): the people
 * `selector` picks, with their organisation (and its parent), phones, e-mails, languages and topic
 * names, in ONE statement — one row per person plus one per phone, e-mail, language and topic
 * (UNION ALL), no relation hydration. Visibility is applied afterwards, by visibleContact().
 */
export interface ContactRead extends ContactSource {
  sortKey: string;
  profile: string | null;
  organisationId: number | null;
  /** The organisation's parent, as the person page links it. */
  organisationParent: { id: number; name: string } | null;
}

interface ContactRow {
  kind: 'person' | 'phone' | 'email' | 'language' | 'topic';
  person_id: number;
  form_of_address: string | null;
  academic_title: string | null;
  given_name: string | null;
  family_name: string | null;
  sort_key: string | null;
  function_title: string | null;
  room: string | null;
  street: string | null;
  postal_code: string | null;
  locality: string | null;
  profile: string | null;
  phone_visibility: Visibility | null;
  email_visibility: Visibility | null;
  address_visibility: Visibility | null;
  consent_at: unknown;
  updated_at: unknown;
  organisation_id: number | null;
  org_id: number | null;
  org_name: string | null;
  org_street: string | null;
  org_postal_code: string | null;
  org_locality: string | null;
  parent_id: number | null;
  parent_name: string | null;
  position: number | null;
  value: string | null;
  extra: string | null;
}

/** The person branch's own columns (from form_of_address to parent_name), empty in the other branches. */
const PERSON_NULLS = Array.from({ length: 24 }, () => 'NULL').join(', ');

/**
 * The statement; `selector(column)` is a condition on a person id column that picks the people
 * (e.g. `${column} IN (:...ids)`), repeated in each branch so every branch reads by index.
 * Removed people, organisations and parents are left out, as the entity reads leave them out.
 */
export function contactRowsSql(selector: (column: string) => string): string {
  return `
SELECT 'person' AS kind, p.id AS person_id, p.form_of_address, p.academic_title, p.given_name, p.family_name, p.sort_key,
       p.function_title, p.room, p.street, p.postal_code, p.locality, p.profile, p.phone_visibility, p.email_visibility,
       p.address_visibility, p.consent_at, p.updated_at, p.organisation_id,
       o.id AS org_id, o.name AS org_name, o.street AS org_street, o.postal_code AS org_postal_code, o.locality AS org_locality,
       op.id AS parent_id, op.name AS parent_name,
       NULL AS position, NULL AS value, NULL AS extra
  FROM people p
  LEFT JOIN organisations o ON o.id = p.organisation_id AND o.deleted_at IS NULL
  LEFT JOIN organisations op ON op.id = o.parent_id AND op.deleted_at IS NULL
 WHERE ${selector('p.id')} AND p.deleted_at IS NULL
UNION ALL
SELECT 'phone', ph.person_id, ${PERSON_NULLS}, ph.position, ph.kind, ph.number FROM person_phones ph WHERE ${selector('ph.person_id')}
UNION ALL
SELECT 'email', em.person_id, ${PERSON_NULLS}, em.position, em.email, NULL FROM person_emails em WHERE ${selector('em.person_id')}
UNION ALL
SELECT 'language', pl.person_id, ${PERSON_NULLS}, 0, pl.code, NULL FROM person_languages pl WHERE ${selector('pl.person_id')}
UNION ALL
SELECT 'topic', pt.person_id, ${PERSON_NULLS}, 0, t.name, NULL FROM person_topics pt JOIN topics t ON t.id = pt.topic_id WHERE ${selector('pt.person_id')}`;
}

/** Reads the contact rows and puts each person together (keyed by id; people not found are absent). */
export async function readContacts(
  manager: EntityManager,
  selector: (column: string) => string,
  params: Record<string, unknown>,
): Promise<Map<number, ContactRead>> {
  const rows = await rawRows<ContactRow>(manager, contactRowsSql(selector), params);
  return contactsFromRows(rows, manager.connection);
}

/** These people's contacts in the order of `ids` (people not found are left out). */
export async function readContactsByIds(manager: EntityManager, ids: readonly number[]): Promise<ContactRead[]> {
  if (ids.length === 0) return [];
  const found = await readContacts(manager, (column) => `${column} IN (:...ids)`, { ids: [...ids] });
  return ids.map((id) => found.get(id)).filter((p): p is ContactRead => p !== undefined);
}

function contactsFromRows(rows: ContactRow[], dataSource: DataSource): Map<number, ContactRead> {
  const consentAt = columnHydrator(dataSource, Person, 'consentAt');
  const updatedAt = columnHydrator(dataSource, Person, 'updatedAt');
  const people = new Map<number, ContactRead>();
  type Parts = { phones: { kind: PhoneKind; number: string; position: number }[]; emails: { email: string; position: number }[]; languages: { code: string }[]; topics: { topic: { name: string } }[] };
  const parts = new Map<number, Parts>();
  const partsOf = (id: number): Parts => {
    let p = parts.get(id);
    if (!p) {
      p = { phones: [], emails: [], languages: [], topics: [] };
      parts.set(id, p);
    }
    return p;
  };
  for (const r of rows) {
    const id = Number(r.person_id);
    const p = partsOf(id);
    if (r.kind === 'person') {
      people.set(id, {
        id,
        formOfAddress: r.form_of_address ?? '',
        academicTitle: r.academic_title,
        givenName: r.given_name ?? '',
        familyName: r.family_name ?? '',
        sortKey: r.sort_key ?? '',
        functionTitle: r.function_title,
        room: r.room,
        street: r.street,
        postalCode: r.postal_code,
        locality: r.locality,
        profile: r.profile,
        phoneVisibility: r.phone_visibility ?? 'hidden',
        emailVisibility: r.email_visibility ?? 'hidden',
        addressVisibility: r.address_visibility ?? 'hidden',
        consentAt: consentAt(r.consent_at) as Date | null,
        updatedAt: updatedAt(r.updated_at) as Date,
        organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
        organisation:
          r.org_id === null
            ? null
            : {
                id: Number(r.org_id),
                name: r.org_name ?? '',
                street: r.org_street,
                postalCode: r.org_postal_code,
                locality: r.org_locality,
                parent: r.parent_name === null ? null : { name: r.parent_name },
              },
        organisationParent: r.parent_id === null ? null : { id: Number(r.parent_id), name: r.parent_name ?? '' },
        ...p,
      });
    } else if (r.kind === 'phone') {
      p.phones.push({ kind: r.value as PhoneKind, number: r.extra ?? '', position: Number(r.position) });
    } else if (r.kind === 'email') {
      p.emails.push({ email: r.value ?? '', position: Number(r.position) });
    } else if (r.kind === 'language') {
      p.languages.push({ code: r.value ?? '' });
    } else {
      p.topics.push({ topic: { name: r.value ?? '' } });
    }
  }
  return people;
}

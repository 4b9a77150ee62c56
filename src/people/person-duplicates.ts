import { type EntityManager, In, IsNull } from 'typeorm';
import { foldText } from '../common/text/fold.js';
import { PersonEmail } from './person-email.entity.js';
import { Person } from './person.entity.js';

/** What decides whether two entries are the same person. */
export interface PersonKey {
  givenName: string;
  familyName: string;
  organisationId: number | null;
  emails: readonly string[];
}

const DUPLICATE_RELATIONS = { phones: true, emails: true, languages: true, organisation: true } as const;

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function nameKey(p: Pick<PersonKey, 'givenName' | 'familyName'>): string {
  return foldText(`${p.givenName} ${p.familyName}`).replace(/\s+/g, ' ').trim();
}

/** THE duplicate rule: a shared e-mail address (case ignored), or the same name (case, accents, spaces ignored) at the same organisation. */
export function isLikelySamePerson(a: PersonKey, b: PersonKey): boolean {
  const mine = new Set(a.emails.map(emailKey));
  if (b.emails.some((e) => mine.has(emailKey(e)))) return true;
  return nameKey(a) !== '' && nameKey(a) === nameKey(b) && a.organisationId === b.organisationId;
}

/** A stored person as a key. Expects emails loaded. */
export function personKeyOf(p: Person): PersonKey {
  return { givenName: p.givenName, familyName: p.familyName, organisationId: p.organisationId, emails: (p.emails ?? []).map((e) => e.email) };
}

/**
 * Live people (not removed) that are likely the same as `key`, with phones, e-mails, languages and
 * organisation loaded; `excludeId` leaves one entry out (the one being edited).
 */
export async function findLikelyDuplicates(manager: EntityManager, key: PersonKey, excludeId: number | null = null): Promise<Person[]> {
  const emails = [...new Set(key.emails.map(emailKey))];
  const byEmail =
    emails.length === 0
      ? []
      : await manager
          .getRepository(PersonEmail)
          .createQueryBuilder('e')
          .select('e.personId', 'personId')
          .where('LOWER(e.email) IN (:...emails)', { emails })
          .getRawMany<{ personId: number }>();
  const sameOrganisation = await manager.getRepository(Person).find({ where: { organisationId: key.organisationId === null ? IsNull() : key.organisationId }, select: { id: true, givenName: true, familyName: true } });
  const ids = new Set([...byEmail.map((r) => Number(r.personId)), ...sameOrganisation.filter((p) => nameKey(p) === nameKey(key)).map((p) => p.id)]);
  if (excludeId !== null) ids.delete(excludeId);
  if (ids.size === 0) return [];
  const people = await manager.getRepository(Person).find({ where: { id: In([...ids]) }, relations: DUPLICATE_RELATIONS, order: { sortKey: 'ASC', id: 'ASC' } });
  return people.filter((p) => isLikelySamePerson(key, personKeyOf(p)));
}

/** Every live person with what the CSV import compares and shows (one read for a whole file). */
export function loadDuplicateCandidates(manager: EntityManager): Promise<Person[]> {
  return manager.getRepository(Person).find({ relations: DUPLICATE_RELATIONS, order: { id: 'ASC' } });
}

import { type EntityManager, IsNull } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { foldText } from '../src/common/text/fold.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonLanguage } from '../src/people/person-language.entity.js';
import { PersonPhone, type PhoneKind } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';

export type OrganisationSeed = Omit<Partial<Organisation>, 'id' | 'parent'> & Pick<Organisation, 'name' | 'kind'>;
export type BodySeed = Omit<Partial<Body>, 'id'> & Pick<Body, 'name' | 'code' | 'kind'>;
export interface PersonSeed extends Omit<Partial<Person>, 'id' | 'phones' | 'emails' | 'languages' | 'organisation' | 'sortKey'> {
  givenName: string;
  familyName: string;
  phones?: { kind: PhoneKind; number: string }[];
  emails?: string[];
  languages?: string[];
}
export type MembershipSeed = Omit<Partial<Membership>, 'id' | 'body' | 'person' | 'onBehalfOf'> &
  Pick<Membership, 'bodyId' | 'personId' | 'role'>;

export function sortKeyOf(p: { givenName: string; familyName: string }): string {
  return foldText(`${p.familyName} ${p.givenName}`).slice(0, 220);
}

/**
 * Re-runnable seeding: every ensure* finds a record by its natural key and inserts it only
 * when missing, so running the seeds twice never duplicates anything. `created` counts inserts.
 */
export class SeedContext {
  created = 0;

  constructor(readonly manager: EntityManager) {}

  async ensureOrganisation(seed: OrganisationSeed): Promise<Organisation> {
    const repo = this.manager.getRepository(Organisation);
    const found = await repo.findOne({ where: { name: seed.name }, withDeleted: true });
    if (found) return found;
    this.created++;
    return repo.save(repo.create(seed));
  }

  async ensureBody(seed: BodySeed): Promise<Body> {
    const repo = this.manager.getRepository(Body);
    const found = await repo.findOne({ where: { code: seed.code }, withDeleted: true });
    if (found) return found;
    this.created++;
    return repo.save(repo.create(seed));
  }

  /** A person is identified by given name, family name and organisation. */
  async ensurePerson(seed: PersonSeed): Promise<Person> {
    const repo = this.manager.getRepository(Person);
    const { phones = [], emails = [], languages = [], ...fields } = seed;
    const found = await repo.findOne({
      where: { givenName: seed.givenName, familyName: seed.familyName, organisationId: seed.organisationId ?? IsNull() },
      withDeleted: true,
    });
    if (found) return found;
    this.created++;
    const person = await repo.save(repo.create({ ...fields, sortKey: sortKeyOf(seed) }));
    if (phones.length > 0) {
      await this.manager.getRepository(PersonPhone).insert(phones.map((p, position) => ({ ...p, personId: person.id, position })));
    }
    if (emails.length > 0) {
      await this.manager.getRepository(PersonEmail).insert(emails.map((email, position) => ({ email, personId: person.id, position })));
    }
    if (languages.length > 0) {
      await this.manager.getRepository(PersonLanguage).insert(languages.map((code) => ({ code, personId: person.id })));
    }
    return person;
  }

  /** A membership is identified by body, person, role and start date. */
  async ensureMembership(seed: MembershipSeed): Promise<Membership> {
    const repo = this.manager.getRepository(Membership);
    const found = await repo.findOne({
      where: { bodyId: seed.bodyId, personId: seed.personId, role: seed.role, startDate: seed.startDate ?? IsNull() },
    });
    if (found) return found;
    this.created++;
    return repo.save(repo.create(seed));
  }
}

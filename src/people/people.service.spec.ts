import { NotFoundException } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { SearchResult, SearchService } from '../search/search.service.js';
import type { DirectoryFilter, PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import type { Person } from './person.entity.js';

const anonymous: Viewer = { kind: 'anonymous' };
const member: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };

function person(overrides: Partial<Person> = {}): Person {
  const city = { id: 1, name: 'Landeshauptstadt Schwerin', parent: null } as Organisation;
  return {
    id: 7,
    formOfAddress: 'Frau',
    academicTitle: null,
    givenName: 'Олена',
    familyName: 'Коваленко',
    sortKey: 'коваленко олена',
    functionTitle: 'Beraterin',
    organisationId: 2,
    organisation: { id: 2, name: 'Fachstelle Integration', parentId: 1, parent: city } as Organisation,
    room: '1.01',
    street: null,
    postalCode: null,
    locality: null,
    profile: null,
    phoneVisibility: 'members',
    emailVisibility: 'members',
    addressVisibility: 'hidden',
    consentAt: null,
    consentRecordedBy: null,
    phones: [{ kind: 'work', number: '+49 385 1', position: 0 }],
    emails: [{ email: 'o@example.org', position: 0 }],
    languages: [{ code: 'uk' }],
    createdAt: new Date(),
    updatedAt: new Date(),
    deletedAt: null,
    ...overrides,
  } as Person;
}

function membership(id: number, role: Membership['role'], endDate: string | null, bodyName = `Gremium ${id}`): Membership {
  return { id, role, endDate, startDate: '2020-01-01', bodyId: id, body: { id, name: bodyName } as Body, note: null, onBehalfOf: null } as Membership;
}

class FakeRepository {
  membershipCalls: boolean[] = [];
  bodyOptionCalls: boolean[] = [];
  filters: DirectoryFilter[] = [];
  constructor(
    private readonly people: Person[],
    private readonly memberships: Membership[] = [],
  ) {}
  findWithContact(id: number): Promise<Person | null> {
    return Promise.resolve(this.people.find((p) => p.id === id) ?? null);
  }
  findWithContactByIds(ids: readonly number[]): Promise<Person[]> {
    return Promise.resolve(ids.map((id) => this.people.find((p) => p.id === id)).filter((p): p is Person => !!p));
  }
  findMembershipsOf(_personId: number, includeInternal: boolean): Promise<Membership[]> {
    this.membershipCalls.push(includeInternal);
    return Promise.resolve(this.memberships);
  }
  findBodyOptions(includeInternal: boolean): Promise<Pick<Body, 'id' | 'name'>[]> {
    this.bodyOptionCalls.push(includeInternal);
    return Promise.resolve([{ id: 5, name: 'Runder Tisch' }]);
  }
  findSpokenLanguageCodes(): Promise<string[]> {
    return Promise.resolve(['uk', 'ar', 'de']);
  }
  findInitials(filter: DirectoryFilter): Promise<string[]> {
    this.filters.push(filter);
    return Promise.resolve(['к', 'a']);
  }
  countMatching(filter: DirectoryFilter): Promise<number> {
    this.filters.push(filter);
    return Promise.resolve(this.people.length);
  }
  findMatchingIds(filter: DirectoryFilter): Promise<number[]> {
    this.filters.push(filter);
    return Promise.resolve(this.people.map((p) => p.id));
  }
}

function service(repo: FakeRepository, hits: number[] = []): PeopleService {
  const organisations = { options: () => Promise.resolve([{ id: 2, name: 'Fachstelle Integration' }]) } as unknown as OrganisationsService;
  const search = {
    search: (): Promise<SearchResult> =>
      Promise.resolve({ hits: hits.map((refId) => ({ kind: 'person', refId, title: '', subtitle: null, exactness: 0 })), total: hits.length }),
  } as unknown as SearchService;
  return new PeopleService(repo as unknown as PeopleRepository, organisations, search);
}

describe('PeopleService', () => {
  it('shows members-only contact fields to members, never to anonymous visitors, and hidden ones to nobody', async () => {
    const repo = new FakeRepository([person()]);
    const forMember = await service(repo).card(7, member);
    expect(forMember.contact.phones).toEqual([{ kind: 'work', number: '+49 385 1' }]);
    expect(forMember.contact.emails).toEqual(['o@example.org']);
    expect(forMember.contact.address).toBeNull();
    const forAnonymous = await service(repo).card(7, anonymous);
    expect(forAnonymous.contact.phones).toEqual([]);
    expect(forAnonymous.contact.emails).toEqual([]);
    expect(forAnonymous.contact.address).toBeNull();
    expect(forAnonymous.contact.givenName).toBe('Олена');
  });

  it('asks for internal bodies only for members', async () => {
    const repo = new FakeRepository([person()]);
    await service(repo).card(7, anonymous);
    await service(repo).card(7, member);
    expect(repo.membershipCalls).toEqual([false, true]);
    await service(repo).directory({ q: '', page: { page: 1, pageSize: 25, offset: 0 } }, anonymous);
    await service(repo).directory({ q: '', page: { page: 1, pageSize: 25, offset: 0 } }, member);
    expect(repo.bodyOptionCalls).toEqual([false, true]);
  });

  it('splits memberships into current (leading roles first) and former (latest end first)', async () => {
    const repo = new FakeRepository(
      [person()],
      [
        membership(1, 'member', null, 'A'),
        membership(2, 'chair', '2999-12-31', 'B'),
        membership(3, 'member', '2001-05-31', 'C'),
        membership(4, 'guest', '2010-01-31', 'D'),
      ],
    );
    const card = await service(repo).card(7, anonymous);
    expect(card.currentMemberships.map((m) => m.id)).toEqual([2, 1]);
    expect(card.formerMemberships.map((m) => m.id)).toEqual([4, 3]);
    expect(card.organisationPath).toEqual([
      { id: 1, name: 'Landeshauptstadt Schwerin' },
      { id: 2, name: 'Fachstelle Integration' },
    ]);
  });

  it('answers unknown people with a 404', async () => {
    await expect(service(new FakeRepository([])).card(1, anonymous)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service(new FakeRepository([])).contact(1, member)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('drops unknown filter values and keeps the search rank order', async () => {
    const people = [person({ id: 1, familyName: 'Eins' }), person({ id: 2, familyName: 'Zwei' }), person({ id: 3, familyName: 'Drei' })];
    const repo = new FakeRepository(people);
    const page = await service(repo, [3, 1, 2]).directory(
      { q: 'x', organisationId: 99, bodyId: 5, language: 'xx', letter: 'a', page: { page: 9, pageSize: 2, offset: 16 } },
      anonymous,
    );
    expect(page.filters).toEqual({ q: 'x', organisationId: undefined, bodyId: 5, language: undefined, letter: 'a' });
    expect(repo.filters[0]).toMatchObject({ ids: [3, 1, 2], bodyId: 5 });
    expect(repo.filters[0].letter).toBeUndefined();
    expect(page.total).toBe(3);
    expect(page.page).toBe(2);
    expect(page.entries.map((e) => e.id)).toEqual([2]);
    expect([...page.lettersWithPeople].sort()).toEqual(['a', 'other']);
    expect(page.options.languages).toEqual(['ar', 'de', 'uk']);
  });
});

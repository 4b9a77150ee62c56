import { NotFoundException } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import type { Organisation } from '../organisations/organisation.entity.js';
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

class FakeRepository {
  filters: DirectoryFilter[] = [];
  constructor(private readonly people: Person[]) {}
  readContact(id: number): Promise<(Person & { organisationParent: { id: number; name: string } | null }) | null> {
    const p = this.people.find((q) => q.id === id);
    const parent = p?.organisation?.parent;
    return Promise.resolve(p ? { ...p, organisationParent: parent ? { id: parent.id, name: parent.name } : null } : null);
  }
  readContacts(ids: readonly number[]): Promise<Person[]> {
    return Promise.resolve(ids.map((id) => this.people.find((p) => p.id === id)).filter((p): p is Person => !!p));
  }
  findPageWithTotal(filter: DirectoryFilter, page: { offset: number; limit: number }): Promise<{ ids: number[]; total: number | null }> {
    this.filters.push(filter);
    const ids = this.people.map((p) => p.id).slice(page.offset, page.offset + page.limit);
    return Promise.resolve({ ids, total: ids.length === 0 ? null : this.people.length });
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
  const search = {
    search: (): Promise<SearchResult> =>
      Promise.resolve({ hits: hits.map((refId) => ({ kind: 'person', refId, title: '', subtitle: null, exactness: 0 })), total: hits.length }),
  } as unknown as SearchService;
  return new PeopleService(repo as unknown as PeopleRepository, search);
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

  it('shows the organisation with its parent', async () => {
    const card = await service(new FakeRepository([person()])).card(7, anonymous);
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
      { q: 'x', organisationId: 99, within: [1, 2, 3], language: 'xx', letter: 'a', page: { page: 9, pageSize: 2, offset: 16 } },
      anonymous,
      { organisations: [{ id: 2, name: 'Fachstelle Integration' }], languageCodes: ['uk', 'ar', 'de'], topics: [] },
    );
    expect(page.filters).toEqual({ q: 'x', organisationId: undefined, language: undefined, letter: 'a' });
    expect(repo.filters[0]).toMatchObject({ ids: [3, 1, 2], within: [1, 2, 3] });
    expect(repo.filters[0].letter).toBeUndefined();
    expect(page.total).toBe(3);
    expect(page.page).toBe(2);
    expect(page.entries.map((e) => e.id)).toEqual([2]);
    expect([...page.lettersWithPeople].sort()).toEqual(['a', 'other']);
    expect(page.options.languages).toEqual(['ar', 'de', 'uk']);
  });
});

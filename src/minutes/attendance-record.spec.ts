import { deputySuggestions, personSearchValue, resolvePersonSearch, type DeputyCandidate } from './attendance-record.js';

const people: DeputyCandidate[] = [
  { id: 1, organisationId: 10, name: 'Ольга Петренко' },
  { id: 2, organisationId: 10, name: 'Thị Lan Nguyễn' },
  { id: 3, organisationId: 20, name: 'Mehmet Çelik' },
  { id: 4, organisationId: null, name: 'مريم الحسيني' },
  { id: 5, organisationId: 20, name: 'Anna Schmidt' },
  { id: 6, organisationId: null, name: 'Anna Schmidt' },
];

describe('deputySuggestions', () => {
  it('offers the body deputies first, then colleagues of the own organisation, never the member', () => {
    expect(deputySuggestions(people[2], new Set([4]), people).map((p) => p.id)).toEqual([4, 5]);
    expect(deputySuggestions(people[0], new Set([4, 2]), people).map((p) => p.id)).toEqual([2, 4]);
  });

  it('offers only the deputies to a member without organisation, and nobody twice', () => {
    expect(deputySuggestions(people[3], new Set([4, 6]), people).map((p) => p.id)).toEqual([6]);
    expect(deputySuggestions(people[4], new Set([3]), people).map((p) => p.id)).toEqual([3]);
  });
});

describe('resolvePersonSearch', () => {
  it('accepts the offered entry with its number, in any spacing and case of the name', () => {
    expect(resolvePersonSearch(personSearchValue(people[1]), people)).toBe(people[1]);
    expect(resolvePersonSearch('  thị lan   nguyễn (Nr. 2) ', people)).toBe(people[1]);
  });

  it('accepts a name only one person has, and tells equal names apart only by number', () => {
    expect(resolvePersonSearch('Mehmet Çelik', people)).toBe(people[2]);
    expect(resolvePersonSearch('Anna Schmidt', people)).toBe('ambiguous');
    expect(resolvePersonSearch('Anna Schmidt (Nr. 6)', people)).toBe(people[5]);
  });

  it('refuses unknown names and a number that belongs to someone else', () => {
    expect(resolvePersonSearch('Niemand', people)).toBeNull();
    expect(resolvePersonSearch('Mehmet Çelik (Nr. 1)', people)).toBeNull();
    expect(resolvePersonSearch('Mehmet Çelik (Nr. 99)', people)).toBeNull();
  });
});

import { isLikelySamePerson, type PersonKey } from './person-duplicates.js';

const base: PersonKey = { givenName: 'Ayşe', familyName: 'Yılmaz', organisationId: 7, emails: ['ayse@example.org'] };

describe('isLikelySamePerson (the one duplicate rule)', () => {
  it('matches a shared e-mail address whatever its case and spaces', () => {
    expect(isLikelySamePerson(base, { givenName: 'A.', familyName: 'Anders', organisationId: null, emails: [' AYSE@Example.org '] })).toBe(true);
  });

  it('matches the same name (case, accents, spaces ignored) at the same organisation only', () => {
    expect(isLikelySamePerson(base, { givenName: 'ayse ', familyName: 'YILMAZ', organisationId: 7, emails: [] })).toBe(true);
    expect(isLikelySamePerson(base, { givenName: 'Ayşe', familyName: 'Yılmaz', organisationId: 8, emails: [] })).toBe(false);
    expect(isLikelySamePerson({ ...base, organisationId: null }, { givenName: 'Ayşe', familyName: 'Yılmaz', organisationId: null, emails: [] })).toBe(true);
  });

  it('never matches on empty names or different people', () => {
    expect(isLikelySamePerson({ givenName: '', familyName: '', organisationId: null, emails: [] }, { givenName: '', familyName: '', organisationId: null, emails: [] })).toBe(false);
    expect(isLikelySamePerson(base, { givenName: 'Ayşe', familyName: 'Demir', organisationId: 7, emails: ['demir@example.org'] })).toBe(false);
  });
});

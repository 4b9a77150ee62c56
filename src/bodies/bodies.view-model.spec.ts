import type { Organisation } from '../organisations/organisation.entity.js';
import type { Person } from '../people/person.entity.js';
import type { Body } from './body.entity.js';
import {
  bodySummary,
  firstSentence,
  formerMemberRow,
  foundedDate,
  foundedText,
  memberCountText,
  periodText,
  representedOrganisation,
  roleGroups,
  votingText,
} from './bodies.view-model.js';
import type { Membership, MembershipRole } from './membership.entity.js';

function organisation(id: number, name: string): Organisation {
  return { id, name } as Organisation;
}

function membership(id: number, role: MembershipRole, overrides: Partial<Membership> = {}, person: Partial<Person> = {}): Membership {
  return {
    id,
    role,
    personId: id,
    person: { id, givenName: `Vorname${id}`, familyName: `Name${id}`, academicTitle: null, functionTitle: null, organisation: null, ...person } as Person,
    votingRight: false,
    onBehalfOf: null,
    onBehalfOfId: null,
    note: null,
    startDate: null,
    endDate: null,
    ...overrides,
  } as Membership;
}

describe('founded', () => {
  it('says only the year when only the year is known', () => {
    expect(foundedText({ foundedOn: '2003-01-01', foundedYearOnly: true })).toBe('gegründet 2003');
    expect(foundedDate({ foundedOn: '2003-01-01', foundedYearOnly: true })).toBe('2003');
  });
  it('gives the German date otherwise', () => {
    expect(foundedText({ foundedOn: '2016-03-01', foundedYearOnly: false })).toBe('gegründet am 1. März 2016');
    expect(foundedDate({ foundedOn: '2016-03-01', foundedYearOnly: false })).toBe('1. März 2016');
  });
  it('says nothing when unknown or malformed', () => {
    expect(foundedText({ foundedOn: null, foundedYearOnly: false })).toBeNull();
    expect(foundedText({ foundedOn: 'bald', foundedYearOnly: true })).toBeNull();
  });
});

describe('memberCountText', () => {
  it.each([
    [0, 'keine Mitglieder'],
    [1, '1 Mitglied'],
    [7, '7 Mitglieder'],
  ])('%p → %p', (n, text) => expect(memberCountText(n)).toBe(text));
});

describe('firstSentence', () => {
  it('takes the first sentence', () => {
    expect(firstSentence('Der Beirat berät. Er tagt zweimal im Jahr.')).toBe('Der Beirat berät.');
  });
  it('does not stop at days, ordinals or abbreviations, but at a year', () => {
    expect(firstSentence('Am 1. März 2016 wurde die Stelle eingerichtet. Sie vernetzt.')).toBe('Am 1. März 2016 wurde die Stelle eingerichtet.');
    expect(firstSentence('Träger, z. B. Vereine wie Vielfalt e. V. Außerdem mehr.')).toBe('Träger, z. B. Vereine wie Vielfalt e. V.');
    expect(firstSentence('Geleitet von Dr. Ali. Weiteres.')).toBe('Geleitet von Dr. Ali.');
    expect(firstSentence('Gegründet 2003. Seitdem aktiv.')).toBe('Gegründet 2003.');
  });
  it('keeps a text without a full stop and flattens line breaks', () => {
    expect(firstSentence('Runder Tisch\n\nAsyl')).toBe('Runder Tisch Asyl');
  });
  it('shortens overlong sentences at a word', () => {
    const text = `${'Wort '.repeat(100)}Ende.`;
    const summary = firstSentence(text, 50) ?? '';
    expect(summary.endsWith(' …')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(52);
    expect(summary).not.toMatch(/Wor …$/);
  });
  it('gives null for empty text', () => {
    expect(firstSentence(null)).toBeNull();
    expect(firstSentence('   ')).toBeNull();
  });
  it('handles non-Latin scripts', () => {
    expect(firstSentence('Совет по интеграции. Второе предложение.')).toBe('Совет по интеграции.');
  });
});

describe('bodySummary', () => {
  it('prepares a list entry', () => {
    const body = {
      id: 3,
      name: 'Netzwerk Migration',
      shortName: null,
      kind: 'network',
      foundedOn: '2003-01-01',
      foundedYearOnly: true,
      description: 'Das Netzwerk verbindet. Zweiter Satz.',
      isPublic: false,
    } as Body;
    expect(bodySummary({ body, currentMemberCount: 1 })).toEqual({
      id: 3,
      href: '/gremien/3',
      name: 'Netzwerk Migration',
      shortName: null,
      kindLabel: 'Netzwerk',
      foundedText: 'gegründet 2003',
      memberCountText: '1 Mitglied',
      summary: 'Das Netzwerk verbindet.',
      internal: true,
    });
  });
});

describe('member rows', () => {
  it('groups by role in the fixed order with plural headings, leaving out empty roles', () => {
    const groups = roleGroups([
      membership(1, 'guest'),
      membership(2, 'member'),
      membership(3, 'chair'),
      membership(4, 'member'),
      membership(5, 'advisory_member'),
    ]);
    expect(groups.map((g) => g.heading)).toEqual(['Vorsitz', 'Mitglieder', 'Beratende Mitglieder', 'Gäste']);
    expect(groups[1].rows.map((r) => r.personHref)).toEqual(['/personen/2', '/personen/4']);
    expect(new Set(groups.map((g) => g.headingId)).size).toBe(groups.length);
  });

  it('names the organisation represented, else the person’s own', () => {
    const city = organisation(10, 'Landeshauptstadt Schwerin');
    const own = organisation(11, 'Migrantenverein');
    expect(representedOrganisation(membership(1, 'member', { onBehalfOf: city, onBehalfOfId: 10 }, { organisation: own }))).toEqual({
      prefix: 'für ',
      name: 'Landeshauptstadt Schwerin',
      href: '/organisationen/10',
    });
    expect(representedOrganisation(membership(1, 'member', {}, { organisation: own }))).toEqual({ prefix: '', name: 'Migrantenverein', href: '/organisationen/11' });
    expect(representedOrganisation(membership(1, 'member'))).toBeNull();
  });

  it('says the voting right in words', () => {
    expect(votingText({ votingRight: true })).toBe('stimmberechtigt');
    expect(votingText({ votingRight: false })).toBe('ohne Stimmrecht');
  });

  it('gives the period of a former membership', () => {
    expect(periodText({ startDate: '2008-09-01', endDate: '2020-12-31' })).toBe('1. September 2008 – 31. Dezember 2020');
    expect(periodText({ startDate: null, endDate: '2020-12-31' })).toBe('bis 31. Dezember 2020');
    expect(formerMemberRow(membership(9, 'deputy_chair', { startDate: '2010-01-01', endDate: '2012-06-30' })).roleLabel).toBe('Stellvertretender Vorsitz');
  });
});

describe('history of removed people and edit links', () => {
  it('names removed people and organisations without linking them', () => {
    const removed = membership(5, 'member', { endDate: '2020-12-31', onBehalfOf: { ...organisation(8, 'Alter Verein'), deletedAt: new Date() } }, { deletedAt: new Date(), familyName: 'Gelöschte Person', givenName: '' });
    const row = formerMemberRow(removed);
    expect(row).toMatchObject({ personName: 'Gelöschte Person', personHref: null, organisation: { name: 'Alter Verein', href: null }, actions: null });
  });

  it('offers edit and end links only to those who may manage the body', () => {
    const m = { ...membership(3, 'chair'), bodyId: 7 };
    expect(roleGroups([m])[0].rows[0].actions).toBeNull();
    expect(roleGroups([m], true)[0].rows[0].actions).toEqual({
      editHref: '/gremien/7/mitgliedschaften/3/bearbeiten',
      endHref: '/gremien/7/mitgliedschaften/3/beenden',
    });
    expect(formerMemberRow(m, true).actions).toEqual({ editHref: '/gremien/7/mitgliedschaften/3/bearbeiten', endHref: null });
  });
});

import type { PersonContact } from './person-contact.js';
import { telHref } from '../common/forms/field-formats.js';
import { directoryName, directoryRow, organisationLabel, personCardView } from './people.view-model.js';

function contact(overrides: Partial<PersonContact> = {}): PersonContact {
  return {
    id: 3,
    formOfAddress: 'Herr',
    academicTitle: 'Dr.',
    givenName: 'Dimitri',
    familyName: 'Avramenko',
    functionTitle: 'Integrationsbeauftragter',
    organisation: { id: 2, name: 'Fachstelle Integration', parentName: 'Landeshauptstadt Schwerin' },
    phones: [
      { kind: 'work', number: '+49 385 545-1263' },
      { kind: 'fax', number: '+49 385 545-1269' },
    ],
    emails: ['davramenko@schwerin.de'],
    address: { room: '5.020 - Aufzug C', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' },
    languages: ['ru', 'uk'],
    topics: [],
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('people view model', () => {
  it('builds tel: links from formatted numbers', () => {
    expect(telHref('+49 385 545-1263')).toBe('tel:+493855451263');
    expect(telHref('(0385) 545 / 1263')).toBe('tel:+493855451263');
    expect(telHref('+49 385 5550-106')).toBe('tel:+493855550106');
    expect(telHref('12')).toBe('tel:12');
  });

  it('names people family name first for the sorted list', () => {
    expect(directoryName(contact())).toBe('Avramenko, Dr. Dimitri');
    expect(directoryName(contact({ academicTitle: null, givenName: '' }))).toBe('Avramenko');
    expect(organisationLabel({ id: 1, name: 'Verein', parentName: null })).toBe('Verein');
  });

  it('links phones but not fax numbers, and emails with mailto:', () => {
    const row = directoryRow(contact());
    expect(row.phones).toEqual([
      { label: 'Telefon', number: '+49 385 545-1263', href: 'tel:+493855451263' },
      { label: 'Fax', number: '+49 385 545-1269', href: null },
    ]);
    expect(row.emails).toEqual([{ href: 'mailto:davramenko@schwerin.de', text: 'davramenko@schwerin.de' }]);
    expect(row.organisation).toEqual({ href: '/organisationen/2', text: 'Landeshauptstadt Schwerin – Fachstelle Integration' });
    expect(directoryRow(contact({ phones: [], emails: [] })).hasContact).toBe(false);
  });

  it('prepares the contact card', () => {
    const card = personCardView({
      contact: contact(),
      organisationPath: [
        { id: 1, name: 'Landeshauptstadt Schwerin' },
        { id: 2, name: 'Fachstelle Integration' },
      ],
      profileText: '## Aufgaben\n- Beraten',
    });
    expect(card.fullName).toBe('Herr Dr. Dimitri Avramenko');
    expect(card.name).toBe('Dr. Dimitri Avramenko');
    expect(card.room).toBe('5.020 - Aufzug C');
    expect(card.addressLines).toEqual(['Am Packhof 2-6', '19053 Schwerin']);
    expect(card.languageText).toBe('Russisch, Ukrainisch');
    expect(card.vcardHref).toBe('/personen/3/vcard');
    expect(card.profile).toHaveLength(2);
    const bare = personCardView({ contact: contact({ phones: [], emails: [], address: null, languages: [], formOfAddress: '' }), organisationPath: [], profileText: null });
    expect(bare.fullName).toBe('Dr. Dimitri Avramenko');
    expect(bare.hasAnyContact).toBe(false);
    expect(bare.hasDetails).toBe(false);
    expect(bare.addressLines).toEqual([]);
  });
});

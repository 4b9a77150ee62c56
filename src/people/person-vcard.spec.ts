import ICAL from 'ical.js';
import type { PersonContact } from './person-contact.js';
import { personVCard, vCardBundle, vCardDisposition } from './person-vcard.js';

const origin = { baseUrl: 'https://netzwerk.example.org' };

function contact(overrides: Partial<PersonContact> = {}): PersonContact {
  return {
    id: 7,
    formOfAddress: 'Herr',
    academicTitle: 'Dr.',
    givenName: 'Дмитрий',
    familyName: 'Авраменко',
    functionTitle: 'Integrationsbeauftragter, Leitung und Geschäftsführung',
    organisation: { id: 2, name: 'Fachstelle Integration', parentName: 'Landeshauptstadt Schwerin' },
    phones: [
      { kind: 'work', number: '+49 385 545-1263' },
      { kind: 'mobile', number: '+49 170 0000000' },
      { kind: 'fax', number: '+49 385 545-1269' },
    ],
    emails: ['d@example.org'],
    address: { room: '5.020 - Aufzug C', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' },
    languages: ['ru', 'uk'],
    topics: [],
    updatedAt: new Date('2026-01-02T03:04:05Z'),
    ...overrides,
  };
}

function parse(text: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(text);
  const list = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcal) => new ICAL.Component(jcal as never));
}

describe('personVCard', () => {
  it('writes a vCard 3.0 that an independent parser reads back, names in any script intact', () => {
    const text = personVCard(contact(), origin);
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    const [v] = parse(text);
    expect(v.getFirstPropertyValue('fn')).toBe('Dr. Дмитрий Авраменко');
    expect(v.getFirstPropertyValue('n')).toEqual(['Авраменко', 'Дмитрий', '', 'Dr.', '']);
    expect(v.getFirstPropertyValue('org')).toEqual(['Landeshauptstadt Schwerin', 'Fachstelle Integration']);
    expect(v.getFirstPropertyValue('title')).toBe('Integrationsbeauftragter, Leitung und Geschäftsführung');
    const tels = v.getAllProperties('tel').map((p) => [p.getParameter('type'), p.getFirstValue()]);
    expect(tels).toEqual([
      [['WORK', 'VOICE'], '+49 385 545-1263'],
      [['CELL', 'VOICE'], '+49 170 0000000'],
      [['WORK', 'FAX'], '+49 385 545-1269'],
    ]);
    expect(v.getFirstPropertyValue('email')).toBe('d@example.org');
    expect(v.getFirstPropertyValue('adr')).toEqual(['', 'Raum 5.020 - Aufzug C', 'Am Packhof 2-6', 'Schwerin', '', '19053', '']);
    expect(String(v.getFirstPropertyValue('uid'))).toBe('urn:netzwerk-migration:netzwerk.example.org:person:7');
  });

  it.each([
    ['Arabic', 'محمد', 'العلي'],
    ['Turkish', 'Çağrı', 'Yıldırım'],
    ['Vietnamese', 'Thị Lan', 'Nguyễn'],
    ['Ukrainian', 'Олена', 'Коваленко'],
  ])('round-trips %s names', (_script, given, family) => {
    const [v] = parse(personVCard(contact({ givenName: given, familyName: family, academicTitle: null }), origin));
    expect(v.getFirstPropertyValue('fn')).toBe(`${given} ${family}`);
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const long = 'Ж'.repeat(120);
    const text = personVCard(contact({ functionTitle: long }), origin);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text)[0].getFirstPropertyValue('title')).toBe(long);
  });

  it('leaves out what the viewer may not see', () => {
    const text = personVCard(contact({ phones: [], emails: [], address: null }), origin);
    expect(text).not.toMatch(/^(TEL|EMAIL|ADR)/m);
  });

  it('bundles several cards into one file', () => {
    const cards = parse(vCardBundle([contact({ id: 1 }), contact({ id: 2, givenName: 'Олена' })], origin));
    expect(cards).toHaveLength(2);
  });

  it('builds a safe file name', () => {
    expect(vCardDisposition('Дмитрий Авраменко')).toMatch(/^attachment; filename="kontakt.vcf"; filename\*=UTF-8''/);
    expect(vCardDisposition('Müller "x"; y')).toContain('filename="Muller-x-y.vcf"');
  });
});

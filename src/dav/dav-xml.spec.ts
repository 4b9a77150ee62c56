import { MAX_XML_BYTES, NS, XmlRejected, multistatus, parseDavXml, xmlEscape } from './dav-xml.js';
import { cardMatches, eventMatches, vcardValues } from './dav-filters.js';

function rejected(text: string): number | null {
  try {
    parseDavXml(Buffer.from(text));
    return null;
  } catch (e) {
    return e instanceof XmlRejected ? e.status : -1;
  }
}

describe('DAV XML', () => {
  it('resolves namespaces by declaration, not by prefix', () => {
    const el = parseDavXml(Buffer.from('<x:propfind xmlns:x="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><x:prop><c:address-data/><getetag xmlns="DAV:"/></x:prop></x:propfind>'));
    expect(el?.ns).toBe(NS.dav);
    expect(el?.name).toBe('propfind');
    expect(el?.children[0].children.map((c) => [c.ns, c.name])).toEqual([
      [NS.carddav, 'address-data'],
      [NS.dav, 'getetag'],
    ]);
  });

  it('decodes the predefined entities and character references only', () => {
    const el = parseDavXml(Buffer.from('<d:href xmlns:d="DAV:">/a?b=1&amp;c=&#x4D;&#252;</d:href>'));
    expect(el?.text).toBe('/a?b=1&c=Mü');
  });

  it('refuses DOCTYPEs, entities, malformed and deep XML, unknown prefixes and large bodies', () => {
    expect(rejected('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toBe(400);
    expect(rejected('<a><b></a>')).toBe(400);
    expect(rejected(`<a>${'<b>'.repeat(100)}${'</b>'.repeat(100)}</a>`)).toBe(400);
    expect(rejected('<x:a/>')).toBe(400);
    expect(rejected(`<a>${' '.repeat(MAX_XML_BYTES)}</a>`)).toBe(413);
    expect(parseDavXml(Buffer.from('  '))).toBeNull();
  });

  it('escapes text and keeps CR as a character reference', () => {
    expect(xmlEscape('a<b>&"\'\r\n')).toBe('a&lt;b&gt;&amp;&quot;&apos;&#13;\n');
    expect(multistatus([{ href: '/x&y', status: 404 }], 'tok')).toContain('<d:href>/x&amp;y</d:href><d:status>HTTP/1.1 404 Not Found</d:status>');
  });
});

describe('DAV filters', () => {
  const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amira Haddad\r\nitem1.EMAIL;TYPE=INTERNET:amira@example.org\r\nNOTE:Sprachen: Arabisch\\, Deutsch\r\nUID:urn:x:person:12\r\nEND:VCARD\r\n';
  const filter = (xml: string) => parseDavXml(Buffer.from(`<c:filter xmlns:c="urn:ietf:params:xml:ns:carddav" ${xml}</c:filter>`)) ?? undefined;

  it('reads property values (groups, unescaping)', () => {
    expect(vcardValues(card, 'email')).toEqual(['amira@example.org']);
    expect(vcardValues(card, 'NOTE')).toEqual(['Sprachen: Arabisch, Deutsch']);
  });

  it('matches text by type, case-insensitively by default, with negation and is-not-defined', () => {
    expect(cardMatches(filter('><c:prop-filter name="FN"><c:text-match>HADDAD</c:text-match></c:prop-filter>'), card)).toBe(true);
    expect(cardMatches(filter('><c:prop-filter name="FN"><c:text-match collation="i;octet">HADDAD</c:text-match></c:prop-filter>'), card)).toBe(false);
    expect(cardMatches(filter('><c:prop-filter name="UID"><c:text-match match-type="equals">urn:x:person:12</c:text-match></c:prop-filter>'), card)).toBe(true);
    expect(cardMatches(filter('><c:prop-filter name="FN"><c:text-match match-type="starts-with" negate-condition="yes">Amira</c:text-match></c:prop-filter>'), card)).toBe(false);
    expect(cardMatches(filter('><c:prop-filter name="TEL"><c:is-not-defined/></c:prop-filter>'), card)).toBe(true);
    expect(cardMatches(filter('test="allof"><c:prop-filter name="FN"/><c:prop-filter name="TEL"/>'), card)).toBe(false);
    expect(cardMatches(filter('test="anyof"><c:prop-filter name="FN"/><c:prop-filter name="TEL"/>'), card)).toBe(true);
  });

  it('matches events by time range (overlap, open ends)', () => {
    const range = (attrs: string) =>
      parseDavXml(Buffer.from(`<c:filter xmlns:c="urn:ietf:params:xml:ns:caldav"><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range ${attrs}/></c:comp-filter></c:comp-filter></c:filter>`)) ?? undefined;
    const event = { startsAt: new Date('2027-03-18T17:00:00Z'), endsAt: new Date('2027-03-18T19:00:00Z') };
    expect(eventMatches(range('start="20270318T000000Z" end="20270319T000000Z"'), event)).toBe(true);
    expect(eventMatches(range('start="20270318T190000Z" end="20270319T000000Z"'), event)).toBe(false);
    expect(eventMatches(range('start="20270318T185959Z"'), event)).toBe(true);
    expect(eventMatches(range('end="20270318T170000Z"'), event)).toBe(false);
    expect(() => eventMatches(range('start="gestern"'), event)).toThrow();
  });
});

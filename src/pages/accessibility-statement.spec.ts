import { accessibilityStatement, reportedPageFrom } from './accessibility-statement.js';

const BASE = 'https://netzwerk.example.org';

describe('reportedPageFrom', () => {
  it('keeps the path of a page of this site', () => {
    expect(reportedPageFrom(`${BASE}/personen/12`, BASE)).toBe(`${BASE}/personen/12`);
  });

  it('drops query strings and fragments', () => {
    expect(reportedPageFrom(`${BASE}/suche?q=Avramenko#treffer`, BASE)).toBe(`${BASE}/suche`);
  });

  it('cuts out long segments that may be secret tokens', () => {
    const token = 'Xq3v9ZLk2mB7sT0pR5wY8nC1dF4gH6jK';
    expect(reportedPageFrom(`${BASE}/konto/passwort-setzen/${token}`, BASE)).toBe(`${BASE}/konto/passwort-setzen/…`);
    expect(reportedPageFrom(`${BASE}/kalender/${token}.ics`, BASE)).not.toContain(token);
  });

  it.each([undefined, '', 'nicht eine Adresse', 'https://andere.example.org/personen', 'http://netzwerk.example.org/personen', `${BASE}/barrierefreiheit`])(
    'ignores %p',
    (referer) => {
      expect(reportedPageFrom(referer, BASE)).toBeNull();
    },
  );
});

describe('accessibilityStatement', () => {
  it('builds a mailto link with subject and the reported page, encoded', () => {
    const view = accessibilityStatement({ siteName: 'Netzwerk Migration', baseUrl: BASE, contactEmail: 'integration@example.org', referer: `${BASE}/gremien/3` });
    expect(view.contactHref.startsWith('mailto:integration@example.org?subject=Barriere%20melden%3A%20Netzwerk%20Migration&body=')).toBe(true);
    expect(decodeURIComponent(view.contactHref.split('&body=')[1])).toContain(`Seite: ${BASE}/gremien/3`);
    expect(view.reportedPage).toBe(`${BASE}/gremien/3`);
    expect(view.statementDate).toBe('25. November 2026');
  });

  it('asks for the page address when it does not know it', () => {
    const view = accessibilityStatement({ siteName: 'Netzwerk & Co', baseUrl: BASE, contactEmail: 'a@example.org', referer: undefined });
    expect(view.reportedPage).toBeNull();
    expect(decodeURIComponent(view.contactHref)).toContain('bitte Adresse der Seite angeben');
    expect(view.contactHref).toContain('Netzwerk%20%26%20Co');
  });
});

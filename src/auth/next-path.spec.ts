import { afterLoginPath, loginPathFor, safeNextPath } from './next-path.js';

describe('safeNextPath', () => {
  it.each([
    ['/gremien/3', '/gremien/3'],
    ['/suche?q=M%C3%BCller&page=2', '/suche?q=M%C3%BCller&page=2'],
    ['/personen#a', '/personen#a'],
    ['/a/../admin/konten', '/admin/konten'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'], // stays percent-encoded: no header injection
  ])('keeps the same-site path %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    42,
    ['/a'],
    '',
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\r\nLocation: https://evil.example',
    '/\tx',
    'gremien/3',
    '/anmelden',
    '/anmelden?next=/x',
    '/abmelden',
    `/${'x'.repeat(2001)}`,
  ])('falls back to / for %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('builds the login link', () => {
    expect(loginPathFor('/gremien/3?x=1')).toBe('/anmelden?next=%2Fgremien%2F3%3Fx%3D1');
    expect(loginPathFor('//evil.example')).toBe('/anmelden');
  });
});

describe('afterLoginPath', () => {
  it('lands on Meine Seite when no page was asked for, else returns to the page asked for', () => {
    expect(afterLoginPath(safeNextPath(undefined))).toBe('/meine-seite');
    expect(afterLoginPath(safeNextPath('/'))).toBe('/meine-seite');
    expect(afterLoginPath(safeNextPath('https://evil.example/'))).toBe('/meine-seite');
    expect(afterLoginPath(safeNextPath('/gremien/3?x=1'))).toBe('/gremien/3?x=1');
  });
});

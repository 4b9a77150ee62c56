import { redactPath } from './redact.js';

describe('redactPath', () => {
  it.each([
    ['/personen/12?q=M%C3%BCller', '/personen/12'],
    ['/suche?q=Avramenko', '/suche'],
    ['/kalender/Xk3r9_aBcDeFgHiJkLmNoPqRsTuV.ics', '/kalender/:geheim'],
    ['/kalender/oeffentlich.ics', '/kalender/oeffentlich.ics'],
    ['/konto/passwort-setzen/abcdef0123456789abcdef0123456789', '/konto/passwort-setzen/:geheim'],
    ['/konto/passwort-setzen/kurz', '/konto/passwort-setzen/:geheim'],
    ['/sitzungen/5/antwort/eyJhbGciOiJIUzI1NiJ9xxxxxxxxxxxxxxxx', '/sitzungen/5/antwort/:geheim'],
    ['/gremien/3/sitzungen.ics', '/gremien/3/sitzungen.ics'],
    ['/static/css/app.css', '/static/css/app.css'],
  ])('%s → %s', (input, expected) => {
    expect(redactPath(input)).toBe(expected);
  });
});

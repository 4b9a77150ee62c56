import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  const email = 'anna.schmidt@example.org';

  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('Kaffeetasse am Pfaffenteich 7', email)).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the minimum length', () => {
    expect(passwordProblem('Ünïcödé😀😀', email)).toMatch(/mindestens 10 Zeichen/); // 9 characters, 11 units
    expect(passwordProblem('Привет мир, Schwerin', email)).toBeNull();
  });

  it.each(['', 'kurz', '123456789'])('rejects %j as too short', (pw) => {
    expect(passwordProblem(pw, email)).toMatch(/mindestens 10 Zeichen/);
  });

  it('rejects overlong passwords', () => {
    expect(passwordProblem('x'.repeat(257), email)).toMatch(/höchstens 256/);
  });

  it.each(['1234567890', 'qwertyuiop', 'Password123', 'PASSWORT123', 'ichliebedich'])('rejects the common password %j', (pw) => {
    expect(passwordProblem(pw, email)).toMatch(/verbreitet/);
  });

  it('rejects the email and, when long enough, its local part, in any case', () => {
    expect(passwordProblem('Anna.Schmidt@Example.org', email)).toMatch(/E-Mail-Adresse/);
    expect(passwordProblem('ANNA.SCHMIDT', email)).toMatch(/E-Mail-Adresse/);
  });

  it('rejects the public demo passwords', () => {
    for (const demo of DEMO_ACCOUNTS) expect(passwordProblem(demo.password, email)).toMatch(/verbreitet/);
  });
});

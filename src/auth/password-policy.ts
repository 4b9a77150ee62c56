import { normalizeEmail } from './account.entity.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Lower-cased blocklist: the shipped common passwords and the public demo passwords. */
const BLOCKLIST: ReadonlySet<string> = new Set([...COMMON_PASSWORDS, ...DEMO_ACCOUNTS.map((d) => d.password.toLowerCase())]);

/** Length counted in characters (code points), not UTF-16 units: "ÄÖÜ" is 3. */
function characterCount(text: string): number {
  return [...text].length;
}

/**
 * Checks a new password (ASVS 2.1: length ≥ 10, ≤ 256, no composition rules, not a known
 * common password, not the email). Returns a German message for the form, or null when acceptable.
 */
export function passwordProblem(password: string, email: string): string | null {
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein (jetzt: ${length}).`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`;
  }
  const lower = password.trim().toLowerCase();
  const normalizedEmail = normalizeEmail(email);
  const localPart = normalizedEmail.split('@')[0];
  if (lower === normalizedEmail || (localPart.length >= PASSWORD_MIN_LENGTH && lower === localPart)) {
    return 'Das Passwort darf nicht die E-Mail-Adresse sein.';
  }
  if (BLOCKLIST.has(lower)) {
    return 'Dieses Passwort ist sehr verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.';
  }
  return null;
}

import { foldText } from '../common/text/fold.js';

/** "Dr. Dimitri Avramenko" — academic title, given and family name. */
export function personDisplayName(p: { academicTitle: string | null; givenName: string; familyName: string }): string {
  return [p.academicTitle, p.givenName, p.familyName].filter((s) => s !== null && s.length > 0).join(' ');
}

/** "Avramenko, Dimitri" — for sorted lists. */
export function personSortName(p: { givenName: string; familyName: string }): string {
  return p.givenName ? `${p.familyName}, ${p.givenName}` : p.familyName;
}

/** The folded "family given" key the directory sorts and groups by (A–Z), as the seeds compute it. */
export function personSortKey(p: { givenName: string; familyName: string }): string {
  return foldText(`${p.familyName} ${p.givenName}`).slice(0, 220);
}

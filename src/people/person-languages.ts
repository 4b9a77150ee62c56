import { LANGUAGE_LABELS, languageLabel } from './person-labels.js';
import { foldText } from '../common/text/fold.js';

const BY_NAME = new Map<string, string>(Object.entries(LANGUAGE_LABELS).flatMap(([code, label]) => [
  [foldText(code), code],
  [foldText(label), code],
  // "Persisch (Farsi/Dari)" is also found as "Persisch", "Farsi" and "Dari"
  ...label
    .split(/[()/]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part): [string, string] => [foldText(part), code]),
]));

/**
 * Reads a typed list of languages ("Arabisch, Russisch; uk") into ISO codes, each once, in the
 * order typed. `unknown` lists what could not be read (for the error message).
 */
export function parseLanguages(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const token = raw.trim();
    if (!token) continue;
    const code = BY_NAME.get(foldText(token));
    if (code === undefined) unknown.push(token);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** Codes as the form shows them: "Deutsch, Arabisch". */
export function languagesText(codes: string[]): string {
  return codes.map(languageLabel).join(', ');
}

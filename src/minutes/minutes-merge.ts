import { createHash } from 'node:crypto';

/** Browsers send textarea line breaks as CRLF; everything is stored with LF. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Fingerprint of the text an editor started from, sent along with the form. */
export function textHash(text: string): string {
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex');
}

export interface SubmittedField {
  /** What the editor sends now. */
  value: string;
  /** textHash() of the text the editor's form was loaded with. */
  baseHash: string;
}

export interface MergeOutcome<K extends string> {
  /** The values to store: the editor's where they changed something nobody else touched. */
  merged: Record<K, string>;
  /** Fields changed both by the editor and, meanwhile, by somebody else, to different texts. */
  conflicts: K[];
}

/**
 * Three-way check per field after a version mismatch: where the stored text is still the one the
 * editor started from, their change applies; where only the other save changed it, the stored text
 * stays; where both changed it differently, it is a conflict and nothing is overwritten.
 */
export function mergeFields<K extends string>(current: Record<K, string>, submitted: Partial<Record<K, SubmittedField>>): MergeOutcome<K> {
  const merged = { ...current };
  const conflicts: K[] = [];
  for (const key of Object.keys(submitted) as K[]) {
    const field = submitted[key];
    if (!field) continue;
    const mine = normalizeText(field.value);
    const theirs = normalizeText(current[key] ?? '');
    if (mine === theirs) continue;
    if (textHash(theirs) === field.baseHash) {
      merged[key] = mine;
    } else if (textHash(mine) !== field.baseHash) {
      conflicts.push(key);
    }
  }
  return { merged, conflicts };
}

import { foldText, transcribeUmlauts } from '../common/text/fold.js';

/** A topic name as stored: trimmed, inner whitespace as one space. */
export function normaliseTopicName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ');
}

/**
 * The key two topic names are the same by: case, accents, umlaut spellings and spacing ignored
 * ("Sprachkurs" = "sprachkurs" = " SPRACHKURS "; "Frühe Hilfen" = "Fruehe Hilfen").
 */
export function topicNameKey(name: string): string {
  return foldText(transcribeUmlauts(normaliseTopicName(name)));
}

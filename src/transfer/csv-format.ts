import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { withoutControlCharacters } from '../common/http/control-characters.pipe.js';

/**
 * CSV as German Excel writes and reads it: UTF-8 with BOM (so umlauts and Cyrillic show), semicolon
 * separator, CRLF line ends, quotes where needed. Cells that Excel would run as a formula (=, +, -, @
 * at the start, e.g. "+49 385 …") get a leading apostrophe, which Excel hides and the import removes.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: string[], rows: (string | null)[][]): string {
  const escape = (cell: string | null): string => {
    const text = cell ?? '';
    return FORMULA_START.test(text) ? `'${text}` : text;
  };
  return stringify([header, ...rows.map((r) => r.map(escape))], { delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
}

export interface ParsedCsv {
  header: string[];
  /** Data rows with their row number as Excel shows it (header = row 1). */
  rows: { line: number; cells: string[] }[];
}

export class CsvFormatError extends Error {}

/** Text of an uploaded file: UTF-8 (BOM and control characters removed), or Windows-1252 as older Excel versions save it. */
export function decodeUpload(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return withoutControlCharacters(text.replace(/^\uFEFF/, ''));
}

/** Reads CSV text (semicolon, or comma when the header has no semicolon); cells trimmed, formula apostrophes removed. */
export function parseCsv(text: string): ParsedCsv {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ''), { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true });
    records = parsed as string[][];
  } catch (e) {
    throw new CsvFormatError(`Die Datei ist keine lesbare CSV-Datei (${e instanceof Error ? e.message.split('\n')[0] : 'unbekannter Fehler'}).`);
  }
  if (records.length === 0) throw new CsvFormatError('Die Datei ist leer.');
  const clean = (cell: string): string => {
    const t = cell.trim();
    return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
  };
  const [header, ...data] = records;
  return {
    header: header.map((h) => h.trim()),
    // the row number Excel shows (header = row 1; a cell with line breaks is still one row)
    rows: data.map((cells, i) => ({ line: i + 2, cells: cells.map(clean) })).filter((r) => r.cells.some((c) => c !== '')),
  };
}

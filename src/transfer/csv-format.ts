import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { withoutControlCharacters } from '../common/http/control-characters.pipe.js';

/**
 * CSV as German Excel writes and reads it: UTF-8 with BOM (so umlauts and Cyrillic show), semicolon
 * separator, CRLF line ends, quotes where needed — also around a bare line feed, which is how the app
 * stores multi-line text (csv-stringify quotes only cells with the record delimiter CRLF by itself, and
 * a spreadsheet starts a new row at a bare LF).
 *
 * Cells that a spreadsheet would run as a formula (=, +, -, @, tab or CR at the start, e.g. "+49 385 …"
 * or "=HYPERLINK(…)") get a leading apostrophe (OWASP "CSV injection"). So that the import can remove
 * exactly the apostrophes the export added, a cell that already starts with apostrophes followed by
 * such a character ("'=x" as typed) gets one more: the import removes one apostrophe from every cell
 * of that shape, and every value comes back as it was.
 */

/** A cell the export prefixes with an apostrophe: formula start, possibly behind apostrophes. */
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;
/** A cell the import removes one apostrophe from: exactly what the export wrote for NEEDS_APOSTROPHE. */
const HAS_APOSTROPHE = /^'+[=+\-@\t\r]/;

/** The cell as exported: neutralised if a spreadsheet would read it as a formula. */
function exportCell(cell: string | null): string {
  const text = cell ?? '';
  return NEEDS_APOSTROPHE.test(text) ? `'${text}` : text;
}

/** The value of an exported cell: the apostrophe exportCell added removed again. */
function importCell(cell: string): string {
  return HAS_APOSTROPHE.test(cell) ? cell.slice(1) : cell;
}

export function toCsv(header: string[], rows: (string | null)[][]): string {
  return stringify([header, ...rows.map((r) => r.map(exportCell))], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
    // line breaks of any kind (the app stores LF), and leading or trailing spaces, are quoted
    quoted_match: [/[\r\n]/, /^\s|\s$/],
  });
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
  const clean = (cell: string): string => importCell(cell.trim());
  const [header, ...data] = records;
  return {
    header: header.map((h) => h.trim()),
    // the row number Excel shows (header = row 1; a cell with line breaks is still one row)
    rows: data.map((cells, i) => ({ line: i + 2, cells: cells.map(clean) })).filter((r) => r.cells.some((c) => c !== '')),
  };
}

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { parseCsv, toCsv } from './csv-format.js';

/** A plain RFC 4180 reader (semicolon separator), written independently of csv-format and csv-parse. */
function rfc4180(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ';') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** What a spreadsheet sees at the start of each cell: no formula may start there. */
function formulaCells(rows: string[][]): string[] {
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
}

const HEADER = ['ID', 'Name', 'Anmerkung'];

describe('CSV format', () => {
  const hostile = [
    ['1', 'Notiz', "Notiz\n=cmd|' /C calc'!A0"],
    ['2', 'Оксана Ткаченко', 'Zeile eins\nZeile zwei\r\nZeile drei'],
    ['3', 'محمد الأحمد', '=HYPERLINK("http://example.org","klick")'],
    ['4', 'Nguyễn Thị Hương', '+49 385 545-1263'],
    ['5', '-5 Grad', '@SUM(A1)'],
    ['6', "'=schon mit Apostroph", "''+zwei Apostrophe"],
    ['7', "O'Brien", "'kein Formelanfang"],
    ['8', 'Tab', '\tnach Tab'],
  ];

  it('quotes every cell with a line break, so each record stays one row (csv-parse and a plain RFC 4180 reader agree)', () => {
    const text = toCsv(HEADER, hostile);
    const expected = [HEADER, ...hostile.map((r) => r.map((c) => (/^'*[=+\-@\t\r]/.test(c) ? `'${c}` : c)))];
    expect(rfc4180(text)).toEqual(expected);
    const parsed: unknown = parse(text, { delimiter: ';', bom: true });
    expect(parsed).toEqual(expected);
    expect(text).toContain('"Notiz\n=cmd|\' /C calc\'!A0"');
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    expect(formulaCells(rfc4180(toCsv(HEADER, hostile)))).toEqual([]);
  });

  it('reads back exactly what it wrote: apostrophes removed only where the export added them', () => {
    const parsed = parseCsv(toCsv(HEADER, hostile));
    expect(parsed.header).toEqual(HEADER);
    expect(parsed.rows.map((r) => r.cells)).toEqual(hostile);
  });

  it('round-trips any trimmed text (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ä', 'Ж', 'ع', 'ễ', ' ', ';', '"', "'", '=', '+', '-', '@', '\n', '\r\n', '\t', ',') });
    const value = text.map((s) => s.trim()).filter((s) => s !== '');
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = toCsv(HEADER, rows);
        expect(formulaCells(rfc4180(csv))).toEqual([]);
        expect(rfc4180(csv)).toHaveLength(rows.length + 1);
        expect(parseCsv(csv).rows.map((r) => r.cells)).toEqual(rows);
      }),
    );
  });
});

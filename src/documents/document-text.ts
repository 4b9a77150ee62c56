import { XMLParser } from 'fast-xml-parser';
import yauzl from 'yauzl';

/** Longest text kept per version (the search needs words, not whole books). */
export const MAX_TEXT_CHARS = 200_000;
/** Pages of a PDF read at most. */
const MAX_PDF_PAGES = 300;
/** Uncompressed bytes read from one entry of an office document (zip-bomb guard). */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

export type ExtractionResult = { state: 'done'; text: string } | { state: 'skipped' };

const OFFICE_PARTS: Record<string, RegExp> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$/,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': /^ppt\/(?:slides\/slide\d+|notesSlides\/notesSlide\d+)\.xml$/,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': /^xl\/sharedStrings\.xml$/,
  'application/vnd.oasis.opendocument.text': /^content\.xml$/,
  'application/vnd.oasis.opendocument.spreadsheet': /^content\.xml$/,
  'application/vnd.oasis.opendocument.presentation': /^content\.xml$/,
};

/** Whitespace collapsed, at most MAX_TEXT_CHARS. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_TEXT_CHARS);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0, stopAtErrors: true }).promise;
  try {
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PDF_PAGES) && length < MAX_TEXT_CHARS; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join('');
      // NFKC: Arabic comes out of a PDF as presentation forms (shaped glyphs); this maps them to letters
      parts.push(text.normalize('NFKC'));
      length += text.length;
      page.cleanup();
    }
    return parts.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** Every text node of an XML document, in document order (paragraph-ish elements end a line). */
function xmlText(xml: string): string {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, processEntities: true, htmlEntities: false, trimValues: false });
  const out: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null) continue;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === '#text') out.push(String(value));
        else if (key !== ':@') {
          walk(value);
          // paragraphs, table cells and shared strings end a line
          if (/(?:^|:)(?:p|tc|si|h|list-item|table-cell)$/.test(key)) out.push('\n');
        }
      }
    }
  };
  walk(parser.parse(xml));
  return out.join('');
}

function readEntries(bytes: Buffer, wanted: RegExp): Promise<{ name: string; text: string }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const found: { name: string; text: string }[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(found));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wanted.test(entry.fileName) || entry.uncompressedSize > MAX_ENTRY_BYTES) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            found.push({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8') });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Slides and numbered parts in their natural order (slide2 before slide10). */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The plain text of a stored file for the search: PDF (pdf.js), Word/Excel/PowerPoint (OOXML) and
 * OpenDocument (their XML parts), plain text as it is. Images and the old binary Office formats
 * have none ('skipped'). Throws when a file of a readable type cannot be read.
 */
export async function extractText(mimeType: string, bytes: Buffer): Promise<ExtractionResult> {
  if (mimeType === 'application/pdf') return { state: 'done', text: tidyText(await pdfText(bytes)) };
  if (mimeType.startsWith('text/')) return { state: 'done', text: tidyText(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
  const parts = OFFICE_PARTS[mimeType];
  if (!parts) return { state: 'skipped' };
  const entries = (await readEntries(bytes, parts)).sort((a, b) => naturalOrder(a.name, b.name));
  return { state: 'done', text: tidyText(entries.map((e) => xmlText(e.text)).join('\n')) };
}

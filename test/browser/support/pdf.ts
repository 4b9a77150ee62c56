import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: number;
  /** Text of every page (NFKC), whitespace collapsed. Right-to-left runs come out in visual order. */
  pageTexts: string[];
  text: string;
}

/** Extracts the text of a PDF with Mozilla's pdf.js (the Node.js "legacy" build; no canvas needed for text). */
export async function pdfText(pdf: Buffer): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pageTexts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const parts = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''));
    // NFKC: Arabic comes out of a PDF as presentation forms (shaped glyphs); this maps them to letters.
    pageTexts.push(parts.join('').normalize('NFKC').replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim());
  }
  await doc.destroy();
  return { pages: doc.numPages, pageTexts, text: pageTexts.join('\n') };
}

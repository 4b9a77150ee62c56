import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import PDFDocument from 'pdfkit';

/** One block of a generated document, in reading order. */
export type PdfBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: { title: string; width: number }[]; rows: string[][] };

export interface PdfContent {
  title: string;
  author: string;
  subject?: string;
  /** Fixed from the data (never "now"): the same content gives the same bytes, stored once. */
  createdAt: Date;
  blocks: PdfBlock[];
}

const require = createRequire(import.meta.url);
/** DejaVu Sans: Latin, Cyrillic, Arabic, Turkish, Vietnamese glyphs (shipped as a package, no system fonts). */
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;
const FOOTER_SPACE = 28;
const BODY_SIZE = 10.5;

/** bidi-js is CommonJS (its module.exports is the factory). */
const bidi = (require('bidi-js') as () => Bidi)();

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/**
 * The words and spaces of a line in visual (left-to-right) order by the Unicode bidi algorithm
 * (bidi-js levels, rule L2 on whole words). Each word keeps its logical letters: pdfkit (fontkit)
 * shapes a right-to-left word and lays out its glyphs itself, but keeps words in the order given.
 */
export function visualTokens(line: string): { text: string; logical: number; rtl: boolean }[] {
  const tokens: { text: string; level: number; logical: number }[] = [];
  const levels = RTL.test(line) ? bidi.getEmbeddingLevels(line, 'ltr').levels : null;
  for (const m of line.matchAll(/\s+|[^\s]+/gu)) {
    const start = m.index;
    let level = levels ? levels[start] : 0;
    if (levels && !/^\s+$/u.test(m[0])) for (let i = start; i < start + m[0].length; i++) level = Math.max(level, levels[i]);
    tokens.push({ text: m[0], level, logical: tokens.length });
  }
  const maxLevel = Math.max(0, ...tokens.map((t) => t.level));
  const lowestOdd = tokens.reduce((low, t) => (t.level % 2 === 1 ? Math.min(low, t.level) : low), Number.POSITIVE_INFINITY);
  for (let level = maxLevel; level >= lowestOdd; level--) {
    for (let i = 0; i < tokens.length; ) {
      if (tokens[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && tokens[j].level >= level) j++;
      tokens.splice(i, j - i, ...tokens.slice(i, j).reverse());
      i = j;
    }
  }
  const mirror: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<' };
  return tokens.map((t) => ({ text: t.level % 2 === 1 ? t.text.replace(/[()[\]{}<>]/gu, (c) => mirror[c] ?? c) : t.text, logical: t.logical, rtl: t.level % 2 === 1 }));
}

/** The line as displayed (visual order of words), e.g. for tests. */
export function visualLine(line: string): string {
  return visualTokens(line)
    .map((t) => t.text)
    .join('');
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Draws one line at (x, y). A line with right-to-left text is placed word by word at the words' visual
 * positions but written in logical order, so text extraction (copy, search, screen readers) reads it
 * in reading order.
 */
function drawLine(doc: Doc, line: string, x: number, y: number, width: number): void {
  if (!RTL.test(line)) {
    doc.text(line, x, y, { lineBreak: false, width });
    return;
  }
  const placed: { text: string; logical: number; rtl: boolean; x: number }[] = [];
  let at = x;
  for (const t of visualTokens(line)) {
    placed.push({ ...t, x: at });
    at += doc.widthOfString(t.text);
  }
  placed.sort((a, b) => a.logical - b.logical);
  const rtlLetters = (t: { text: string; rtl: boolean }): boolean => t.rtl && /^[\p{L}\p{M}\s]+$/u.test(t.text);
  // a line of right-to-left words only is written as one run; in a mixed line each word stands alone
  // (text extraction would read a joined run together with its left-to-right neighbours backwards)
  const whole = placed.every((t) => rtlLetters(t) || /^\s+$/u.test(t.text));
  const letters = (t: { text: string; rtl: boolean }): boolean => whole && rtlLetters(t);
  for (let i = 0; i < placed.length; ) {
    if (!letters(placed[i])) {
      // spaces are written too: text extraction reads the gaps between words from them
      doc.text(placed[i].text, placed[i].x, y, { lineBreak: false });
      i++;
      continue;
    }
    // right-to-left words with the spaces between them: one run in logical order, joined by no-break
    // spaces (pdfkit splits runs only at plain spaces); fontkit lays the run out right to left, and
    // text extraction gives the words back in reading order with their spaces
    let j = i;
    while (j < placed.length && letters(placed[j])) j++;
    while (j > i + 1 && /^\s+$/u.test(placed[j - 1].text)) j--;
    const run = placed.slice(i, j);
    doc.text(
      run.map((t) => t.text.replace(/\s/gu, '\u00a0')).join(''),
      Math.min(...run.map((t) => t.x)),
      y,
      { lineBreak: false },
    );
    i = j;
  }
}

/** Breaks a paragraph into lines that fit the width (logical order; words longer than a line are split). */
function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/u)) {
    let line = '';
    for (const word of paragraph.split(/\s+/u).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (doc.widthOfString(rest) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && doc.widthOfString(rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Renders structured text as an A4 PDF with page numbers and metadata (deterministic bytes). */
export function renderPdf(content: PdfContent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      autoFirstPage: true,
      lang: 'de-DE',
      displayTitle: true,
      info: { Title: content.title, Author: content.author, Subject: content.subject ?? content.title, Creator: 'Netzwerk', Producer: 'Netzwerk', CreationDate: content.createdAt, ModDate: content.createdAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);

    const left = MARGIN;
    const width = doc.page.width - 2 * MARGIN;
    const bottom = (): number => doc.page.height - MARGIN - FOOTER_SPACE;
    let y = MARGIN;

    const ensure = (height: number): void => {
      if (y + height > bottom()) {
        doc.addPage();
        y = MARGIN;
      }
    };
    /** Prints wrapped lines at x within w; returns the height used. */
    const lines = (text: string, x: number, w: number, font: 'regular' | 'bold', size: number, startY: number): number => {
      doc.font(font).fontSize(size);
      const lineHeight = size * 1.35;
      let offset = 0;
      for (const line of wrap(doc, text, w)) {
        drawLine(doc, line, x, startY + offset, w);
        offset += lineHeight;
      }
      return offset;
    };
    const heightOf = (text: string, w: number, font: 'regular' | 'bold', size: number): number => {
      doc.font(font).fontSize(size);
      return wrap(doc, text, w).length * size * 1.35;
    };
    const block = (text: string, font: 'regular' | 'bold', size: number, indent = 0, after = 4): void => {
      doc.font(font).fontSize(size);
      for (const line of wrap(doc, text, width - indent)) {
        ensure(size * 1.35);
        doc.font(font).fontSize(size);
        drawLine(doc, line, left + indent, y, width - indent);
        y += size * 1.35;
      }
      y += after;
    };

    for (const b of content.blocks) {
      switch (b.kind) {
        case 'heading':
          ensure(b.level === 1 ? 60 : 40);
          y += b.level === 1 ? 0 : 6;
          block(b.text, 'bold', b.level === 1 ? 16 : 12.5, 0, 6);
          break;
        case 'paragraph':
          block(b.text, b.bold ? 'bold' : 'regular', BODY_SIZE, 0, 6);
          break;
        case 'list':
          for (const item of b.items) {
            ensure(BODY_SIZE * 1.35);
            doc.font('regular').fontSize(BODY_SIZE).text('•', left + 4, y, { lineBreak: false });
            block(item, 'regular', BODY_SIZE, 16, 2);
          }
          y += 4;
          break;
        case 'table': {
          const total = b.columns.reduce((s, c) => s + c.width, 0);
          const widths = b.columns.map((c) => (c.width / total) * width);
          const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
          const row = (cells: string[], font: 'regular' | 'bold'): void => {
            const height = Math.max(...cells.map((c, i) => heightOf(c, widths[i] - 6, font, BODY_SIZE))) + 4;
            ensure(height);
            cells.forEach((c, i) => lines(c, xs[i], widths[i] - 6, font, BODY_SIZE, y + 2));
            y += height;
            doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('#999999').stroke();
          };
          row(
            b.columns.map((c) => c.title),
            'bold',
          );
          for (const cells of b.rows) row(cells, 'regular');
          y += 8;
          break;
        }
      }
    }

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc
        .font('regular')
        .fontSize(8.5)
        .text(`Seite ${i + 1} von ${range.count}`, left, doc.page.height - MARGIN - 10, { width, align: 'center', lineBreak: false });
    }
    doc.end();
  });
}

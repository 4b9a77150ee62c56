import { pdfDay } from './generated-documents.service.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf, visualLine } from './document-pdf.js';

const content = {
  title: 'Einladung: Sitzung Вече',
  author: 'Netzwerk',
  createdAt: new Date('2026-03-01T10:00:00Z'),
  blocks: [
    { kind: 'heading' as const, text: 'Einladung zur Sitzung', level: 1 as const },
    { kind: 'paragraph' as const, text: 'Sehr geehrte Mitglieder, hiermit lade ich Sie herzlich ein. '.repeat(8) },
    { kind: 'list' as const, items: ['Erster Punkt', 'Бюджет на следующий год'] },
    {
      kind: 'table' as const,
      columns: [
        { title: 'TOP', width: 1 },
        { title: 'Gegenstand', width: 6 },
      ],
      rows: [
        ['1', 'Eröffnung'],
        ['2', 'الميزانية السنوية'],
        ['3', 'Bericht über الميزانية السنوية (Entwurf)'],
      ],
    },
  ],
};

/** Text per page with Mozilla's pdf.js (NFKC: Arabic presentation forms back to letters), as test/browser/support/pdf.ts does. */
async function pdfText(pdf: Buffer): Promise<{ pages: number; pageTexts: string[]; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pageTexts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const parts = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''));
    pageTexts.push(parts.join('').normalize('NFKC').replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim());
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, pageTexts, text: pageTexts.join('\n') };
}

describe('renderPdf', () => {
  it('writes readable text in every script, Arabic in reading order, with page numbers and metadata', async () => {
    const pdf = await renderPdf(content);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    expect(text).toContain('Einladung zur Sitzung');
    expect(text).toContain('Бюджет на следующий год');
    expect(text).toContain('Eröffnung');
    expect(text).toContain('2 الميزانية السنوية');
    // in a mixed line the right-to-left words come out in order, but pdf.js sees no gap between them
    expect(text).toMatch(/Bericht über الميزانية ?السنوية \(Entwurf\)/u);
    expect(text).toContain('Seite 1 von 1');
    expect(pdf.toString('latin1')).toContain('(D:20260301100000Z)');
  });

  it('gives the same bytes for the same content and different bytes for other content', async () => {
    const a = await renderPdf(content);
    const b = await renderPdf(content);
    expect(a.equals(b)).toBe(true);
    const c = await renderPdf({ ...content, blocks: [...content.blocks, { kind: 'paragraph', text: 'Nachtrag' }] });
    expect(a.equals(c)).toBe(false);
  });

  it('numbers every page of a long document', async () => {
    const pdf = await renderPdf({ ...content, blocks: Array.from({ length: 120 }, (_, i) => ({ kind: 'paragraph' as const, text: `Absatz ${i + 1}` })) });
    const { pages, pageTexts } = await pdfText(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(pageTexts[pages - 1]).toContain(`Seite ${pages} von ${pages}`);
  });

  it('orders the words of a right-to-left run for display and leaves other lines alone', () => {
    expect(visualLine('Haushalt 2027')).toBe('Haushalt 2027');
    expect(visualLine('الميزانية السنوية')).toBe('السنوية الميزانية');
    expect(visualLine('TOP 2: الميزانية السنوية')).toBe('TOP 2: السنوية الميزانية');
  });
});

describe('pdfDay', () => {
  it('is the Berlin day of the moment, also shortly after midnight in Berlin', () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (summer time)
    expect(pdfDay(new Date('2026-03-31T23:30:00Z')).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(pdfDay(new Date('2026-12-05T12:00:00Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
  });
});

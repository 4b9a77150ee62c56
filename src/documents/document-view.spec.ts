import contentDisposition from 'content-disposition';
import { asciiFileName, cleanFileName, dispositionFor, formatBytes, titleFromFileName, uniqueNames } from './document-view.js';

describe('document view helpers', () => {
  it('formats sizes in German', () => {
    expect(formatBytes(1)).toBe('1 Byte');
    expect(formatBytes(900)).toBe('900 Bytes');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(2 * 1024 * 1024 * 1024)).toBe('2 GB');
  });

  it('keeps names in every script, drops paths and control characters', () => {
    expect(cleanFileName('C:\\Users\\x\\محضر الجلسة.pdf')).toBe('محضر الجلسة.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(cleanFileName(`${'я'.repeat(300)}.pdf`)).toHaveLength(255);
    expect(cleanFileName(`${'я'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
    expect(titleFromFileName('Протокол 2026.pdf')).toBe('Протокол 2026');
    expect(titleFromFileName('.hidden')).toBe('.hidden');
  });

  it('de-duplicates ZIP names case-insensitively', () => {
    expect(uniqueNames(['a.pdf', 'A.pdf', 'a.pdf', 'TOP 1/a.pdf', 'b'])).toEqual(['a.pdf', 'A (2).pdf', 'a (3).pdf', 'TOP 1/a.pdf', 'b']);
  });

  it('sends the real name as filename* and an ASCII fallback', () => {
    expect(asciiFileName('Präsentation.pptx')).toBe('Prasentation.pptx');
    expect(asciiFileName('محضر.pdf')).toBe('datei.pdf');
    for (const name of ['Präsentation.pptx', 'محضر الجلسة – Протокол.pdf', 'plain.txt', 'a "quoted" name.pdf']) {
      const header = dispositionFor(name, 'attachment');
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(contentDisposition.parse(header)).toEqual({ type: 'attachment', parameters: expect.objectContaining({ filename: name }) as unknown });
    }
  });
});

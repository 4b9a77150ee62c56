import { judgeFileType, typeLabel } from './document-types.js';

/** The start of a Compound File (legacy Office, MSI) with the given stream names in its directory. */
function cfb(streams: string[]): Buffer {
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  let at = 1024;
  for (const s of streams) at += b.write(s, at, 'utf16le') + 64;
  return b;
}

describe('judgeFileType', () => {
  it('accepts images by their magic bytes', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(32)]);
    expect(await judgeFileType('bild.gif', gif)).toMatchObject({ ok: true, type: { mimeType: 'image/gif', inline: true } });
    expect(await judgeFileType('foto', jpeg)).toMatchObject({ ok: true, type: { mimeType: 'image/jpeg' } });
  });

  it('accepts legacy Word/Excel/PowerPoint only with their stream, and refuses other compound files (MSI)', async () => {
    expect(await judgeFileType('alt.doc', cfb(['Root Entry', 'WordDocument']))).toMatchObject({ ok: true, type: { mimeType: 'application/msword', label: 'Word' } });
    expect(await judgeFileType('alt.xls', cfb(['Root Entry', 'Workbook']))).toMatchObject({ ok: true, type: { mimeType: 'application/vnd.ms-excel' } });
    expect(await judgeFileType('alt.ppt', cfb(['Root Entry', 'PowerPoint Document']))).toMatchObject({ ok: true, type: { mimeType: 'application/vnd.ms-powerpoint' } });
    expect(await judgeFileType('setup.doc', cfb(['Root Entry', 'Property']))).toMatchObject({ ok: false });
    expect(await judgeFileType('alt.xls', cfb(['Root Entry', 'WordDocument']))).toMatchObject({ ok: false });
  });

  it('accepts UTF-8 text only as .txt/.csv/.md, never with NUL bytes, invalid UTF-8 or markup', async () => {
    expect(await judgeFileType('liste.csv', Buffer.from('Name;Sprache\nОльга;uk\n'))).toMatchObject({ ok: true, type: { mimeType: 'text/csv; charset=utf-8' } });
    expect(await judgeFileType('notiz.md', Buffer.from('# Notiz\n'))).toMatchObject({ ok: true, type: { mimeType: 'text/markdown; charset=utf-8' } });
    expect(await judgeFileType('notiz', Buffer.from('ohne Endung'))).toMatchObject({ ok: false });
    expect(await judgeFileType('latin1.txt', Buffer.from([0x66, 0xfc, 0x72]))).toMatchObject({ ok: false });
    expect(await judgeFileType('seite.txt', Buffer.from('\uFEFF  <html><body>x</body></html>'))).toMatchObject({ ok: false });
    expect(await judgeFileType('seite.html', Buffer.from('Hallo'))).toMatchObject({ ok: false, message: expect.stringContaining('Web- oder SVG-Datei') as unknown });
    expect(await judgeFileType('leer.txt', Buffer.alloc(0))).toMatchObject({ ok: false, message: 'Die Datei „leer.txt“ ist leer.' });
  });

  it('names stored types for lists', () => {
    expect(typeLabel('application/pdf')).toBe('PDF');
    expect(typeLabel('application/x-unknown')).toBe('Datei');
  });
});

import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { crc32 } from 'node:zlib';
import { crc32Combine, filledGzip, filledPlain, gzipTemplate } from './spliced-gzip.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('spliced gzip (segments compressed once, personal values between them)', () => {
  const segments = ['<header>', '</header><main>' + 'Ärztin Коваленко محمد Nguyễn '.repeat(3000) + '</main><form>', '</form>', ''].map(utf8);
  const template = gzipTemplate(segments, ['name', 'csrf', 'csrf']);

  it('is one gzip stream that zlib and the gzip program read as the filled page', () => {
    const values = { name: utf8('Ömer Çelik'), csrf: utf8('tok-123') };
    const plain = filledPlain(template, values).toString('utf8');
    expect(plain.startsWith('<header>Ömer Çelik</header><main>Ärztin')).toBe(true);
    expect(plain.endsWith('</main><form>tok-123</form>tok-123')).toBe(true);
    const zipped = filledGzip(template, values);
    expect(gunzipSync(zipped).toString('utf8')).toBe(plain);
    // an independent decoder: the gzip program (checks CRC and length too)
    expect(execFileSync('gzip', ['-dc'], { input: zipped }).toString('utf8')).toBe(plain);
    expect(zipped.length).toBeLessThan(Buffer.byteLength(plain) / 20);
  });

  it('takes values longer than one stored block and empty ones', () => {
    const long = utf8('x'.repeat(70_000) + 'Ende');
    const values = { name: long, csrf: Buffer.alloc(0) };
    const zipped = filledGzip(template, values);
    expect(execFileSync('gzip', ['-dc'], { input: zipped, maxBuffer: 1 << 24 }).equals(filledPlain(template, values))).toBe(true);
  });

  it('combines CRCs as zlib computes them over the concatenation (zlib crc32_combine)', () => {
    const pieces = ['', 'a', 'Коваленко', 'x'.repeat(70_000), '\u0000\u00ff', 'Ende'].map(utf8);
    for (const a of pieces) {
      for (const b of pieces) {
        expect(crc32Combine(a.length ? crc32(a) : 0, b.length ? crc32(b) : 0, b.length)).toBe(crc32(Buffer.concat([a, b])));
      }
    }
  });

  it('refuses a template whose segments do not surround its slots', () => {
    expect(() => gzipTemplate([utf8('a')], ['name'])).toThrow();
  });
});

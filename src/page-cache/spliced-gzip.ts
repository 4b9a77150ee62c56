import { constants, crc32, deflateRawSync } from 'node:zlib';

/** gzip member header (RFC 1952 §2.3): deflate, no flags, no time, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

/** The most a stored deflate block holds (RFC 1951 §3.2.4: LEN is 16 bits). */
const STORED_MAX = 0xffff;

/**
 * A page as static segments with personal values between them (`slots[i]` comes after `segments[i]`),
 * each segment compressed once into raw deflate blocks (RFC 1951) that refer to nothing before them:
 * all but the last end in a sync flush (byte-aligned, not final), the last one is final.
 */
export interface GzipTemplate<K extends string> {
  segments: Buffer[];
  deflated: Buffer[];
  /** CRC-32 of each segment, so a request combines them instead of reading the whole page again. */
  crcs: number[];
  slots: K[];
}

export function gzipTemplate<K extends string>(segments: Buffer[], slots: K[]): GzipTemplate<K> {
  if (segments.length !== slots.length + 1) throw new Error('a template has one segment more than slots');
  const last = segments.length - 1;
  const deflated = segments.map((segment, i) => deflateRawSync(segment, i < last ? { finishFlush: constants.Z_SYNC_FLUSH } : {}));
  return { segments, deflated, crcs: segments.map((segment) => crcAfter(0, segment)), slots };
}

/** `value` as stored (uncompressed), non-final deflate blocks: nothing to compress per request. */
function storedBlocks(value: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < value.length; at += STORED_MAX) {
    const chunk = value.subarray(at, at + STORED_MAX);
    const head = Buffer.alloc(5);
    head[0] = 0; // BFINAL 0, BTYPE 00 (stored); the rest of the byte is padding
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    out.push(head, chunk);
  }
  return out;
}

/**
 * The page with these values in its slots as one gzip stream (RFC 1952), without compressing anything
 * now: the stored segments' blocks with the values as stored blocks between them, then the CRC-32 and
 * length of the whole. (What pigz does to compress in parallel; any gzip decoder reads it as one
 * ordinary stream.) The values are short — a name, a token — so they cost a few bytes uncompressed.
 */
/** CRC-32 of `data` continued from `crc`; empty data skipped (Node 20.20's zlib.crc32 answered 0 for an empty buffer here, test below). */
function crcAfter(crc: number, data: Buffer): number {
  return data.length === 0 ? crc : crc32(data, crc);
}

/*
 * crc32_combine of zlib (crc32.c, multmodp and x2nmodp): the CRC-32 of A followed by B from the CRCs of A
 * and B and the length of B, in O(log length) — Node exposes zlib's crc32 but not this. Checked against
 * zlib.crc32 of the concatenation in spliced-gzip.spec.ts.
 */
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial (reflected bit order). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p = (p ^ b) >>> 0;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? ((b >>> 1) ^ POLY) >>> 0 : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0…31. */
const X2N: number[] = (() => {
  const table: number[] = [];
  let p = 0x40000000; // x^1
  table.push(p);
  for (let n = 1; n < 32; n++) table.push((p = multModP(p, p)));
  return table;
})();

/** x^(n·2^k) modulo the polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC-32 of A then B, from crcA, crcB and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}

export function filledGzip<K extends string>(template: GzipTemplate<K>, values: Readonly<Record<K, Buffer>>): Buffer {
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  template.segments.forEach((segment, i) => {
    parts.push(template.deflated[i]);
    crc = crc32Combine(crc, template.crcs[i], segment.length);
    length += segment.length;
    if (i === template.slots.length) return;
    const value = values[template.slots[i]];
    parts.push(...storedBlocks(value));
    crc = crc32Combine(crc, crcAfter(0, value), value.length);
    length += value.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

/** The same page uncompressed. */
export function filledPlain<K extends string>(template: GzipTemplate<K>, values: Readonly<Record<K, Buffer>>): Buffer {
  const parts: Buffer[] = [];
  template.segments.forEach((segment, i) => {
    parts.push(segment);
    if (i < template.slots.length) parts.push(values[template.slots[i]]);
  });
  return Buffer.concat(parts);
}

import { ByteBoundedLru } from '../common/memory/byte-bounded-lru.js';

/** What the rendered card and event texts kept in memory may take, all collections together. */
export const DAV_TEXT_BUDGET_BYTES = 16 * 1024 * 1024;

/** Counted per text beside its bytes: the Buffer object, the map entry and the key. */
const ENTRY_OVERHEAD_BYTES = 128;

/**
 * Rendered texts by their ETag (a SHA-256 of the text, so a text found is always the text of that
 * ETag, whichever collection or content version asked): a card in the directory and in a body's
 * address book is kept once, and nothing kept can be stale. Bounded by bytes (least recently used
 * out first), not by a number of collections; what is not kept is rendered again when asked for.
 * Kept as UTF-8 bytes outside the JavaScript heap: most cards hold a character beyond Latin-1, which
 * V8 would store as two bytes per character (the 20,000-card directory: 21 MB as strings, 11 MB so).
 */
export class DavTextStore {
  private readonly texts: ByteBoundedLru<string, Buffer>;

  constructor(private budget = DAV_TEXT_BUDGET_BYTES) {
    this.texts = new ByteBoundedLru(budget, costOf);
  }

  get bytes(): number {
    return this.texts.bytes;
  }

  get size(): number {
    return this.texts.size;
  }

  /** Changes the budget (tests; 0 keeps nothing) and drops what no longer fits. */
  setBudget(bytes: number): void {
    this.budget = bytes;
    this.texts.setBudget(bytes);
  }

  get(etag: string): string | undefined {
    return this.texts.get(etag)?.toString('utf8');
  }

  put(etag: string, text: string): void {
    // the same ETag is the same text: just mark it as recently used
    if (this.texts.get(etag) !== undefined) return;
    const bytes = Buffer.from(text, 'utf8');
    if (costOf(bytes, etag) <= this.budget) this.texts.set(etag, bytes);
  }

  clear(): void {
    this.texts.clear();
  }
}

function costOf(bytes: Buffer, etag: string): number {
  return bytes.length + etag.length + ENTRY_OVERHEAD_BYTES;
}

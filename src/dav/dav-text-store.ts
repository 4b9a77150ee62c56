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
  private readonly texts = new Map<string, Buffer>();
  private used = 0;

  constructor(private budget = DAV_TEXT_BUDGET_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.texts.size;
  }

  /** Changes the budget (tests; 0 keeps nothing) and drops what no longer fits. */
  setBudget(bytes: number): void {
    this.budget = bytes;
    this.trim();
  }

  get(etag: string): string | undefined {
    const bytes = this.texts.get(etag);
    if (bytes === undefined) return undefined;
    this.texts.delete(etag);
    this.texts.set(etag, bytes);
    return bytes.toString('utf8');
  }

  put(etag: string, text: string): void {
    const old = this.texts.get(etag);
    if (old !== undefined) {
      // the same ETag is the same text: just mark it as recently used
      this.texts.delete(etag);
      this.texts.set(etag, old);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    const cost = costOf(etag, bytes);
    if (cost > this.budget) return;
    this.texts.set(etag, bytes);
    this.used += cost;
    this.trim();
  }

  clear(): void {
    this.texts.clear();
    this.used = 0;
  }

  private trim(): void {
    for (const [etag, bytes] of this.texts) {
      if (this.used <= this.budget) break;
      this.texts.delete(etag);
      this.used -= costOf(etag, bytes);
    }
  }
}

function costOf(etag: string, bytes: Buffer): number {
  return bytes.length + etag.length + ENTRY_OVERHEAD_BYTES;
}

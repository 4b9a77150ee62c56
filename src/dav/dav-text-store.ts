/** What the rendered card and event texts kept in memory may take, all collections together. */
export const DAV_TEXT_BUDGET_BYTES = 16 * 1024 * 1024;

/** Counted per text beside its characters: the map entry and the key. */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * Rendered texts by their ETag (a SHA-256 of the text, so a text found is always the text of that
 * ETag, whichever collection or content version asked): a card in the directory and in a body's
 * address book is kept once, and nothing kept can be stale. Bounded by bytes (least recently used
 * out first), not by a number of collections; what is not kept is rendered again when asked for.
 */
export class DavTextStore {
  private readonly texts = new Map<string, string>();
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
    const text = this.texts.get(etag);
    if (text !== undefined) {
      this.texts.delete(etag);
      this.texts.set(etag, text);
    }
    return text;
  }

  put(etag: string, text: string): void {
    const old = this.texts.get(etag);
    if (old !== undefined) {
      this.texts.delete(etag);
      this.used -= costOf(etag, old);
    }
    const cost = costOf(etag, text);
    if (cost > this.budget) return;
    this.texts.set(etag, text);
    this.used += cost;
    this.trim();
  }

  clear(): void {
    this.texts.clear();
    this.used = 0;
  }

  private trim(): void {
    for (const [etag, text] of this.texts) {
      if (this.used <= this.budget) break;
      this.texts.delete(etag);
      this.used -= costOf(etag, text);
    }
  }
}

/** Bytes of a string in V8: one per character when all are Latin-1, two otherwise. */
function costOf(etag: string, text: string): number {
  // eslint-disable-next-line no-control-regex
  const wide = /[^\u0000-\u00ff]/.test(text);
  return (wide ? 2 : 1) * text.length + etag.length + ENTRY_OVERHEAD_BYTES;
}

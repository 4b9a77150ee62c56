import type { GzipTemplate } from './spliced-gzip.js';

/** One stored answer: the headers the app set for it (not the per-request ones) and the bytes. */
export interface CachedAnswer {
  headers: [string, string | number | readonly string[]][];
  body: Buffer;
  /** ms since the epoch when it was stored. */
  storedAt: number;
  /** The body gzip-compressed, made when the answer is stored (answers of 1 KB and more). */
  gzipped?: Buffer;
  /** The body Brotli-compressed, added in the thread pool once the answer is reused (page-cache.middleware.ts). */
  brotli?: Buffer;
  /**
   * Members' pages (member-page-cache.ts): the body as static segments (views into `body`) around the
   * member's personal values, each segment compressed once.
   */
  template?: GzipTemplate<string>;
}

/** Memory an answer takes: its body and its compressed copies. */
function sizeOf(answer: Pick<CachedAnswer, 'body' | 'gzipped' | 'brotli' | 'template'>): number {
  return answer.body.length + (answer.gzipped?.length ?? 0) + (answer.brotli?.length ?? 0) + (answer.template?.deflated.reduce((n, b) => n + b.length, 0) ?? 0);
}

export interface PublicPageCacheOptions {
  /** Upper bound for the bytes of all stored bodies and their compressed copies. */
  maxBytes: number;
  /** An answer older than this is rendered again (time-dependent parts: "upcoming" meetings). */
  ttlMs: number;
  now?: () => number;
}

/**
 * Rendered answers for anonymous visitors, keyed by URL and the data they were rendered from
 * (content version and Berlin day). Least recently used answers go first once `maxBytes` is
 * reached; a single answer larger than an eighth of it is not kept at all.
 */
export class PublicPageCache {
  private readonly entries = new Map<string, { variant: string; answer: CachedAnswer }>();
  private bytes = 0;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PublicPageCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The answer stored for this URL if it was rendered from the same data (`variant`) and is fresh. */
  get(url: string, variant: string): CachedAnswer | undefined {
    const entry = this.entries.get(url);
    if (!entry || entry.variant !== variant || this.now() - entry.answer.storedAt > this.options.ttlMs) {
      this.misses++;
      return undefined;
    }
    // Map order is insertion order: move to the end, the most recently used.
    this.entries.delete(url);
    this.entries.set(url, entry);
    this.hits++;
    return entry.answer;
  }

  set(url: string, variant: string, answer: Omit<CachedAnswer, 'storedAt'>): void {
    if (sizeOf(answer) > this.options.maxBytes / 8) return;
    this.delete(url);
    this.entries.set(url, { variant, answer: { ...answer, storedAt: this.now() } });
    this.bytes += sizeOf(answer);
    this.evict();
  }

  /** Least recently used answers go until the stored bytes fit. */
  private evict(): void {
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(entry.answer);
    }
  }

  /** Adds the Brotli copy to an answer still stored under `url` (else it is dropped with it). */
  attachBrotli(url: string, answer: CachedAnswer, brotli: Buffer): void {
    const entry = this.entries.get(url);
    if (entry?.answer !== answer || answer.brotli) return;
    answer.brotli = brotli;
    this.bytes += brotli.length;
    this.evict();
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  private delete(url: string): void {
    const old = this.entries.get(url);
    if (!old) return;
    this.entries.delete(url);
    this.bytes -= sizeOf(old.answer);
  }
}

import { ByteBoundedLru } from '../common/memory/byte-bounded-lru.js';
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
  private readonly entries: ByteBoundedLru<string, { variant: string; answer: CachedAnswer }>;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PublicPageCacheOptions) {
    this.now = options.now ?? Date.now;
    this.entries = new ByteBoundedLru(options.maxBytes, (entry) => sizeOf(entry.answer));
  }

  /** The answer stored for this URL if it was rendered from the same data (`variant`) and is fresh. */
  get(url: string, variant: string): CachedAnswer | undefined {
    const entry = this.entries.peek(url);
    if (!entry || entry.variant !== variant || this.now() - entry.answer.storedAt > this.options.ttlMs) {
      this.misses++;
      return undefined;
    }
    this.entries.get(url); // now the most recently used
    this.hits++;
    return entry.answer;
  }

  /** Keeps an answer (not one larger than an eighth of the memory); returns it as stored. */
  set(url: string, variant: string, answer: Omit<CachedAnswer, 'storedAt'>): CachedAnswer {
    const stored = { ...answer, storedAt: this.now() };
    if (sizeOf(answer) <= this.options.maxBytes / 8) this.entries.set(url, { variant, answer: stored });
    return stored;
  }

  /** Adds the Brotli copy to an answer still stored under `url` (else it is dropped with it). */
  attachBrotli(url: string, answer: CachedAnswer, brotli: Buffer): void {
    if (this.entries.peek(url)?.answer !== answer || answer.brotli) return;
    answer.brotli = brotli;
    this.entries.resized(url);
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.entries.bytes;
  }
}

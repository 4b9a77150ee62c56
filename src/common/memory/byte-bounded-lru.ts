/**
 * A map bounded by the bytes its values take: when a set (or a value that grew) goes over the budget,
 * the least recently used other entries go first. `sizeOf` is asked when a value is set or resized and
 * its answer is kept with the entry. Map order is insertion order, so the first entry is the oldest;
 * `get` moves an entry to the end (recently used), `peek` leaves the order alone.
 * The one LRU of the page cache (answers), the DAV sync state (snapshots) and the DAV text store.
 */
export class ByteBoundedLru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  constructor(
    private budget: number,
    private readonly sizeOf: (value: V, key: K) => number,
  ) {}

  /** The bytes all values take, as `sizeOf` counted them. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, without counting it as used. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores the value as the most recently used; the oldest others go while the budget is exceeded. */
  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value, key);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    this.evictBeside(key);
  }

  /** Counts a value again after it changed in place (e.g. a copy was added to it). */
  resized(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const bytes = this.sizeOf(entry.value, key);
    this.used += bytes - entry.bytes;
    entry.bytes = bytes;
    this.evictBeside(key);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  /** Changes the budget and drops the oldest entries beyond it. */
  setBudget(bytes: number): void {
    this.budget = bytes;
    this.evictBeside(undefined);
  }

  private evictBeside(kept: K | undefined): void {
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget) break;
      if (key === kept) continue;
      this.entries.delete(key);
      this.used -= entry.bytes;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInBerlin } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContentVersionReader } from '../page-cache/content-version.reader.js';
import { PublicPageCache } from '../page-cache/public-page-cache.js';
import type { OparlAnswer } from './oparl-http.js';

/**
 * OParl answers per URL, kept while the content version and the Berlin day (current memberships,
 * member counts) stay the same — the rule the page cache applies to anonymous pages. Harvesters
 * fetch the same pages again and again; a page of 100 meetings is then served from memory.
 * Off with PAGE_CACHE_SECONDS=0 like the page cache.
 */
@Injectable()
export class OparlAnswerCache {
  private readonly cache: PublicPageCache | null;
  private readonly version: ContentVersionReader;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.version = new ContentVersionReader(dataSource);
    this.cache =
      config.pageCache.ttlSeconds === 0
        ? null
        : new PublicPageCache({ maxBytes: (config.pageCache.maxMegabytes * 1024 * 1024) / 4, ttlMs: config.pageCache.ttlSeconds * 1000 });
  }

  /** The stored answer for this URL and data, else a fresh one (stored); `refresh` (a client's no-cache) always builds anew. */
  async answer(url: string, produce: () => Promise<OparlAnswer>, refresh = false): Promise<OparlAnswer> {
    if (!this.cache) return produce();
    // Read before producing: a write committed meanwhile then only makes this entry stale, never wrong.
    const variant = `${await this.version.current()}|${todayInBerlin()}`;
    const hit = refresh ? undefined : this.cache.get(url, variant);
    if (hit) {
      const etag = hit.headers.find(([name]) => name === 'etag')?.[1];
      if (typeof etag === 'string') return { body: hit.body, etag };
    }
    const fresh = await produce();
    this.cache.set(url, variant, { headers: [['etag', fresh.etag]], body: fresh.body });
    return fresh;
  }
}

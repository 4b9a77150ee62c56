import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ContentVersionReader } from './content-version.reader.js';
import { publicPageCache } from './page-cache.middleware.js';
import { PublicPageCache } from './public-page-cache.js';

/** Installs the shared cache for anonymous answers (off with PAGE_CACHE_SECONDS=0). */
export function configurePageCache(app: NestExpressApplication, config: AppConfig): PublicPageCache | null {
  if (config.pageCache.ttlSeconds === 0) return null;
  const cache = new PublicPageCache({ maxBytes: config.pageCache.maxMegabytes * 1024 * 1024, ttlMs: config.pageCache.ttlSeconds * 1000 });
  app.use(publicPageCache(cache, new ContentVersionReader(app.get(DataSource))));
  return cache;
}

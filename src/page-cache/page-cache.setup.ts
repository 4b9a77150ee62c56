import { ModuleRef, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ContentVersionReader } from './content-version.reader.js';
import { MemberPageCache, MemberPageCacheInterceptor, memberPageCacheShortcut } from './member-page-cache.js';
import { publicPageCache } from './page-cache.middleware.js';
import { PublicPageCache } from './public-page-cache.js';

/**
 * Installs the shared cache for anonymous answers (before sessions and routing) and, in the same memory
 * budget, the one for members' pages of routes marked @MemberCache (both off with PAGE_CACHE_SECONDS=0).
 * Returns the installer of the members' shortcut, which must run after the session and viewer middleware
 * (app.setup.ts calls it after configureAuth).
 */
export function configurePageCache(app: NestExpressApplication, config: AppConfig): { installMemberShortcut: () => void } {
  if (config.pageCache.ttlSeconds === 0) return { installMemberShortcut: () => undefined };
  const cache = new PublicPageCache({ maxBytes: config.pageCache.maxMegabytes * 1024 * 1024, ttlMs: config.pageCache.ttlSeconds * 1000 });
  const versions = new ContentVersionReader(app.get(DataSource));
  app.use(publicPageCache(cache, versions));
  const member = new MemberPageCache(cache, versions);
  app.useGlobalInterceptors(new MemberPageCacheInterceptor(member, app.get(ModuleRef), app.get(Reflector)));
  return { installMemberShortcut: () => app.use(memberPageCacheShortcut(member)) };
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { DatabaseService } from './database/database.service.js';
import { SearchDocument } from './search/search-document.entity.js';
import { SearchIndexer } from './search/search-indexer.js';

/**
 * `npm run search:rebuild`: rebuilds the whole search index from the records (recovery after a
 * restore or a suspected drift), in one transaction: the running app keeps answering from the old
 * index until the new one is committed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...config, seedOnStart: false }), { logger: ['error', 'warn', 'log'] });
  const db = app.get(DatabaseService);
  await db.migrate();
  const count = await db.write(async (manager) => {
    await app.get(SearchIndexer).rebuildAll(manager);
    return manager.getRepository(SearchDocument).count();
  });
  console.log(`Suchindex neu aufgebaut: ${count} Einträge.`);
  await app.close();
}

void main();

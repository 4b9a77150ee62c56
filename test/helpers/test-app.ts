import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: App;
  config: AppConfig;
  close: () => Promise<void>;
}

/**
 * The real app (configureApp, real migrations, real seeds) on a fresh database: a temporary SQLite
 * file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set. Demo data is off unless asked
 * for, so tests see the Schwerin data plus what they create.
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  // A given databasePath means "this test's shared database" (also on PostgreSQL); an explicit
  // databaseUrl (null forces SQLite) wins over TEST_DATABASE_URL.
  const db = await createTestDatabase(overrides.databasePath);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' }),
    seedDemo: false,
    logLevel: 'error',
    ...overrides,
    databasePath: db.databasePath,
    databaseUrl: overrides.databaseUrl !== undefined ? overrides.databaseUrl : (db.databaseUrl ?? null),
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error'] });
  await configureApp(app);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

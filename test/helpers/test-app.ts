import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';

export interface TestApp {
  app: NestExpressApplication;
  http: App;
  config: AppConfig;
  close: () => Promise<void>;
}

/**
 * The real app (configureApp, real migrations, real seeds) on a fresh temporary SQLite file.
 * Demo data is off unless asked for, so tests see the Schwerin data plus what they create.
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'netzwerk-test-'));
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' }),
    databasePath: join(dir, 'test.sqlite'),
    seedDemo: false,
    ...overrides,
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

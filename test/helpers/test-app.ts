import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { firstStartSuite } from './suites.js';
import { createTestDatabase, type DatabaseTemplate } from './test-database.js';

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
 *
 * The database is a copy of a template that the app's real first start built once per test run
 * (migrations, seeds, search index, first administrator, demo accounts — see `firstStartTemplate`),
 * so this start finds everything done, exactly as on a restart. A fresh, empty database (the first
 * start happens in the test) is used when the test passes a `databasePath` (its own shared
 * database), turns `seedOnStart` off, or its file is listed in test/suites.json as a first-start suite.
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const base: AppConfig = { ...loadConfig({ NODE_ENV: 'test' }), seedDemo: false, logLevel: 'error', ...overrides };
  // A given databasePath means "this test's shared database" (also on PostgreSQL); an explicit
  // databaseUrl (null forces SQLite) wins over TEST_DATABASE_URL.
  const explicitUrl = overrides.databaseUrl;
  const fresh = overrides.databasePath !== undefined || typeof explicitUrl === 'string' || !base.seedOnStart || firstStartSuite();
  const serverUrl = explicitUrl === null ? undefined : process.env.TEST_DATABASE_URL;
  const db = await createTestDatabase(overrides.databasePath, fresh ? undefined : firstStartTemplate(base), serverUrl);
  const config: AppConfig = {
    ...base,
    // Backups go into the test's own folder (not ./data/backups, which parallel jest workers would share).
    backupDir: overrides.backupDir ?? join(dirname(db.databasePath), 'backups'),
    databasePath: db.databasePath,
    databaseUrl: explicitUrl !== undefined ? explicitUrl : (db.databaseUrl ?? null),
  };
  const app = await startApp(config);
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

async function startApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error'] });
  try {
    await configureApp(app);
    await app.init();
  } catch (e) {
    await app.close();
    throw e;
  }
  return app;
}

/**
 * The database as the app's first start with these settings leaves it. Named by everything the
 * first start writes from the config (demo data, the first administrator) and built from the test
 * defaults plus those settings, so its content does not depend on which test needed it first.
 */
export function firstStartTemplate(config: AppConfig): DatabaseTemplate {
  const settings = { seedDemo: config.seedDemo, adminEmail: config.adminEmail, adminPassword: config.adminPassword };
  const digest = createHash('sha1').update(JSON.stringify(settings)).digest('hex').slice(0, 10);
  return {
    name: `start_${config.seedDemo ? 'demo' : 'base'}_${digest}`,
    build: async (location) => {
      const defaults = loadConfig({ NODE_ENV: 'test' });
      const app = await startApp({
        ...defaults,
        ...settings,
        logLevel: 'error',
        mail: { ...defaults.mail, worker: false },
        databasePath: location.databasePath,
        databaseUrl: location.databaseUrl ?? null,
      });
      await app.close();
    },
  };
}

import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '../../src/config/config.module.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { APP_SCHEMA } from '../../src/app.entities.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { firstStartTemplate } from './test-app.js';
import { createTestDatabase } from './test-database.js';

type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface TestModule {
  module: TestingModule;
  config: AppConfig;
  close: () => Promise<void>;
}

/**
 * The middle tier between unit and e2e tests (test/integration): the modules under test with the
 * real ConfigModule and DatabaseModule, on a copy of this run's database template — migrated and
 * seeded exactly as the app's first start leaves it — but without HTTP, views or app start.
 * SQLite by default, PostgreSQL when TEST_DATABASE_URL is set (as in `npm run test:postgres`).
 */
export async function createTestModule(imports: ModuleImport[], overrides: Partial<AppConfig> = {}): Promise<TestModule> {
  const base: AppConfig = { ...loadConfig({ NODE_ENV: 'test' }), seedDemo: false, logLevel: 'error', ...overrides };
  const db = await createTestDatabase(undefined, firstStartTemplate(base));
  const config: AppConfig = { ...base, databasePath: db.databasePath, databaseUrl: db.databaseUrl ?? null };
  const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(APP_SCHEMA), ...imports] })
    .setLogger({ log() {}, warn() {}, error: (m: unknown) => console.error(m) })
    .compile();
  await module.init();
  return {
    module,
    config,
    close: async () => {
      await module.close();
      await db.drop();
    },
  };
}

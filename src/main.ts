import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { StartupRefusedError } from './auth/auth-bootstrap.service.js';
import { ConfigError, loadConfig } from './config/app-config.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  await configureApp(app);
  await app.listen(config.port, config.host);
  const where = config.databaseUrl ? 'PostgreSQL' : config.databasePath;
  new Logger('Bootstrap').log(`Netzwerk Migration läuft auf ${config.baseUrl} (Datenbank: ${where})`);
}

bootstrap().catch((e: unknown) => {
  // Problems an operator must fix get one clear German line, not a stack trace.
  if (e instanceof ConfigError || e instanceof StartupRefusedError) {
    console.error(e.message);
  } else {
    console.error('Der Start ist fehlgeschlagen:', e);
  }
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { DatabaseService } from './database/database.service.js';
import { SeederService } from './seeder.service.js';

/** `npm run seed`: migrate and seed the configured database without starting the web server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...config, seedOnStart: false }), { logger: ['error', 'warn', 'log'] });
  await app.get(DatabaseService).migrate();
  const created = await app.get(SeederService).seed({ demo: config.seedDemo, force: true });
  console.log(`Seeds geladen: ${created} neue Datensätze.`);
  await app.close();
}

void main();

import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** The ceiling: a bare NestJS app on the same Express adapter answering a constant string. */
@Controller()
class CeilingController {
  @Get()
  hello(): string {
    return 'Netzwerk Migration';
  }
}

@Module({ controllers: [CeilingController] })
class CeilingModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(CeilingModule, { logger: false });
  app.disable('x-powered-by');
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.send?.('ready');
}

void main();

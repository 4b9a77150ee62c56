import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';

/** The bytes of the cached body feed as the app sends them gzip-compressed (CEILING_BYTES_FILE), if given. */
const bytes = process.env.CEILING_BYTES_FILE ? readFileSync(process.env.CEILING_BYTES_FILE) : Buffer.alloc(0);

/**
 * The ceiling: a bare NestJS app on the same Express adapter answering a constant string; and, for
 * the cached feed, the same constant answer with the feed's compressed bytes (what moving them
 * alone costs on this machine, the load generator's share included).
 */
@Controller()
class CeilingController {
  @Get()
  hello(): string {
    return 'Netzwerk Migration';
  }

  @Get('bytes')
  feedBytes(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Encoding', 'gzip');
    res.end(bytes);
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

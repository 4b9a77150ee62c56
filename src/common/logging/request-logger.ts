import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';
import { redactPath } from './redact.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * One log entry per request: method, path without query and secrets, status, duration and a
 * request id (taken from X-Request-Id when a proxy sets a sane one, else new), which is also
 * returned in the X-Request-Id header. Never bodies, cookies, query strings or personal data.
 */
export function requestLogger(logger: LoggerService, config: Pick<AppConfig, 'logFormat'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { requestId: id, method: req.method, path: redactPath(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      const line = `${entry.method} ${entry.path} ${entry.status} ${entry.ms} ms [${id}]`;
      if (res.statusCode >= 500) logger.error(line, undefined, 'HTTP');
      else logger.log(config.logFormat === 'json' ? entry : line, 'HTTP');
    });
    next();
  };
}

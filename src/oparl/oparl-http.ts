import { createHash } from 'node:crypto';
import { HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isNotModified } from '../common/http/conditional-get.js';
import { OparlBadRequest } from './oparl-list.js';
import { canonicalIdSegment, oparlType } from './oparl-urls.js';
import { OparlNotFound } from './oparl.service.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const logger = new Logger('OParl');

/** Headers every OParl answer carries, errors and 304s included: every web page may read the data (CORS). */
export function setOparlHeaders(res: Response): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Last-Modified, Location');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Answers CORS preflights under /oparl (a harvester in a browser that sends If-None-Match asks first). */
export function oparlPreflight(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'OPTIONS') sendPreflight(res);
  else next();
}

function sendPreflight(res: Response): void {
  setOparlHeaders(res);
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since, Accept, Cache-Control');
  res.setHeader('Access-Control-Max-Age', '86400');
  res.status(204).end();
}

/** An OParl Error object with its status. */
export function sendOparlError(req: Request, res: Response, status: number, message: string): void {
  setOparlHeaders(res);
  res.setHeader('Cache-Control', 'no-cache');
  const body = Buffer.from(JSON.stringify({ type: oparlType('Error'), message }), 'utf8');
  res.status(status).setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Serialised JSON with its validator, as sent (and as kept in the answer cache). */
export interface OparlAnswer {
  body: Buffer;
  etag: string;
}

export function oparlAnswer(value: unknown): OparlAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** Sends the JSON (200) or 304 when the client's ETag matches (the app's one conditional-GET rule). */
export function sendOparlAnswer(req: Request, res: Response, answer: OparlAnswer): void {
  setOparlHeaders(res);
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', 'public, no-cache');
  if (isNotModified(req, res)) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', String(answer.body.length));
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

/**
 * A non-canonical form of an OParl URL (a trailing slash, an id with leading zeros) → the canonical one,
 * query kept; null when the request already uses it.
 */
export function canonicalRedirect(req: Request): string | null {
  const path = req.path;
  const segments = path.replace(/\/+$/, '').split('/');
  const canonical = segments.map((s) => canonicalIdSegment(s) ?? s).join('/');
  if (canonical !== path) {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    return `${canonical}${query}`;
  }
  return null;
}

/** Every failure as an OParl Error object: bad parameters 400, unknown or never public objects 404, the rest 500. */
export function sendFailure(req: Request, res: Response, error: unknown): void {
  if (error instanceof OparlBadRequest) return sendOparlError(req, res, 400, error.message);
  if (error instanceof OparlNotFound) return sendOparlError(req, res, 404, 'Dieses Objekt gibt es in dieser OParl-Schnittstelle nicht.');
  if (error instanceof HttpException && error.getStatus() < 500) return sendOparlError(req, res, error.getStatus(), 'Die Anfrage kann so nicht beantwortet werden.');
  logger.error(`${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  sendOparlError(req, res, 500, 'Leider ist ein Fehler aufgetreten. Bitte später erneut versuchen.');
}

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ERROR, LIST_PAGE, SCHEMA_BY_TYPE, TOMBSTONE } from './oparl-schemas.js';

type Json = Record<string, unknown>;

// ajv-formats is CommonJS: under native ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Schema errors of a value (empty when valid), with where they are. */
export function schemaErrors(schema: object, value: unknown, where: string): string[] {
  const v = validator(schema);
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Errors of one OParl object: tombstone schema when deleted, else the schema of its type. */
export function objectErrors(value: unknown, where: string): string[] {
  if (typeof value !== 'object' || value === null) return [`${where}: not an object`];
  const o = value as Json;
  if (o.deleted === true) return schemaErrors(TOMBSTONE, o, where);
  const schema = typeof o.type === 'string' ? SCHEMA_BY_TYPE[o.type] : undefined;
  if (!schema) return [`${where}: unknown type ${String(o.type)}`];
  return schemaErrors(schema, o, where);
}

export function errorObjectErrors(value: unknown, where: string): string[] {
  return schemaErrors(ERROR, value, where);
}

/** An OParl URL of this server → the path supertest requests. */
export function pathOf(baseUrl: string, url: string): string {
  if (!url.startsWith(`${baseUrl}/oparl/`)) throw new Error(`not an OParl URL of this server: ${url}`);
  return url.slice(baseUrl.length);
}

/** Every string in a JSON value that is an OParl URL of this server (ids, references, list URLs). */
function oparlUrls(value: unknown, baseUrl: string, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.startsWith(`${baseUrl}/oparl/`)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) oparlUrls(v, baseUrl, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) oparlUrls(v, baseUrl, out);
  }
}

export interface Harvest {
  /** Every object fetched under its own URL, by id. */
  objects: Map<string, Json>;
  /** Every object seen in a list, by id (with the list URL it came from). */
  listed: Map<string, { object: Json; list: string }>;
  /** Every list page fetched, by URL. */
  pages: Map<string, Json>;
  /** Problems: schema errors, wrong headers or status, broken rules. Empty for a conformant server. */
  problems: string[];
}

/**
 * Harvests like an OParl client: from `system`, follows every list's links.next and every object
 * URL found anywhere (unless `followObjects` is off: then one list, page by page), validating each
 * answer (status, JSON content type, CORS, ETag) and each object.
 */
export async function harvest(http: App, baseUrl: string, start = `${baseUrl}/oparl/v1.1/system`, extraQuery = '', followObjects = true): Promise<Harvest> {
  const h: Harvest = { objects: new Map(), listed: new Map(), pages: new Map(), problems: [] };
  const queue: string[] = [start];
  const seen = new Set<string>(queue);
  const enqueue = (url: string) => {
    if (!seen.has(url)) {
      seen.add(url);
      queue.push(url);
    }
  };
  while (queue.length > 0) {
    const url = queue.shift() as string;
    const path = pathOf(baseUrl, url);
    const res = await request(http).get(path.includes('?') || !extraQuery ? path : `${path}?${extraQuery}`);
    if (res.status !== 200) {
      h.problems.push(`${path}: status ${res.status}`);
      continue;
    }
    if (res.headers['content-type'] !== 'application/json; charset=utf-8') h.problems.push(`${path}: content-type ${String(res.headers['content-type'])}`);
    if (res.headers['access-control-allow-origin'] !== '*') h.problems.push(`${path}: no CORS header`);
    if (!res.headers.etag) h.problems.push(`${path}: no ETag`);
    const body = res.body as Json;
    const found = new Set<string>();
    if ('data' in body) {
      h.problems.push(...schemaErrors(LIST_PAGE, body, path));
      h.pages.set(url, body);
      const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
      data.forEach((o, i) => {
        h.problems.push(...objectErrors(o, `${path} data[${i}]`));
        if (typeof o.id === 'string') h.listed.set(o.id, { object: o, list: url });
      });
      const links = body.links as Json;
      if (typeof links.next === 'string') enqueue(links.next);
      oparlUrls(data, baseUrl, found);
    } else {
      h.problems.push(...objectErrors(body, path));
      if (body.id !== url) h.problems.push(`${path}: id ${String(body.id)} is not its URL`);
      h.objects.set(url, body);
      oparlUrls(body, baseUrl, found);
    }
    if (followObjects) for (const u of found) enqueue(u);
  }
  return h;
}

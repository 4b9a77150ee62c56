import type { TestApp } from './test-app.js';

/** Every METHOD /path the app's Express router serves (middleware-only entries once), sorted. */
export function registeredRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack as { route?: { path: unknown; methods: Record<string, boolean> } }[]) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...routes].sort();
}

/** The route's method and path pattern, e.g. ['POST', '/personen/:id/bearbeiten']. */
export function splitRoute(route: string): [method: string, pattern: string] {
  const space = route.indexOf(' ');
  return [route.slice(0, space), route.slice(space + 1)];
}

/** The parameter names of a path pattern, with the path segment before each (`/gremien/:id` → [['gremien', 'id']]). */
export function routeParams(pattern: string): { before: string; name: string }[] {
  const params: { before: string; name: string }[] = [];
  const segments = pattern.split('/');
  segments.forEach((segment, i) => {
    const match = /^:([A-Za-z_]\w*)/.exec(segment);
    if (match) params.push({ before: segments[i - 1] ?? '', name: match[1] });
  });
  return params;
}

/**
 * Percent-encodes every UTF-8 byte outside the unreserved set; unlike encodeURIComponent it never
 * throws (a lone surrogate becomes U+FFFD, as a browser sends it).
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Builds a URL from a path pattern; `valueOf` gives each parameter's value (percent-encoded here). */
export function fillRoute(pattern: string, valueOf: (param: { before: string; name: string; pattern: string }) => string): string {
  const segments = pattern.split('/');
  return segments
    .map((segment, i) =>
      segment.replace(/^:([A-Za-z_]\w*)/, (_all, name: string) => percentEncode(valueOf({ before: segments[i - 1] ?? '', name, pattern }))),
    )
    .join('/');
}

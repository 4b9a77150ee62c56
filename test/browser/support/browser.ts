import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/** Debian's Chromium (CI installs it with `apt-get install -y chromium`); never a downloaded browser build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The administrator the browser tests log in as (passed to the app as ADMIN_EMAIL/ADMIN_PASSWORD). */
export const ADMIN = { email: 'admin@example.org', password: 'Browser-Admin am Pfaffenteich 2026' } as const;

/** Where the accessibility statement tells visitors to report barriers (ACCESSIBILITY_CONTACT). */
export const ACCESSIBILITY_CONTACT = 'barrierefreiheit@example.org';

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 360, height: 780 } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserHandle {
  browser: Browser;
  /** A fresh context (own cookies = own session) at the given width; closed with the browser. */
  newContext: (viewport?: { width: number; height: number }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/**
 * One headless Chromium per test file. The profile is always fresh: Playwright refuses a
 * `--user-data-dir` argument to launch() because it mkdtemps its own profile folder
 * (`playwright_chromiumdev_profile-*`), passes it as --user-data-dir and removes it on close.
 * Each role (visitor, member, chair …) gets its own context, i.e. its own cookies and session.
 */
export async function launchBrowser(): Promise<BrowserHandle> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    newContext: async (viewport = DESKTOP) => {
      const context = await browser.newContext({
        viewport,
        acceptDownloads: true,
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context;
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** A free TCP port on 127.0.0.1 (so BASE_URL — used in links, feeds and the CSRF origin check — is the real address). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  url: (path: string) => string;
  close: () => Promise<void>;
}

/**
 * The real app with demo data, listening on 127.0.0.1 for the browser. The port is chosen before the app
 * starts (BASE_URL names it); when another process took it in the meantime (npm test runs the browser
 * pass beside the PostgreSQL pass), the app starts again on a new port.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const t = await createTestApp({
      seedDemo: true,
      port,
      host: '127.0.0.1',
      baseUrl,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      accessibilityContact: ACCESSIBILITY_CONTACT,
    });
    try {
      await t.app.listen(port, '127.0.0.1');
    } catch (e) {
      await t.close();
      if (attempt < 3 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw e;
    }
    return { t, baseUrl, url: (path) => `${baseUrl}${path}`, close: () => t.close() };
  }
}

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { HtmlCollector } from '../helpers/html-validity.js';
import { DEMO_CHAIR, DEMO_MEMBER, DEMO_SECRETARY } from '../../src/auth/demo-accounts.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { ACCESSIBILITY_CONTACT, ADMIN, DESKTOP, launchBrowser, PHONE, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { approvedDemoMinutesMeeting, boardMeetings, directoryIds, type BoardMeetings, type DirectoryIds } from './support/fixtures.js';
import { focused, focusPageStart, pressAndLoad, type DomWindow } from './support/keyboard.js';
import { focusIndicator, headerLayout, horizontalOverflow, structureProblems } from './support/page-checks.js';
import { login } from './support/session.js';
import { demoCircularId, demoPollId } from './support/polls.js';

/**
 * Screenshots are taken on every run; they replace the ones in docs/screenshots (shown in the README)
 * only with UPDATE_SCREENSHOTS=1 (`npm run screenshots`), so a test run leaves the work tree clean.
 */
/** The header is one line from 1024 px on: measured 63 px high at 1280 px (every role); a second line would add about 40 px. */
const ONE_LINE_HEADER_PX = 72;

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : join(tmpdir(), 'netzwerk-screenshots');

type Role = 'visitor' | 'member' | 'chair' | 'secretary' | 'admin';

interface PageCase {
  /** Test name and, with `screenshot`, the file name stem. */
  name: string;
  role: Role;
  /** Opens the page (and e.g. submits a form to show its errors); returns the expected HTTP status. */
  open: (page: Page) => Promise<number | null>;
  status?: number;
  /** Without the site layout (print views). */
  bare?: boolean;
  screenshot?: string;
}

/**
 * Every page type, anonymous and logged in, at desktop (1280 px) and phone (360 px) width: axe-core
 * with the WCAG 2.0/2.1 A and AA rules must find nothing; structure (lang, one h1, landmarks, labels,
 * errors tied to fields), reflow at both widths (no sideways scrolling but in a marked scroll container) and
 * a one-line header at 1280 px are checked too. One Chromium, one page per role, reused.
 */
describe('accessibility of every page type (axe-core, WCAG 2.1 AA)', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  let ids: DirectoryIds;
  let meetings: BoardMeetings;
  let approvedMinutes: number;
  let poll: number;
  let circular: number;
  const pages = new Map<Role, Page>();
  /** The HTML each page type came with (as the server sent it), checked in one run of the Nu Html Checker at the end. */
  const html = new HtmlCollector();
  const lastDocument = new Map<Page, Response>();
  let casesRun = 0;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    ids = await directoryIds(app);
    meetings = await boardMeetings(app, 'Sondersitzung Sprachmittlung');
    approvedMinutes = await approvedDemoMinutesMeeting(app);
    poll = await demoPollId(app);
    circular = await demoCircularId(app);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const accounts: Record<Exclude<Role, 'visitor'>, { email: string; password: string }> = {
      member: DEMO_MEMBER,
      chair: DEMO_CHAIR,
      secretary: DEMO_SECRETARY,
      admin: ADMIN,
    };
    for (const role of ['visitor', 'member', 'chair', 'secretary', 'admin'] as const) {
      const page = await (await browser.newContext(DESKTOP)).newPage();
      if (role !== 'visitor') await login(page, app.baseUrl, accounts[role].email, accounts[role].password);
      page.on('response', (response) => {
        const isPage = response.request().isNavigationRequest() && response.frame() === page.mainFrame() && (response.status() < 300 || response.status() >= 400);
        if (isPage && (response.headers()['content-type'] ?? '').startsWith('text/html')) lastDocument.set(page, response);
      });
      pages.set(role, page);
    }
  });
  afterAll(async () => {
    html.dispose();
    await browser?.close();
    await app?.close();
  });

  const goto = (path: () => string) => async (page: Page) => (await page.goto(app.url(path())))?.status() ?? null;
  /** Opens a form and submits it as it is (empty or with the given values) to show its errors. */
  const failedForm =
    (path: () => string, submit: string, fill: Record<string, string> = {}) =>
    async (page: Page): Promise<number | null> => {
      await page.goto(app.url(path()));
      for (const [selector, value] of Object.entries(fill)) await page.fill(selector, value);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]', { hasText: submit }).first().click()]);
      return response?.status() ?? null;
    };
  const minutes = (suffix = ''): string => `/sitzungen/${meetings.heldId}/protokoll${suffix}`;

  const cases: PageCase[] = [
    { name: 'start page', role: 'visitor', open: goto(() => '/'), screenshot: 'start' },
    { name: 'search with results', role: 'visitor', open: goto(() => '/suche?q=avram'), screenshot: 'suche' },
    { name: 'search over meetings, agendas and minutes (grouped, snippets)', role: 'member', open: goto(() => '/suche?q=Sprache') },
    { name: 'search with unusable filters (422)', role: 'visitor', open: goto(() => '/suche?q=Integration&von=kaputt'), status: 422 },
    { name: 'people list', role: 'visitor', open: goto(() => '/personen'), screenshot: 'personen' },
    { name: 'person page (contact card)', role: 'visitor', open: goto(() => `/personen/${ids.avramenko}`), screenshot: 'person' },
    { name: 'organisations list', role: 'visitor', open: goto(() => '/organisationen') },
    { name: 'organisation page', role: 'visitor', open: goto(() => `/organisationen/${ids.fachstelle}`), screenshot: 'organisation' },
    { name: 'bodies list', role: 'visitor', open: goto(() => '/gremien') },
    { name: 'body page', role: 'visitor', open: goto(() => `/gremien/${ids.begleitbeirat}`), screenshot: 'gremium' },
    { name: 'meetings list', role: 'visitor', open: goto(() => '/sitzungen'), screenshot: 'sitzungen' },
    { name: 'meetings month view', role: 'visitor', open: goto(() => '/sitzungen/monat') },
    // A month without meetings has no links in the grid: its scrolling region must still take the focus.
    { name: 'meetings month view without meetings', role: 'visitor', open: goto(() => '/sitzungen/monat/2019-02') },
    { name: 'meeting page', role: 'visitor', open: goto(() => `/sitzungen/${meetings.heldId}`) },
    { name: 'calendar subscription page', role: 'visitor', open: goto(() => '/kalender') },
    { name: 'decisions register', role: 'visitor', open: goto(() => '/beschluesse') },
    { name: 'approved minutes (public part)', role: 'visitor', open: goto(() => `/sitzungen/${approvedMinutes}/protokoll`), screenshot: 'protokoll' },
    { name: 'approved minutes: print view', role: 'visitor', open: goto(() => `/sitzungen/${approvedMinutes}/protokoll/druck`), bare: true },
    { name: 'login', role: 'visitor', open: goto(() => '/anmelden') },
    { name: 'login with errors', role: 'visitor', open: failedForm(() => '/anmelden', 'Anmelden'), status: 422, screenshot: 'anmelden-fehler' },
    { name: 'error 404', role: 'visitor', open: goto(() => '/gibt-es-nicht'), status: 404 },
    { name: 'forgot password', role: 'visitor', open: goto(() => '/passwort-vergessen') },
    { name: 'forgot password with errors', role: 'visitor', open: failedForm(() => '/passwort-vergessen', 'Link zuschicken', { '#passwort-vergessen-email': 'keine-adresse' }), status: 422 },
    { name: 'accessibility statement', role: 'visitor', open: goto(() => '/barrierefreiheit'), screenshot: 'barrierefreiheit' },

    { name: 'start page', role: 'member', open: goto(() => '/') },
    { name: 'person page (contact card)', role: 'member', open: goto(() => `/personen/${ids.avramenko}`) },
    { name: 'account', role: 'member', open: goto(() => '/konto') },
    { name: 'Meine Seite', role: 'member', open: goto(() => '/meine-seite') },
    { name: 'change e-mail address with errors', role: 'member', open: failedForm(() => '/konto/email', 'Bestätigungslink schicken', { '#email-aendern-newEmail': 'keine-adresse' }), status: 422 },
    {
      name: 'own entry (Mein Eintrag) with errors',
      role: 'member',
      open: async (page) => {
        await page.goto(app.url('/meine-seite'));
        await Promise.all([page.waitForNavigation(), page.locator('main a', { hasText: 'Meinen Eintrag bearbeiten' }).click()]);
        await page.fill('#eintrag-phone1', 'ruf mich an');
        const [response] = await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]', { hasText: 'Änderungen speichern' }).click()]);
        return response?.status() ?? null;
      },
      status: 422,
    },
    { name: 'change password with errors', role: 'member', open: failedForm(() => '/konto/passwort', 'Passwort ändern', { '#passwort-newPassword': 'kurz' }), status: 422 },
    { name: 'device passwords with errors', role: 'member', open: failedForm(() => '/konto/geraete', 'Gerätepasswort anlegen'), status: 422 },
    { name: 'device password created (shown once)', role: 'member', open: failedForm(() => '/konto/geraete', 'Gerätepasswort anlegen', { '#geraetepasswort-name': 'iPhone' }), status: 201 },
    { name: 'action items', role: 'member', open: goto(() => '/aufgaben'), screenshot: 'aufgaben' },
    { name: 'approved minutes (all items)', role: 'member', open: goto(() => `/sitzungen/${approvedMinutes}/protokoll`) },
    { name: 'meetings list', role: 'member', open: goto(() => '/sitzungen') },
    { name: 'meeting page with the answer form', role: 'member', open: goto(() => `/sitzungen/${meetings.laterId}`), screenshot: 'sitzung-antwort' },
    {
      name: 'calendar page with the personal feed address',
      role: 'member',
      open: async (page) => {
        await page.goto(app.url('/kalender'));
        const create = page.locator('main button', { hasText: 'Persönliche Kalender-Adresse erzeugen' });
        if ((await create.count()) > 0) await Promise.all([page.waitForNavigation(), create.click()]);
        return (await page.goto(app.url('/kalender')))?.status() ?? null;
      },
      screenshot: 'kalender',
    },

    { name: 'meeting page with management', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}`) },
    { name: 'meeting form with errors', role: 'chair', open: failedForm(() => '/sitzungen/neu', 'Speichern', { '#sitzung-title': '', '#sitzung-date': '' }), status: 422, screenshot: 'sitzung-planen-fehler' },
    { name: 'agenda editor', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/tagesordnung`), screenshot: 'tagesordnung' },
    { name: 'invitation letter', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/einladung`) },
    { name: 'locations', role: 'chair', open: goto(() => '/orte') },
    { name: 'new location form', role: 'chair', open: goto(() => '/orte/neu') },
    { name: 'meeting series form', role: 'chair', open: goto(() => '/sitzungen/serie/neu') },
    { name: 'postpone form', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/verschieben`) },
    { name: 'cancel form with errors', role: 'chair', open: failedForm(() => `/sitzungen/${meetings.laterId}/absagen`, 'absagen'), status: 422 },
    { name: 'mails of a meeting', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/versand`) },
    { name: 'invitation confirmation', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/einladen`) },
    { name: 'postponement preview', role: 'chair', open: goto(() => `/sitzungen/${meetings.laterId}/verschieben/vorschau?date=2031-03-04&startTime=18:00&endTime=20:00&answers=auto`) },
    { name: 'reminder settings of a body', role: 'chair', open: goto(() => `/gremien/${ids.begleitbeirat}/erinnerungen`) },
    { name: 'date polls of a body', role: 'chair', open: goto(() => `/gremien/${ids.begleitbeirat}/terminumfragen`) },
    { name: 'date poll: matrix of the answers', role: 'chair', open: goto(() => `/terminumfragen/${poll}/auswertung`) },
    { name: 'date poll: new poll with errors', role: 'chair', open: failedForm(() => `/gremien/${ids.begleitbeirat}/terminumfragen/neu`, 'Umfrage verschicken', { '#umfrage-title': '', '#umfrage-date1': '' }), status: 422 },
    { name: 'date poll: answer form', role: 'member', open: goto(() => `/terminumfragen/${poll}`) },
    { name: 'circulars of a body', role: 'member', open: goto(() => `/gremien/${ids.begleitbeirat}/rundschreiben`) },
    { name: 'circular: text for members', role: 'member', open: goto(() => `/rundschreiben/${circular}`) },
    { name: 'circular: delivery status', role: 'chair', open: goto(() => `/rundschreiben/${circular}`) },
    { name: 'circular: form with errors', role: 'chair', open: failedForm(() => `/gremien/${ids.begleitbeirat}/rundschreiben/neu`, 'Vorschau'), status: 422 },
    { name: 'circular: preview with recipients', role: 'chair', open: failedForm(() => `/gremien/${ids.begleitbeirat}/rundschreiben/neu`, 'Vorschau', { '#rundschreiben-subject': 'Hinweis', '#rundschreiben-text': 'Hallo *alle*' }), status: 200 },

    { name: 'minutes: start', role: 'secretary', open: goto(() => minutes()) },
    {
      name: 'minutes: editor',
      role: 'secretary',
      screenshot: 'protokoll-editor',
      open: async (page) => {
        if ((await page.goto(app.url(minutes())))?.status() !== 200) return null;
        if ((await page.locator('main button', { hasText: 'Protokoll anlegen' }).count()) === 1) {
          await Promise.all([page.waitForNavigation(), page.locator('main button', { hasText: 'Protokoll anlegen' }).click()]);
        }
        return (await page.goto(app.url(minutes('/bearbeiten'))))?.status() ?? null;
      },
    },
    { name: 'minutes: decision form with errors', role: 'secretary', open: failedForm(() => minutes('/beschluesse/neu'), 'Beschluss speichern'), status: 422 },
    { name: 'minutes: action item form with errors', role: 'secretary', open: failedForm(() => minutes('/aufgaben/neu'), 'speichern'), status: 422 },
    { name: 'minutes: attendance', role: 'secretary', open: goto(() => minutes('/anwesenheit')), screenshot: 'anwesenheit' },
    { name: 'minutes: approval form with errors', role: 'secretary', open: failedForm(() => minutes('/genehmigen'), 'Als genehmigt eintragen'), status: 422 },
    { name: 'minutes: page', role: 'secretary', open: goto(() => minutes()) },
    { name: 'minutes: print view', role: 'secretary', open: goto(() => minutes('/druck')), bare: true },

    { name: 'admin: accounts', role: 'admin', open: goto(() => '/admin/konten') },
    { name: 'admin: new account with errors', role: 'admin', open: failedForm(() => '/admin/konten/neu', 'Konto anlegen', { '#konto-email': 'keine-adresse' }), status: 422 },
    { name: 'admin: audit log', role: 'admin', open: goto(() => '/admin/protokoll'), screenshot: 'admin-protokoll' },
    { name: 'admin: topics (Themen und Angebote)', role: 'admin', open: goto(() => '/admin/themen') },
    { name: 'admin: new topic with errors', role: 'admin', open: failedForm(() => '/admin/themen', 'Hinzufügen'), status: 422 },
    {
      name: 'admin: rename a topic',
      role: 'admin',
      open: async (page: Page) => {
        await page.goto(app.url('/admin/themen'));
        const href = await page.locator('main a[href$="/umbenennen"]').first().getAttribute('href');
        return (await page.goto(app.url(href ?? '/admin/themen')))?.status() ?? null;
      },
    },
    { name: 'admin: audit log with unusable filters', role: 'admin', open: failedForm(() => '/admin/protokoll', 'Filtern', { '#protokoll-von': 'morgen', '#protokoll-bis': '31.02.2026' }), status: 422 },
    { name: 'admin: organisation form with errors', role: 'admin', open: failedForm(() => '/organisationen/neu', 'Organisation anlegen', { '#organisation-email': 'x@' }), status: 422, screenshot: 'formular-fehler' },
    { name: 'admin: organisation edit form', role: 'admin', open: goto(() => `/organisationen/${ids.fachstelle}/bearbeiten`) },
    { name: 'admin: person edit form', role: 'admin', open: goto(() => `/personen/${ids.avramenko}/bearbeiten`) },
    { name: 'admin: new person with errors', role: 'admin', open: failedForm(() => '/personen/neu', 'Person anlegen', { '#person-email1': 'keine Adresse' }), status: 422 },
    { name: 'admin: consent', role: 'admin', open: goto(() => `/personen/${ids.avramenko}/einwilligung`) },
    { name: 'admin: privacy (export and erasure)', role: 'admin', open: goto(() => `/personen/${ids.avramenko}/datenschutz`) },
    { name: 'admin: body edit form', role: 'admin', open: goto(() => `/gremien/${ids.begleitbeirat}/bearbeiten`) },
    { name: 'admin: new membership', role: 'admin', open: goto(() => `/gremien/${ids.begleitbeirat}/mitgliedschaften/neu`) },
    { name: 'admin: import and export', role: 'admin', open: goto(() => '/admin/daten') },
    { name: 'admin: outbox', role: 'admin', open: goto(() => '/admin/postausgang') },
    { name: 'admin: new body form', role: 'admin', open: goto(() => '/gremien/neu') },
  ];

  it.each(cases.map((c) => [`${c.name} (${c.role})`, c] as const))('%s: no axe violations at 1280 and 360 px', async (_label, c) => {
    const page = pages.get(c.role);
    if (!page) throw new Error(`no page for ${c.role}`);
    const failures: string[] = [];
    await page.setViewportSize(DESKTOP);
    casesRun++;
    lastDocument.delete(page);
    const status = await c.open(page);
    expect({ page: c.name, status }).toEqual({ page: c.name, status: c.status ?? 200 });
    const document = lastDocument.get(page);
    if (!document) throw new Error(`${c.name}: no HTML answer seen`);
    html.add(`${c.name} (${c.role})`, await document.text());

    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      failures.push(...describeViolations(`${c.name} @${viewport.width}px`, await axeViolations(page)));
      const overflow = await horizontalOverflow(page);
      if (overflow) failures.push(`${c.name} @${viewport.width}px: ${overflow}`);
      if (width === 'desktop' && !c.bare) {
        const header = await headerLayout(page);
        if (!header || !header.oneLine || header.height > ONE_LINE_HEADER_PX) failures.push(`${c.name} @1280px: header is not one line of at most ${ONE_LINE_HEADER_PX}px: ${JSON.stringify(header)}`);
      }
      if (c.screenshot) await page.screenshot({ path: join(SCREENSHOT_DIR, `${c.screenshot}-${width}.png`) });
    }
    failures.push(...(await structureProblems(page, { layout: !c.bare })).map((p) => `${c.name}: ${p}`));
    await page.setViewportSize(DESKTOP);
    expect(failures).toEqual([]);
  });

  it('every page type above is valid HTML (W3C Nu Html Checker, one run)', async () => {
    expect(html.size).toBe(casesRun);
    expect(await html.problems()).toEqual([]);
  });

  it.each(['visitor', 'member', 'chair', 'secretary', 'admin'] as const)('the header is one line at 1024, 1100 and 1280 px and the page does not scroll sideways (%s)', async (role) => {
    const page = pages.get(role) as Page;
    const problems: string[] = [];
    await page.goto(app.url('/sitzungen'));
    for (const width of [1024, 1100, 1280]) {
      await page.setViewportSize({ width, height: DESKTOP.height });
      const header = await headerLayout(page);
      if (!header || !header.oneLine || header.height > ONE_LINE_HEADER_PX) problems.push(`@${width}px: ${JSON.stringify(header)}`);
      const overflow = await horizontalOverflow(page);
      if (overflow) problems.push(`@${width}px: ${overflow}`);
    }
    await page.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });

  it('action rows show no list bullets (they overlapped the links) and text is hyphenated as German', async () => {
    const problems: string[] = [];
    for (const [role, path] of [['chair', `/sitzungen/${meetings.laterId}`], ['visitor', '/sitzungen']] as const) {
      const page = pages.get(role) as Page;
      await page.goto(app.url(path));
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        problems.push(
          ...(await page.evaluate(() => {
            const w = globalThis as unknown as DomWindow;
            const found: string[] = [];
            const items = Array.from(w.document.querySelectorAll('main ul.actions > li, .manage-box li, .calendar-subscribe li'));
            if (items.length === 0) found.push('no action rows found');
            for (const li of items) {
              const s = w.getComputedStyle(li);
              if (s.display === 'list-item' && s.listStyleType !== 'none') found.push(`bullet "${s.listStyleType}" before ${(li.textContent ?? '').trim().slice(0, 30)}`);
            }
            const p = w.document.querySelector('main p');
            if (p && w.getComputedStyle(p).getPropertyValue('hyphens') !== 'auto') found.push('main text is not hyphenated (hyphens: auto)');
            return found;
          })).map((f) => `${path} @${viewport.width}px: ${f}`),
        );
      }
    }
    await pages.get('visitor')?.setViewportSize(DESKTOP);
    await pages.get('chair')?.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });

  it('the account links sit in a native disclosure in the header that the keyboard opens and closes with Enter', async () => {
    const page = pages.get('admin') as Page;
    await page.goto(app.url('/'));
    const link = page.locator('.account-nav').getByRole('link', { name: 'Postausgang' });
    expect(await link.isVisible()).toBe(false);
    await page.locator('.account-menu summary').focus();
    await page.keyboard.press('Enter');
    expect(await link.isVisible()).toBe(true);
    expect(await page.locator('.account-nav').getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter'); // closes again
    expect(await link.isVisible()).toBe(false);
  });

  describe('keyboard basics', () => {
    it('the skip link is the first Tab stop, shows itself and moves the focus to the main content', async () => {
      const page = pages.get('visitor') as Page;
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        await page.goto(app.url(`/personen/${ids.avramenko}`));
        expect(await page.locator('a.skip-link').isVisible()).toBe(true); // present, moved off-screen
        const offscreen = await page.locator('a.skip-link').boundingBox();
        expect(offscreen && offscreen.y + offscreen.height <= 0).toBe(true);
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatchObject({ tag: 'a', href: '#inhalt', text: 'Zum Inhalt springen' });
        const shown = await page.locator('a.skip-link').boundingBox();
        expect(shown && shown.y >= 0 && shown.y + shown.height <= viewport.height).toBe(true);
        expect((await focusIndicator(page))?.visible).toBe(true);
        await page.keyboard.press('Enter');
        expect((await focused(page))?.id).toBe('inhalt');
        // The next Tab continues inside the main content, not in the header.
        await page.keyboard.press('Tab');
        expect((await focused(page))?.inMain).toBe(true);
      }
      await page.setViewportSize(DESKTOP);
    });

    /** Tabs through the whole page and checks the focus indicator of every stop. */
    async function everyFocusVisible(page: Page, path: string, prepare?: (page: Page) => Promise<void>): Promise<{ stops: string[]; invisible: string[] }> {
      await page.goto(app.url(path));
      if (prepare) await prepare(page);
      await focusPageStart(page);
      const stops: string[] = [];
      const invisible: string[] = [];
      for (let i = 0; i < 400; i++) {
        await page.keyboard.press('Tab');
        const indicator = await focusIndicator(page);
        if (!indicator || (stops.length > 0 && indicator.element === stops[0])) break;
        stops.push(indicator.element);
        if (!indicator.visible) invisible.push(`${indicator.element} (${indicator.style})`);
      }
      return { stops, invisible };
    }

    it.each([
      ['visitor', '/'],
      ['visitor', '/suche?q=schwerin'],
      ['visitor', '/anmelden'],
      ['member', '/konto'],
      ['member', '/kalender'],
      ['chair', '/sitzungen/neu'],
      ['admin', '/organisationen/neu'],
      ['secretary', '/sitzungen/{held}/protokoll/bearbeiten'],
      ['secretary', '/sitzungen/{held}/protokoll/beschluesse/neu'],
    ] as const)('every link, button and field shows a visible focus indicator (%s, %s)', async (role, rawPath) => {
      const page = pages.get(role) as Page;
      const path = rawPath.replace('{held}', String(meetings.heldId));
      const { stops, invisible } = await everyFocusVisible(page, path);
      expect(stops.length).toBeGreaterThan(5);
      expect(stops.some((s) => s.startsWith('<a'))).toBe(true);
      expect(stops.some((s) => s.startsWith('<button'))).toBe(true);
      expect(stops.some((s) => /^<(input|select|textarea)/.test(s))).toBe(true);
      expect(invisible).toEqual([]);
    });

    it('Enter on a link and Space on a button work; the footer link reaches the accessibility statement', async () => {
      const page = pages.get('visitor') as Page;
      await page.goto(app.url('/gremien'));
      await focusPageStart(page);
      // Backwards from the start: the last Tab stops are in the footer.
      await page.keyboard.press('Shift+Tab');
      let info = await focused(page);
      for (let i = 0; i < 5 && info?.text !== 'Erklärung zur Barrierefreiheit'; i++) {
        await page.keyboard.press('Shift+Tab');
        info = await focused(page);
      }
      expect(info?.href).toBe('/barrierefreiheit');
      await pressAndLoad(page, 'Enter');
      expect(await page.locator('h1').textContent()).toBe('Erklärung zur Barrierefreiheit');
      const report = page.locator('main a', { hasText: 'Barriere per E-Mail melden' });
      const href = (await report.getAttribute('href')) ?? '';
      expect(href.startsWith(`mailto:${ACCESSIBILITY_CONTACT}?subject=`)).toBe(true);
      expect(decodeURIComponent(href)).toContain(`Seite: ${app.baseUrl}/gremien`); // the page the visitor came from

      await page.goto(app.url('/'));
      await page.locator('#header-search-q').focus();
      await page.keyboard.type('Begleitbeirat');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Suchen' });
      await pressAndLoad(page, 'Space');
      expect(new URL(page.url()).searchParams.get('q')).toBe('Begleitbeirat');
    });
  });
});

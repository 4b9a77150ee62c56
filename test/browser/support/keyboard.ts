import type { BrowserContext, Download, Page } from 'playwright-core';

/**
 * Browser-side code runs in Chromium, but this project's TypeScript has no DOM library: the few DOM
 * members the tests read are declared here, and page functions reach them through globalThis.
 */
export interface DomElement {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
  parentElement: DomElement | null;
  matches(selector: string): boolean;
  getBoundingClientRect(): { top: number; left: number; width: number; height: number };
}
export interface DomDocument {
  activeElement: DomElement | null;
  documentElement: DomElement & { lang: string; scrollWidth: number; clientWidth: number };
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
export interface DomWindow {
  document: DomDocument;
  innerWidth: number;
  getComputedStyle(el: DomElement, pseudo?: string): Record<string, string> & { getPropertyValue(name: string): string };
  navigator: { clipboard: { readText(): Promise<string> } };
}

/** What has the keyboard focus: enough to recognise it and to say what it was in a failing test. */
export interface FocusInfo {
  tag: string;
  id: string;
  name: string | null;
  type: string | null;
  href: string | null;
  text: string;
  /** Inside <main>? */
  inMain: boolean;
}

export async function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const w = globalThis as unknown as DomWindow;
    const el = w.document.activeElement;
    if (!el || el.tagName === 'BODY') return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      href: el.getAttribute('href'),
      text: (el.textContent ?? el.getAttribute('value') ?? '').replace(/\s+/g, ' ').trim(),
      inMain: el.closest('main') !== null,
    };
  });
}

function describe(info: FocusInfo | null): string {
  if (!info) return '(nothing)';
  return `<${info.tag}${info.id ? `#${info.id}` : ''}${info.href ? ` href=${info.href}` : ''}> ${info.text.slice(0, 60)}`;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches — the way a keyboard user moves
 * through a page. Fails with the path taken if it is not reached within `max` presses.
 */
export async function tabTo(page: Page, what: string, match: (f: FocusInfo) => boolean, options: { max?: number; backwards?: boolean } = {}): Promise<FocusInfo> {
  const max = options.max ?? 150;
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const info = await focused(page);
    if (info && match(info)) return info;
    if (seen.length < 40) seen.push(describe(info));
  }
  throw new Error(`Keyboard: "${what}" not reached with ${max} Tab presses on ${page.url()}. Focus went: ${seen.join(' → ')}`);
}

/** Tabs to the link or button with this visible text (exact, whitespace-normalised). */
export function tabToText(page: Page, text: string, options: { max?: number; backwards?: boolean } = {}): Promise<FocusInfo> {
  return tabTo(page, text, (f) => f.text === text, options);
}

/** Tabs to the form control with this id. */
export function tabToId(page: Page, id: string, options: { max?: number; backwards?: boolean } = {}): Promise<FocusInfo> {
  return tabTo(page, `#${id}`, (f) => f.id === id, options);
}

/** Presses a key that navigates (Enter on a link or submit button) and waits for the new page. */
export async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

/** Presses a key that starts a download and returns the download. */
export async function pressAndDownload(page: Page, key = 'Enter'): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press(key)]);
  return download;
}

/** The text of a finished download. */
export async function downloadText(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** Moves focus to the start of the page (as after loading it), so the next Tab reaches the skip link. */
export async function focusPageStart(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } };
    w.document.activeElement?.blur?.();
  });
}

/** The text of the selected option of a <select>. */
export async function selectedOption(page: Page, selectId: string): Promise<string> {
  return ((await page.locator(`#${selectId} option:checked`).textContent()) ?? '').trim();
}

/**
 * Chooses an option of the focused <select> the way keyboard users do: type the first word (type-ahead),
 * then ArrowDown until the wanted option is selected.
 */
export async function chooseByKeyboard(page: Page, selectId: string, optionText: string): Promise<void> {
  const info = await focused(page);
  if (info?.id !== selectId) throw new Error(`Keyboard: #${selectId} is not focused (${info?.id ?? 'nothing'} is)`);
  await page.keyboard.type(optionText.split(' ')[0]);
  // Type-ahead may land on a later option with the same start: walk up to the first option, then down.
  let previous = '';
  for (let i = 0; i < 400; i++) {
    const current = await selectedOption(page, selectId);
    if (current === optionText || current === previous) break;
    previous = current;
    await page.keyboard.press('ArrowUp');
  }
  for (let i = 0; i < 400 && (await selectedOption(page, selectId)) !== optionText; i++) await page.keyboard.press('ArrowDown');
  const chosen = await selectedOption(page, selectId);
  if (chosen !== optionText) throw new Error(`Keyboard: option "${optionText}" not reachable in #${selectId} (stopped at "${chosen}")`);
}

const dateOrders = new WeakMap<BrowserContext, 'DMY' | 'MDY'>();

/**
 * The order of the day, month and year segments of a date field: that follows the browser's UI locale
 * (Debian's chromium without chromium-l10n is en-US: MM/DD/YYYY; a German one shows TT.MM.JJJJ).
 * Found out once per context on a scratch page, as a user would just see it.
 */
async function dateOrder(page: Page): Promise<'DMY' | 'MDY'> {
  const context = page.context();
  const known = dateOrders.get(context);
  if (known) return known;
  const probe = await context.newPage();
  await probe.setContent('<input id="d" type="date" aria-label="Datum">');
  await probe.focus('#d');
  await probe.keyboard.type('01022003');
  const value = await probe.inputValue('#d');
  await probe.close();
  const order = value === '2003-02-01' ? 'DMY' : value === '2003-01-02' ? 'MDY' : null;
  if (!order) throw new Error(`Unknown date field layout: typing 01022003 gave "${value}"`);
  dateOrders.set(context, order);
  return order;
}

/** Types an ISO date (YYYY-MM-DD) into the focused date field, digit by digit in the order the field shows. */
export async function typeDate(page: Page, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  await page.keyboard.type((await dateOrder(page)) === 'DMY' ? `${day}${month}${year}` : `${month}${day}${year}`);
}

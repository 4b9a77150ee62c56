import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_MEMBER } from '../../src/auth/demo-accounts.js';
import type { DomWindow } from './support/keyboard.js';
import { DESKTOP, launchBrowser, PHONE, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { login } from './support/session.js';

/**
 * The calendar subscription addresses (public/js/copy-field.js, progressive enhancement): with
 * JavaScript a "Kopieren" button beside each readonly address copies it to the clipboard; without
 * JavaScript there is no button and the field is a readonly, selectable input.
 */
describe('copy buttons for calendar subscription addresses (Chromium)', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function open(options: { javaScriptEnabled: boolean; clipboard: boolean }): Promise<Page> {
    const context = await browser.browser.newContext({
      viewport: PHONE,
      locale: 'de-DE',
      javaScriptEnabled: options.javaScriptEnabled,
      permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  const clipboard = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as DomWindow).navigator.clipboard.readText());

  it('a button per address copies that address to the clipboard and says so', async () => {
    const page = await open({ javaScriptEnabled: true, clipboard: true });
    await page.goto(app.url('/kalender'));
    const fields = page.locator('main [data-copy-field] input');
    const buttons = page.locator('main .copy-field__button');
    expect(await fields.count()).toBeGreaterThan(1);
    expect(await buttons.count()).toBe(await fields.count());

    const field = page.getByLabel('Adresse zum Kopieren: alle öffentlichen Sitzungen');
    const address = await field.inputValue();
    expect(address).toBe(`${app.baseUrl}/kalender/oeffentlich.ics`);
    const button = page.getByRole('button', { name: 'Kopieren: alle öffentlichen Sitzungen' });
    await page.evaluate(() => (globalThis as unknown as DomWindow & { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator.clipboard.writeText('vorher'));
    await button.click();
    await page.locator('main .copy-field__status', { hasText: 'Adresse kopiert.' }).waitFor();
    expect(await clipboard(page)).toBe(address);

    // A second button copies its own address, not the first one.
    const second = fields.nth(1);
    await buttons.nth(1).click();
    expect(await clipboard(page)).toBe(await second.inputValue());
    expect(await second.inputValue()).not.toBe(address);
  });

  it('the subscribe box under the meeting list has the copy field too', async () => {
    const page = await open({ javaScriptEnabled: true, clipboard: true });
    await page.goto(app.url('/sitzungen'));
    const field = page.getByLabel('Adresse zum Kopieren', { exact: true });
    const address = await field.inputValue();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kalender\/.+\.ics$/);
    await page.locator('main .copy-field__button').click();
    await page.locator('main .copy-field__status', { hasText: 'Adresse kopiert.' }).waitFor();
    expect(await clipboard(page)).toBe(address);
  });

  it('the personal address of a member gets a copy button too', async () => {
    const page = await open({ javaScriptEnabled: true, clipboard: true });
    await page.setViewportSize(DESKTOP);
    await login(page, app.baseUrl, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await page.goto(app.url('/kalender'));
    const create = page.locator('main button', { hasText: 'Persönliche Kalender-Adresse erzeugen' });
    if ((await create.count()) > 0) await Promise.all([page.waitForNavigation(), create.click()]);
    const personal = page.locator('#persoenliche-kalender-adresse');
    const address = await personal.inputValue();
    expect(address).toMatch(/\/kalender\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.getByRole('button', { name: 'Kopieren: mein persönlicher Kalender' }).click();
    expect(await clipboard(page)).toBe(address);
  });

  it('without JavaScript there is no button, and the field is a readonly input whose text can be selected', async () => {
    const page = await open({ javaScriptEnabled: false, clipboard: false });
    await page.goto(app.url('/kalender'));
    expect(await page.locator('main [data-copy-field]').count()).toBeGreaterThan(1);
    expect(await page.locator('main button', { hasText: 'Kopieren' }).count()).toBe(0);
    const field = page.getByLabel('Adresse zum Kopieren: alle öffentlichen Sitzungen');
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await field.isEditable()).toBe(false);
    // Select all of it by keyboard, as a visitor would before copying by hand.
    await field.focus();
    await page.keyboard.press('Control+A');
    const selected = await field.evaluate((el) => {
      const input = el as unknown as { value: string; selectionStart: number | null; selectionEnd: number | null };
      return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
    });
    expect(selected).toBe(`${app.baseUrl}/kalender/oeffentlich.ics`);
  });
});

import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/account.entity.js';
import { DEMO_MEMBER } from '../../src/auth/demo-accounts.js';
import { Attendance } from '../../src/meetings/attendance.entity.js';
import { launchBrowser, PHONE, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { chooseByKeyboard, focused, pressAndLoad, tabTo, tabToId, tabToText, type DomWindow } from './support/keyboard.js';
import { loginByKeyboard } from './support/session.js';

/** Nothing wider than the phone's screen (no sideways scrolling at 360 px). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/**
 * The member's own corner on a 360 px phone, by keyboard only: log in and land on Meine Seite, answer
 * an invitation there, change the phone number and hide it in "Mein Eintrag" — the vCard follows at once.
 */
describe('the member’s own corner in a real browser (360 px, keyboard only)', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lands on Meine Seite, answers an invitation there, changes and hides the phone number', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(app.url('/'));
    await loginByKeyboard(page, DEMO_MEMBER.email, DEMO_MEMBER.password);
    expect(new URL(page.url()).pathname).toBe('/meine-seite');
    expect(await page.locator('h1').textContent()).toBe('Meine Seite');
    await expectNoSidewaysScroll(page);

    // answer the first invitation with "Absagen", right on Meine Seite
    await tabTo(page, 'first "Absagen" button', (f) => f.tag === 'button' && f.text === 'Absagen' && f.inMain);
    const meetingAnchor = await page.evaluate(() => {
      const el = (globalThis as unknown as DomWindow).document.activeElement as unknown as { closest: (s: string) => { id: string } | null } | null;
      return el?.closest('li')?.id ?? '';
    });
    expect(meetingAnchor).toMatch(/^sitzung-\d+$/);
    await pressAndLoad(page);
    expect(new URL(page.url()).hash).toBe(`#${meetingAnchor}`);
    await expect(page.locator(`#${meetingAnchor}`).textContent()).resolves.toMatch(/Meine Antwort:\s*Abgesagt/);
    const accounts = app.t.app.get(DataSource).getRepository(Account);
    const personId = (await accounts.findOneByOrFail({ email: DEMO_MEMBER.email })).personId ?? 0;
    const meetingId = Number(meetingAnchor.replace('sitzung-', ''));
    expect((await app.t.app.get(DataSource).getRepository(Attendance).findOneByOrFail({ meetingId, personId })).response).toBe('declined');

    // Mein Eintrag: a new phone number, then hidden from everybody
    await tabToText(page, 'Meinen Eintrag bearbeiten');
    await pressAndLoad(page);
    expect(await page.locator('h1').textContent()).toBe('Mein Eintrag');
    await expectNoSidewaysScroll(page);
    await tabToId(page, 'eintrag-phone1');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0385 7654321');
    await tabToText(page, 'Änderungen speichern');
    await pressAndLoad(page);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Ihre Änderungen sind gespeichert.');
    const vcardUrl = app.url(`/personen/${personId}/vcard`);
    const withNumber = await (await page.request.get(vcardUrl)).text();
    expect(withNumber).toMatch(/^TEL[^:]*:\+49 ?385 ?7654321$/m);

    await tabToId(page, 'eintrag-phoneVisibility');
    await chooseByKeyboard(page, 'eintrag-phoneVisibility', 'Nicht anzeigen');
    await tabToText(page, 'Änderungen speichern');
    expect((await focused(page))?.tag).toBe('button');
    await pressAndLoad(page);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Ihre Änderungen sind gespeichert.');
    const hidden = await (await page.request.get(vcardUrl)).text();
    expect(hidden).not.toMatch(/^TEL/m);
    await page.goto(app.url(`/personen/${personId}`));
    expect(await page.locator('main').textContent()).not.toContain('7654321');
    await context.close();
  });

  it('gets members’ pages from the members’ page cache gzip-compressed with its own name and a working token (Chromium decodes the spliced stream)', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(app.url('/'));
    await loginByKeyboard(page, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await page.goto(app.url('/personen'));
    const cached = await page.goto(app.url('/personen'));
    expect(cached?.headers()['x-cache']).toBe('hit');
    expect(cached?.headers()['content-encoding']).toBe('gzip');
    expect(await page.locator('h1').textContent()).toBe('Personen');
    expect(await page.locator('.account-menu__name').textContent()).not.toBe('');
    expect(await page.content()).not.toMatch(/nmslot[0-9a-f]+/);
    expect(await page.locator('.people-table tbody tr').count()).toBeGreaterThan(0);
    // the token spliced into the cached page is this session's: logging out with it works
    await page.locator('.account-menu summary').click();
    await Promise.all([page.waitForNavigation(), page.locator('.account-nav__logout').click()]);
    expect(await page.locator('.account-menu').count()).toBe(0);
    await context.close();
  });
});


import type { Page } from 'playwright-core';
import { focusPageStart, pressAndLoad, tabToId, tabToText } from './keyboard.js';

/** Logs in through the real login form using only the keyboard, starting from the page that is open. */
export async function loginByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await focusPageStart(page);
  await tabToText(page, 'Anmelden');
  await pressAndLoad(page);
  await tabToId(page, 'anmelden-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await pressAndLoad(page, 'Enter');
  await assertLoggedIn(page, email);
}

/** Logs in by clicking and typing, starting from the page that is open. */
export async function loginByMouse(page: Page, email: string, password: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Anmelden', exact: true }).click()]);
  await page.getByLabel('E-Mail-Adresse').click();
  await page.keyboard.type(email);
  await page.getByLabel('Passwort', { exact: false }).click();
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Anmelden', exact: true }).click()]);
  await assertLoggedIn(page, email);
}

/** Quick login for scans (not a journey): fills the form directly. */
export async function login(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/anmelden`);
  await page.fill('#anmelden-email', email);
  await page.fill('#anmelden-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/anmelden"] button[type="submit"]')]);
  await assertLoggedIn(page, email);
}

async function assertLoggedIn(page: Page, email: string): Promise<void> {
  const logout = await page.locator('.account-nav button', { hasText: 'Abmelden' }).count();
  if (logout !== 1) {
    const main = (await page.locator('main').textContent())?.replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`Login as ${email} failed on ${page.url()}: ${main}`);
  }
}

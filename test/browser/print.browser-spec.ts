import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_MEMBER, DEMO_SECRETARY } from '../../src/auth/demo-accounts.js';
import { launchBrowser, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { boardMeetings, directoryIds } from './support/fixtures.js';
import { pdfText } from './support/pdf.js';
import { login } from './support/session.js';

/** Chromium's own print path: the pages' print styles rendered to A4 PDFs (page.pdf), then read back as text. */
describe('print: contact card and minutes as PDF', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  let outDir: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    outDir = mkdtempSync(join(tmpdir(), 'netzwerk-pdf-'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** Prints the open page like Ctrl+P → "Als PDF speichern" and returns the file's text. */
  async function printToPdf(page: Page, name: string) {
    const path = join(outDir, `${name}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path, format: 'A4', preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(1000);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return pdfText(bytes);
  }

  it('the contact card of the Integrationsbeauftragter prints on A4 with every public detail on the first page and no navigation', async () => {
    const { avramenko } = await directoryIds(app);
    const page = await (await browser.newContext()).newPage();
    await page.goto(app.url(`/personen/${avramenko}`));
    const pdf = await printToPdf(page, 'kontaktkarte');

    expect(pdf.pages).toBeLessThanOrEqual(2);
    const first = pdf.pageTexts[0];
    for (const expected of [
      'Herr Dimitri Avramenko',
      'Integrationsbeauftragter',
      'Landeshauptstadt Schwerin',
      'Fachstelle Integration',
      'Raum: 5.020 - Aufzug C',
      'Am Packhof 2-6',
      '19053 Schwerin',
      '+49 385 545-1263',
      '+49 385 545-1269',
      'davramenko@schwerin.de',
    ]) {
      expect(first).toContain(expected);
    }
    // The profile and the source line with the page address are printed too …
    expect(pdf.text).toContain('Was sind meine Aufgaben?');
    expect(pdf.text).toContain(`${app.baseUrl}/personen/${avramenko}`);
    // … the screen-only parts are not.
    for (const hidden of ['Zum Inhalt springen', 'Hauptnavigation', 'Kontakt speichern (vCard)', 'Suchen', 'Anmelden', 'Erklärung zur Barrierefreiheit']) {
      expect(pdf.text).not.toContain(hidden);
    }
  });

  it('circulated minutes print as a protocol with decision, action item and page numbers, for the secretary and a member', async () => {
    const meeting = await boardMeetings(app, 'Sitzung für den Druck');
    const decision = 'Der Begleitbeirat beschließt den Entwurf des Integrationsberichts 2026 mit Änderungen.';
    const task = 'Geänderten Integrationsbericht an alle Mitglieder schicken';

    const secretary = await (await browser.newContext()).newPage();
    await login(secretary, app.baseUrl, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
    const minutes = `/sitzungen/${meeting.heldId}/protokoll`;
    const submit = async (label: string): Promise<void> => {
      await Promise.all([secretary.waitForNavigation(), secretary.locator('main button', { hasText: label }).first().click()]);
    };
    await secretary.goto(app.url(minutes));
    await submit('Protokoll anlegen');
    await secretary.locator('main form textarea').first().fill('Die Sitzung wird um 17:00 Uhr eröffnet. Елена Петрова und محمد العلي sind als Gäste anwesend.');
    await submit('Speichern');
    await secretary.goto(app.url(`${minutes}/beschluesse/neu`));
    await secretary.selectOption('#beschluss-agendaItemId', { index: 1 });
    await secretary.fill('#beschluss-text', decision);
    await secretary.check('#beschluss-unanimous');
    await submit('Beschluss speichern');
    await secretary.goto(app.url(`${minutes}/aufgaben/neu`));
    await secretary.fill('#aufgabe-what', task);
    await secretary.selectOption('#aufgabe-responsiblePersonId', { label: 'Jana Köhler' });
    await submit('Aufgabe speichern');
    await secretary.goto(app.url(minutes));
    await submit('An die Mitglieder verschicken');

    // The member reaches the print view from the minutes page.
    const member = await (await browser.newContext()).newPage();
    await login(member, app.baseUrl, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await member.goto(app.url(minutes));
    await Promise.all([member.waitForNavigation(), member.locator('main a', { hasText: 'Druckansicht' }).click()]);
    expect(new URL(member.url()).pathname).toBe(`${minutes}/druck`);

    for (const [who, page] of [['secretary', secretary], ['member', member]] as const) {
      if (who === 'secretary') await page.goto(app.url(`${minutes}/druck`));
      const pdf = await printToPdf(page, `protokoll-${who}`);
      // Where a long heading wraps depends on the fonts installed: compare with line breaks folded.
      expect(pdf.text.replace(/\s+/g, ' ')).toContain('Niederschrift über die Sitzung „Sitzung für den Druck“');
      expect(pdf.text).toContain('Begleitbeirat für die Umsetzung des Integrationskonzeptes');
      expect(pdf.text).toContain('Елена Петрова');
      // Arabic is extracted in visual (left-to-right glyph) order.
      expect(pdf.text).toContain([...'محمد العلي'].reverse().join(''));
      expect(pdf.text.replace(/\s+/g, ' ')).toContain(decision);
      expect(pdf.text).toMatch(/einstimmig/i);
      expect(pdf.text).toContain(task);
      expect(pdf.text).toContain('noch nicht genehmigt');
      // Page numbers from the @page margin boxes of minutes-print.css.
      expect(pdf.pageTexts[0]).toMatch(new RegExp(`Seite 1 von ${pdf.pages}`));
      expect(pdf.text).not.toContain('Protokoll bearbeiten');
    }
  });
});

import contentDisposition from 'content-disposition';
import type { Page } from 'playwright-core';
import { DEMO_CHAIR, DEMO_MEMBER } from '../../src/auth/demo-accounts.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { MeetingDocument } from '../../src/documents/document.entity.js';
import { SAMPLE_PNG, sampleExe, samplePdf, samplePptx } from '../helpers/documents.js';
import { describeViolations, axeViolations } from './support/axe.js';
import { DESKTOP, launchBrowser, PHONE, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { horizontalOverflow, structureProblems } from './support/page-checks.js';
import { boardMeetings } from './support/fixtures.js';
import { login, loginByMouse } from './support/session.js';

const ARABIC_PDF = 'جدول الأعمال – TOP 2.pdf';

/**
 * The documents journey as the issue tells it: the deputy chair attaches a PDF with an Arabic file
 * name to TOP 2 and a presentation to the meeting through the real file input; a refused file
 * keeps what was typed; a member downloads both; an anonymous visitor sees only the public one.
 */
describe('meeting documents in a real browser', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function fileLinkHeaders(page: Page, name: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const href = await page.locator('#unterlagen ~ ul a, section[aria-labelledby="unterlagen"] a', { hasText: name }).first().getAttribute('href');
    const res = await page.request.get(app.url(String(href)));
    return { status: res.status(), headers: res.headers(), body: await res.body() };
  }

  it('uploads several files with the file input, refuses a disguised program, and shows each role what it may see', async () => {
    const { heldId } = await boardMeetings(app, 'Unterlagen im Browser');
    const pdf = await samplePdf('Tagesordnungspunkt 2');
    const pptx = await samplePptx('Präsentation');

    const chairContext = await browser.newContext();
    const page = await chairContext.newPage();
    await page.goto(app.url(`/sitzungen/${heldId}`));
    await loginByMouse(page, DEMO_CHAIR.email, DEMO_CHAIR.password);
    await page.goto(app.url(`/sitzungen/${heldId}`));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Unterlagen hochladen' }).click()]);
    await expect(page.locator('#unterlage-dateien-hinweis').textContent()).resolves.toContain('Höchstens 20 MB je Datei');

    // a program renamed to .pdf: refused, the typed title stays
    await page.locator('#unterlage-dateien').setInputFiles([{ name: 'einladung.pdf', mimeType: 'application/pdf', buffer: sampleExe() }]);
    await page.getByLabel('Titel').fill('Vorlage zu TOP 2');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Hochladen' }).click()]);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('ausführbares Programm');
    await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Vorlage zu TOP 2');

    // the PDF with an Arabic name for TOP 2
    await page.locator('#unterlage-dateien').setInputFiles([{ name: ARABIC_PDF, mimeType: 'application/pdf', buffer: pdf }]);
    await page.getByLabel('Gehört zu').selectOption({ label: 'TOP 2 Sprachkurse für Geflüchtete' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Hochladen' }).click()]);
    expect(new URL(page.url()).pathname).toBe(`/sitzungen/${heldId}`);
    await expect(page.locator('section[aria-labelledby="unterlagen"]').textContent()).resolves.toContain('Vorlage zu TOP 2');

    // two files at once for the meeting itself, one of them for members only
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Unterlagen hochladen' }).click()]);
    await page.locator('#unterlage-dateien').setInputFiles([
      { name: 'Präsentation.pptx', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', buffer: pptx },
      { name: 'Foto.png', mimeType: 'image/png', buffer: SAMPLE_PNG },
    ]);
    await page.getByLabel('Sichtbar für').selectOption('members');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Hochladen' }).click()]);
    const list = await page.locator('section[aria-labelledby="unterlagen"]').textContent();
    expect(list).toContain('TOP 2: Sprachkurse für Geflüchtete');
    expect(list).toContain('Präsentation');
    expect(list).toContain('nur für Mitglieder');
    await chairContext.close();

    // a member downloads both after login
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await login(member, app.baseUrl, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await member.goto(app.url(`/sitzungen/${heldId}`));
    const memberPdf = await fileLinkHeaders(member, 'Vorlage zu TOP 2');
    expect(memberPdf.status).toBe(200);
    expect(memberPdf.body.equals(pdf)).toBe(true);
    expect(contentDisposition.parse(memberPdf.headers['content-disposition']).parameters.filename).toBe(ARABIC_PDF);
    const [download] = await Promise.all([member.waitForEvent('download'), member.getByRole('link', { name: 'Präsentation' }).click()]);
    expect(download.suggestedFilename()).toBe('Präsentation.pptx');
    await memberContext.close();

    // an anonymous visitor sees only the public one
    const anonymousContext = await browser.newContext();
    const visitor = await anonymousContext.newPage();
    await visitor.goto(app.url(`/sitzungen/${heldId}`));
    const publicList = await visitor.locator('section[aria-labelledby="unterlagen"]').textContent();
    expect(publicList).toContain('Vorlage zu TOP 2');
    expect(publicList).not.toContain('Präsentation');
    expect(publicList).not.toContain('Foto');
    expect((await fileLinkHeaders(visitor, 'Vorlage zu TOP 2')).status).toBe(200);
    await anonymousContext.close();
  }, 120_000);

  it('has no axe violations on the documents pages at 1280 and 360 px', async () => {
    const doc = await app.t.app.get(DatabaseService).dataSource.getRepository(MeetingDocument).findOneOrFail({ where: { title: 'Vorlage zu TOP 2' } });
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app.baseUrl, DEMO_CHAIR.email, DEMO_CHAIR.password);
    const failures: string[] = [];
    const check = async (name: string): Promise<void> => {
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        failures.push(...describeViolations(`${name} @${viewport.width}px`, await axeViolations(page)));
        const overflow = await horizontalOverflow(page);
        if (overflow) failures.push(`${name} @${viewport.width}px: ${overflow}`);
      }
      failures.push(...(await structureProblems(page, { layout: true })).map((p) => `${name}: ${p}`));
      await page.setViewportSize(DESKTOP);
    };
    await page.goto(app.url(`/sitzungen/${doc.meetingId}`));
    await check('meeting page with documents');
    await page.goto(app.url(`/sitzungen/${doc.meetingId}/unterlagen/neu`));
    await check('upload form');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Hochladen' }).click()]);
    await check('upload form with errors');
    await page.goto(app.url(`/unterlagen/${doc.id}/verwalten`));
    await check('document versions');
    await page.goto(app.url(`/unterlagen/${doc.id}/entfernen`));
    await check('remove document');
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});

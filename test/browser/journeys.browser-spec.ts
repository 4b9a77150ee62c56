import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CHAIR, DEMO_MEMBER, DEMO_SECRETARY } from '../../src/auth/demo-accounts.js';
import { ADMIN, launchBrowser, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { boardMeetings, quietMeetingDate } from './support/fixtures.js';
import { chooseByKeyboard, downloadText, focused, focusPageStart, pressAndDownload, pressAndLoad, tabTo, tabToId, tabToText, type DomWindow, typeDate } from './support/keyboard.js';
import { loginByKeyboard, loginByMouse } from './support/session.js';

/**
 * Journeys through the real app in Chromium: each one by keyboard only (Tab, Shift+Tab, Enter,
 * Space, arrow keys, typing — no clicks) and by mouse.
 */
describe('journeys in a real browser', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh visitor (own cookies) with one page. */
  async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    return { context, page };
  }

  function expectVCardOfAvramenko(vcard: string): void {
    const lines = vcard.split(/\r\n/);
    expect(lines[0]).toBe('BEGIN:VCARD');
    expect(lines).toContain('VERSION:3.0');
    expect(vcard).toMatch(/^FN(;[^:]*)?:Dimitri Avramenko$/m);
    expect(vcard).toMatch(/^TITLE(;[^:]*)?:Integrationsbeauftragter$/m);
    expect(vcard).toMatch(/^TEL;TYPE=[^:]*work[^:]*:\+49 ?385 ?545-?1263$/im);
    expect(vcard).toMatch(/^EMAIL[^:]*:davramenko@schwerin\.de$/m);
    expect(vcard).toContain('Am Packhof 2-6');
    expect(vcard.trimEnd().endsWith('END:VCARD')).toBe(true);
  }

  describe('(a) a visitor finds the Integrationsbeauftragter and saves his contact', () => {
    it('by keyboard only', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await tabToId(page, 'header-search-q');
      await page.keyboard.type('avram');
      await pressAndLoad(page, 'Enter');
      expect(new URL(page.url()).pathname).toBe('/suche');
      await expect(page.locator('#results-heading').textContent()).resolves.toMatch(/Treffer/);

      await tabTo(page, 'search hit Avramenko', (f) => f.tag === 'a' && f.inMain && /Avramenko/.test(f.text));
      await pressAndLoad(page);
      expect(await page.locator('h1').textContent()).toBe('Herr Dimitri Avramenko');

      await tabToText(page, 'Kontakt speichern (vCard)');
      const download = await pressAndDownload(page);
      expect(download.suggestedFilename()).toMatch(/Avramenko.*\.vcf$/);
      expectVCardOfAvramenko(await downloadText(download));
      await context.close();
    });

    it('by mouse', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await page.getByLabel('Wen suchen Sie?').click();
      await page.keyboard.type('avram');
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Suchen' }).click()]);
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: /Avramenko/ }).first().click()]);
      expect(await page.locator('h1').textContent()).toContain('Dimitri Avramenko');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Kontakt speichern (vCard)' }).click()]);
      expectVCardOfAvramenko(await downloadText(download));
      await context.close();
    });
  });

  describe('(f) a failed form keeps what was typed', () => {
    it('login by keyboard: wrong password keeps the email, errors are tied to the fields', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/personen'));
      await focusPageStart(page);
      await tabToText(page, 'Anmelden');
      await pressAndLoad(page);
      await tabToId(page, 'anmelden-email');
      await page.keyboard.type('Mitglied@Example.org');
      await page.keyboard.press('Tab');
      await page.keyboard.type('falsches Passwort');
      await pressAndLoad(page, 'Enter');

      expect(await page.title()).toMatch(/^Fehler: /);
      expect(await page.inputValue('#anmelden-email')).toBe('Mitglied@Example.org');
      expect(await page.inputValue('#anmelden-password')).toBe(''); // passwords are never sent back
      await expect(page.locator('.error-summary').textContent()).resolves.toMatch(/\S/);
      // Try again without the mouse: the email is still there, only the password is typed.
      await tabToId(page, 'anmelden-password');
      await page.keyboard.type('Demo-Mitglied-2026');
      await pressAndLoad(page, 'Enter');
      expect(new URL(page.url()).pathname).toBe('/personen'); // back where the visitor started
      await context.close();
    });

    it('new organisation by keyboard: every typed value survives, errors link to their fields', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/organisationen'));
      await loginByKeyboard(page, ADMIN.email, ADMIN.password);
      await page.goto(app.url('/organisationen'));
      await tabToText(page, 'Neue Organisation anlegen');
      await pressAndLoad(page);

      const name = 'جمعية الجسر – Мост e. V.';
      await tabToId(page, 'organisation-name');
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Мост');
      // "Art der Organisation" is required: left at "Bitte wählen".
      await tabToId(page, 'organisation-locality');
      await page.keyboard.type('Schwerin');
      await tabToId(page, 'organisation-email');
      await page.keyboard.type('keine Adresse');
      await tabToId(page, 'organisation-description');
      await page.keyboard.type('Beratung auf Arabisch, Russisch und Türkçe.\nZweite Zeile.');
      await tabToText(page, 'Organisation anlegen');
      await pressAndLoad(page, 'Enter');

      expect(await page.title()).toMatch(/^Fehler: /);
      expect(await page.inputValue('#organisation-name')).toBe(name);
      expect(await page.inputValue('#organisation-shortName')).toBe('Мост');
      expect(await page.inputValue('#organisation-locality')).toBe('Schwerin');
      expect(await page.inputValue('#organisation-email')).toBe('keine Adresse');
      expect(await page.inputValue('#organisation-description')).toBe('Beratung auf Arabisch, Russisch und Türkçe.\nZweite Zeile.');
      for (const id of ['organisation-kind', 'organisation-email']) {
        expect(await page.getAttribute(`#${id}`, 'aria-invalid')).toBe('true');
        const describedBy = (await page.getAttribute(`#${id}`, 'aria-describedby')) ?? '';
        expect(describedBy).toContain(`${id}-fehler`);
        await expect(page.locator(`#${id}-fehler`).textContent()).resolves.toMatch(/Fehler: \S/);
      }

      // The error summary's links lead to the fields; fix the kind with the arrow keys, the email by typing.
      await focusPageStart(page);
      await tabTo(page, 'error link to the kind', (f) => f.href === '#organisation-kind');
      await page.keyboard.press('Enter');
      expect((await focused(page))?.id).toBe('organisation-kind');
      await page.keyboard.press('ArrowDown');
      await tabToId(page, 'organisation-email');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('info@most.example.org');
      await pressAndLoad(page, 'Enter');
      expect(await page.locator('h1').textContent()).toContain(name);
      await expect(page.locator('main').textContent()).resolves.toContain('info@most.example.org');
      await context.close();
    });

    it('new organisation by mouse: the typed values survive', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/organisationen'));
      await loginByMouse(page, ADMIN.email, ADMIN.password);
      await page.goto(app.url('/organisationen/neu'));
      await page.getByLabel('Name', { exact: false }).first().click();
      await page.keyboard.type('Đặng Verein');
      await page.getByLabel('Internetseite').click();
      await page.keyboard.type('nicht eine Adresse');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Organisation anlegen' }).click()]);
      expect(await page.inputValue('#organisation-name')).toBe('Đặng Verein');
      expect(await page.inputValue('#organisation-website')).toBe('nicht eine Adresse');
      expect(await page.getAttribute('#organisation-website', 'aria-invalid')).toBe('true');
      await Promise.all([page.waitForURL(/#organisation-website$/), page.locator('.error-summary a[href="#organisation-website"]').click()]);
      await context.close();
    });
  });
  describe('(e) the secretary writes minutes with a decision and an action item, circulates and approves them', () => {
    const opening = 'Die Vorsitzende eröffnet die Sitzung um 17:05 Uhr.\nDie Einladung erfolgte form- und fristgerecht.';
    const report = 'Frau Şahin berichtet über 42 Beratungen auf Arabisch, Русский und Türkçe.\n\n- Sprechstunde dienstags\n- neue Räume ab März';
    const decisionText = 'Der Begleitbeirat empfiehlt, die Sprechstunde der Servicestelle Integration fortzuführen.';
    const task = 'Raumplanung für die Sprechstunde mit dem Fachdienst abstimmen';

    /** The id of the textarea labelled with this text in the minutes editor. */
    async function textareaFor(page: Page, label: string | RegExp): Promise<string> {
      const id = await page.locator('main form label', { hasText: label }).first().getAttribute('for');
      if (!id) throw new Error(`no editor field labelled ${String(label)}`);
      return id;
    }

    async function expectApprovedMinutes(page: Page): Promise<void> {
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('Genehmigt');
      expect(main).toContain('Die Einladung erfolgte form- und fristgerecht.');
      expect(main).toContain('42 Beratungen auf Arabisch, Русский und Türkçe');
      expect(main).toContain(decisionText);
      expect(main).toMatch(/einstimmig/i);
      expect(main).toContain(task);
      expect(main).toContain('Jana Köhler');
      // Approved: no more editing, only amendments.
      expect(await page.locator('main a', { hasText: 'Texte bearbeiten' }).count()).toBe(0);
      expect(await page.locator('main a', { hasText: 'Berichtigung eintragen' }).count()).toBe(1);
    }

    it('by keyboard only', async () => {
      const meeting = await boardMeetings(app, 'Sitzung mit Tastaturprotokoll');
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByKeyboard(page, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
      // Sitzungen › Vergangene › the meeting › its minutes.
      await tabToText(page, 'Sitzungen');
      await pressAndLoad(page);
      await tabToText(page, 'Vergangene');
      await pressAndLoad(page);
      await tabTo(page, 'the held meeting', (f) => f.tag === 'a' && f.text.includes('Sitzung mit Tastaturprotokoll') && !f.text.includes('Genehmigungssitzung'));
      await pressAndLoad(page);
      await tabToText(page, 'Protokoll anlegen'); // the link on the meeting page …
      await pressAndLoad(page);
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${meeting.heldId}/protokoll`);
      await tabToText(page, 'Protokoll anlegen'); // … and the button that creates the draft
      await pressAndLoad(page);
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${meeting.heldId}/protokoll/bearbeiten`);
      const openingId = await textareaFor(page, 'Eröffnung und Regularien');
      const reportId = await textareaFor(page, /Bericht der Servicestelle Integration/);
      await tabToId(page, openingId);
      await page.keyboard.type(opening);
      await tabToId(page, reportId);
      await page.keyboard.type(report);
      await tabToText(page, 'Speichern');
      await pressAndLoad(page);
      await expect(page.locator('main .notice').textContent()).resolves.toContain('Gespeichert');
      expect(await page.inputValue(`#${openingId}`)).toBe(opening);
      expect(await page.inputValue(`#${reportId}`)).toBe(report);

      await tabToText(page, 'Zurück zum Protokoll');
      await pressAndLoad(page);
      await tabToText(page, 'Beschluss hinzufügen');
      await pressAndLoad(page);
      await tabToId(page, 'beschluss-agendaItemId');
      await chooseByKeyboard(page, 'beschluss-agendaItemId', (await page.locator('#beschluss-agendaItemId option', { hasText: 'Bericht der Servicestelle' }).textContent()) ?? '');
      await tabToId(page, 'beschluss-text');
      await page.keyboard.type(decisionText);
      await tabToId(page, 'beschluss-unanimous');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#beschluss-unanimous')).toBe(true);
      await tabToText(page, 'Beschluss speichern');
      await pressAndLoad(page);
      await expect(page.locator('main').textContent()).resolves.toContain(decisionText);

      await focusPageStart(page);
      await tabToText(page, 'Aufgabe hinzufügen');
      await pressAndLoad(page);
      await tabToId(page, 'aufgabe-what');
      await page.keyboard.type(task);
      await tabToId(page, 'aufgabe-responsiblePersonId');
      await chooseByKeyboard(page, 'aufgabe-responsiblePersonId', 'Jana Köhler');
      await tabToId(page, 'aufgabe-dueDate');
      await typeDate(page, '2099-12-31');
      expect(await page.inputValue('#aufgabe-dueDate')).toBe('2099-12-31');
      await tabToText(page, 'Aufgabe speichern');
      await pressAndLoad(page);
      await expect(page.locator('main').textContent()).resolves.toContain(task);

      await focusPageStart(page);
      await tabToText(page, 'An die Mitglieder verschicken');
      await pressAndLoad(page);
      await expect(page.locator('main').textContent()).resolves.toContain('Verschickt, noch nicht genehmigt');

      await focusPageStart(page);
      await tabToText(page, 'Als genehmigt eintragen');
      await pressAndLoad(page);
      await tabToId(page, 'genehmigen-approvedInMeetingId');
      const later = (await page.locator('#genehmigen-approvedInMeetingId option', { hasText: 'Genehmigungssitzung' }).textContent()) ?? '';
      await chooseByKeyboard(page, 'genehmigen-approvedInMeetingId', later.trim());
      await tabToText(page, 'Als genehmigt eintragen');
      await pressAndLoad(page);
      await expectApprovedMinutes(page);
      await context.close();
    });

    it('by mouse', async () => {
      const meeting = await boardMeetings(app, 'Sitzung mit Mausprotokoll');
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByMouse(page, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
      await page.goto(app.url(`/sitzungen/${meeting.heldId}/protokoll`));
      const click = async (name: string): Promise<void> => {
        await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name, exact: true }).or(page.locator('main').getByRole('button', { name, exact: true })).first().click()]);
      };

      await click('Protokoll anlegen');
      await page.locator(`#${await textareaFor(page, 'Eröffnung und Regularien')}`).click();
      await page.keyboard.type(opening);
      await page.locator(`#${await textareaFor(page, /Bericht der Servicestelle Integration/)}`).click();
      await page.keyboard.type(report);
      await click('Speichern');
      await click('Zurück zum Protokoll');

      await click('Beschluss hinzufügen');
      const item = await page.locator('#beschluss-agendaItemId option', { hasText: 'Bericht der Servicestelle' }).getAttribute('value');
      await page.selectOption('#beschluss-agendaItemId', item ?? '');
      await page.getByLabel('Wortlaut des Beschlusses').click();
      await page.keyboard.type(decisionText);
      await page.getByLabel('Einstimmig (alle Stimmen dafür)').click();
      await click('Beschluss speichern');

      await click('Aufgabe hinzufügen');
      await page.getByLabel('Aufgabe', { exact: false }).first().click();
      await page.keyboard.type(task);
      await page.selectOption('#aufgabe-responsiblePersonId', { label: 'Jana Köhler' });
      await page.fill('#aufgabe-dueDate', '2099-12-31');
      await click('Aufgabe speichern');

      await click('An die Mitglieder verschicken');
      await click('Als genehmigt eintragen');
      await page.selectOption('#genehmigen-approvedInMeetingId', String(meeting.approvingId));
      await click('Als genehmigt eintragen');
      await expectApprovedMinutes(page);
      await context.close();
    });
  });
  describe('(b) an administrator edits a person and finds the change in the audit log', () => {
    /** The newest audit log row about Dimitri Avramenko. */
    async function newestAvramenkoRow(page: Page): Promise<string> {
      const row = page.locator('main table tbody tr', { hasText: 'Dimitri Avramenko' }).first();
      return ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    }

    it('by keyboard only', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByKeyboard(page, ADMIN.email, ADMIN.password);
      await tabToId(page, 'header-search-q');
      await page.keyboard.type('avram');
      await pressAndLoad(page);
      await tabTo(page, 'search hit Avramenko', (f) => f.tag === 'a' && f.inMain && /Avramenko/.test(f.text));
      await pressAndLoad(page);
      await tabToText(page, 'Bearbeiten');
      await pressAndLoad(page);

      await tabToId(page, 'person-room');
      const before = await page.inputValue('#person-room');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('5.021 – Aufzug C, Zimmer für Beratung');
      await tabToText(page, 'Änderungen speichern');
      await pressAndLoad(page);
      expect(await page.locator('h1').textContent()).toContain('Dimitri Avramenko');
      await expect(page.locator('main').textContent()).resolves.toContain('Raum: 5.021 – Aufzug C, Zimmer für Beratung');

      await focusPageStart(page);
      // The account links sit in a disclosure in the header: open it with Enter, then Tab on.
      await tabTo(page, 'the account menu', (f) => f.tag === 'summary');
      await page.keyboard.press('Enter');
      await tabToText(page, 'Änderungsprotokoll');
      await pressAndLoad(page);
      expect(await page.locator('h1').textContent()).toBe('Änderungsprotokoll');
      const row = await newestAvramenkoRow(page);
      expect(row).toContain(ADMIN.email);
      // The arrow is hidden from screen readers, which hear "geändert in" instead.
      expect(row).toContain(`Raum: ${before} → geändert in 5.021 – Aufzug C, Zimmer für Beratung`);
      await context.close();
    });

    it('by mouse', async () => {
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByMouse(page, ADMIN.email, ADMIN.password);
      // a login from the start page lands on Meine Seite: back to the start page's search
      expect(new URL(page.url()).pathname).toBe('/meine-seite');
      await Promise.all([page.waitForNavigation(), page.locator('.site-title').click()]);
      await page.getByLabel('Wen suchen Sie?').click();
      await page.keyboard.type('avram');
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Suchen' }).click()]);
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: /Avramenko/ }).first().click()]);
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: 'Bearbeiten', exact: true }).click()]);
      const before = await page.inputValue('#person-functionTitle');
      await page.getByLabel('Funktion', { exact: true }).fill('Integrationsbeauftragter der Landeshauptstadt');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Änderungen speichern' }).click()]);
      await expect(page.locator('main').textContent()).resolves.toContain('Integrationsbeauftragter der Landeshauptstadt');
      await page.locator('.account-menu summary').click(); // the account links sit in a disclosure in the header
      await Promise.all([page.waitForNavigation(), page.locator('.account-nav').getByRole('link', { name: 'Änderungsprotokoll' }).click()]);
      const row = await newestAvramenkoRow(page);
      expect(row).toContain(`Funktion: ${before} → geändert in Integrationsbeauftragter der Landeshauptstadt`);
      await context.close();
    });
  });

  describe('(c) a chair schedules a meeting with three agenda items and invites; (d) a member answers and subscribes', () => {
    const agenda = ['Begrüßung und Genehmigung der Tagesordnung', 'Bericht: Sprachmittlung in Arztpraxen (Türkçe, العربية, Українська)', 'Verschiedenes'];
    /** The meetings scheduled in (c), answered in (d). */
    const scheduled = new Map<'keyboard' | 'mouse', { id: number; title: string }>();

    function meetingOf(variant: 'keyboard' | 'mouse'): { id: number; title: string } {
      const meeting = scheduled.get(variant);
      if (!meeting) throw new Error(`(d) needs the meeting the chair scheduled in (c) ${variant}, which failed`);
      return meeting;
    }

    async function expectInvitedWithAgenda(page: Page, id: number): Promise<void> {
      await page.goto(app.url(`/sitzungen/${id}`));
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('Eingeladen');
      const rows = await page.locator('table.agenda-table tbody tr').allTextContents();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(agenda.map((title, i) => `${i + 1} ${title}`));
    }

    /** Fetches a copied feed address like a calendar program would. */
    async function feed(url: string): Promise<string> {
      expect(url.startsWith(`${app.baseUrl}/kalender/`)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      return (await res.text()).replace(/\r\n[ \t]/g, '');
    }

    async function clipboardText(page: Page): Promise<string> {
      return page.evaluate(() => (globalThis as unknown as DomWindow).navigator.clipboard.readText());
    }

    it('(c) by keyboard only', async () => {
      const title = 'Sitzung im Browsertest (Tastatur)';
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByKeyboard(page, DEMO_CHAIR.email, DEMO_CHAIR.password);
      // No page links to the planning form yet: the chair types its address.
      await page.goto(app.url('/sitzungen/neu'));
      await tabToId(page, 'sitzung-title');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(title);
      await tabToId(page, 'sitzung-date');
      await typeDate(page, await quietMeetingDate(app, 8));
      await tabToText(page, 'Speichern');
      await pressAndLoad(page);
      expect({ url: new URL(page.url()).pathname, warnings: await page.locator('main .notice, main [role="alert"]').allTextContents() }).toMatchObject({ url: expect.stringMatching(/^\/sitzungen\/\d+$/) as string });
      const id = Number(new URL(page.url()).pathname.split('/')[2]);

      await tabToText(page, 'Tagesordnung bearbeiten');
      await pressAndLoad(page);
      for (const item of agenda) {
        await tabToId(page, 'top-title');
        await page.keyboard.type(item);
        await pressAndLoad(page, 'Enter'); // Enter in a text field submits its form
        await expect(page.locator('table.agenda-table').textContent()).resolves.toContain(item);
      }
      await focusPageStart(page);
      await tabToText(page, title);
      await pressAndLoad(page);
      await tabToText(page, 'Einladung verschicken');
      await pressAndLoad(page);
      // the confirmation page first: recipients, members without address; then the result page
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${id}/einladen`);
      await tabTo(page, 'Jetzt an … verschicken', (f) => f.tag === 'button' && /^Jetzt an \d+ Mitglieder? verschicken$/.test(f.text));
      await pressAndLoad(page);
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${id}/versand`);
      await expect(page.locator('main').textContent()).resolves.toContain('Einladung vorgemerkt');
      await page.goto(app.url(`/sitzungen/${id}/einladung`));
      const letter = (await page.locator('main').textContent()) ?? '';
      for (const item of agenda) expect(letter).toContain(item);
      await expectInvitedWithAgenda(page, id);
      scheduled.set('keyboard', { id, title });
      await context.close();
    });

    it('(c) by mouse', async () => {
      const title = 'Sitzung im Browsertest (Maus)';
      const { context, page } = await visitor();
      await page.goto(app.url('/'));
      await loginByMouse(page, DEMO_CHAIR.email, DEMO_CHAIR.password);
      await page.goto(app.url('/sitzungen/neu'));
      await page.getByLabel('Titel', { exact: false }).first().fill(title);
      await page.fill('#sitzung-date', await quietMeetingDate(app, 9));
      await Promise.all([page.waitForNavigation(), page.locator('main form').getByRole('button', { name: 'Speichern', exact: true }).click()]);
      expect(new URL(page.url()).pathname).toMatch(/^\/sitzungen\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/')[2]);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tagesordnung bearbeiten' }).click()]);
      for (const item of agenda) {
        await page.getByLabel('Thema', { exact: false }).first().fill(item);
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Hinzufügen' }).click()]);
      }
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: title }).first().click()]);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Einladung verschicken' }).click()]);
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${id}/einladen`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Jetzt an \d+ Mitglieder? verschicken$/ }).click()]);
      expect(new URL(page.url()).pathname).toBe(`/sitzungen/${id}/versand`);
      await expectInvitedWithAgenda(page, id);
      scheduled.set('mouse', { id, title });
      await context.close();
    });

    it('(d) by keyboard only: the member accepts, copies the personal feed address, and the feed has the meeting', async () => {
      const meeting = meetingOf('keyboard');
      const { context, page } = await visitor();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
      await page.goto(app.url('/'));
      await loginByKeyboard(page, DEMO_MEMBER.email, DEMO_MEMBER.password);
      await tabToText(page, 'Sitzungen');
      await pressAndLoad(page);
      await tabTo(page, meeting.title, (f) => f.tag === 'a' && f.text.includes(meeting.title));
      await pressAndLoad(page);
      expect(await page.locator('h1').textContent()).toBe(meeting.title);

      await tabToId(page, 'antwort-response');
      await chooseByKeyboard(page, 'antwort-response', 'Ich komme');
      await tabToText(page, 'Antwort speichern');
      await pressAndLoad(page);
      await expect(page.locator('#antwort').locator('..').textContent()).resolves.toContain('Bisher: Zugesagt');

      await focusPageStart(page);
      await tabToText(page, 'Anleitung');
      await pressAndLoad(page);
      await tabToText(page, 'Persönliche Kalender-Adresse erzeugen');
      await pressAndLoad(page);
      await tabToId(page, 'persoenliche-kalender-adresse');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      const url = await clipboardText(page);
      expect(url).toBe(await page.inputValue('#persoenliche-kalender-adresse'));

      const ics = await feed(url);
      expect(ics).toContain(`SUMMARY:Begleitbeirat: ${meeting.title}`);
      expect(ics).toContain(`/sitzungen/${meeting.id}`);
      await context.close();
    });

    it('(d) by mouse: the member declines, copies the feed address, and the feed has both meetings', async () => {
      const meeting = meetingOf('mouse');
      const { context, page } = await visitor();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
      await page.goto(app.url('/'));
      await loginByMouse(page, DEMO_MEMBER.email, DEMO_MEMBER.password);
      await Promise.all([page.waitForNavigation(), page.locator('.main-nav').getByRole('link', { name: 'Sitzungen' }).click()]);
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: meeting.title }).first().click()]);
      await page.selectOption('#antwort-response', { label: 'Ich komme nicht' });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Antwort speichern' }).click()]);
      await expect(page.locator('main').textContent()).resolves.toContain('Bisher: Abgesagt');

      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: 'Anleitung' }).click()]);
      const generate = page.getByRole('button', { name: 'Persönliche Kalender-Adresse erzeugen' });
      if ((await generate.count()) > 0) await Promise.all([page.waitForNavigation(), generate.click()]);
      await page.locator('#persoenliche-kalender-adresse').click({ clickCount: 3 });
      await page.keyboard.press('Control+C');
      const ics = await feed(await clipboardText(page));
      expect(ics).toContain(`SUMMARY:Begleitbeirat: ${meeting.title}`);
      expect(ics).toContain(`SUMMARY:Begleitbeirat: ${meetingOf('keyboard').title}`);
      await context.close();
    });
  });
});

import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_SECRETARY } from '../../src/auth/demo-accounts.js';
import { Membership } from '../../src/bodies/membership.entity.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { AgendaItem } from '../../src/meetings/agenda-item.entity.js';
import { Person } from '../../src/people/person.entity.js';
import { launchBrowser, startBrowserApp, type BrowserApp, type BrowserHandle, DESKTOP } from './support/browser.js';
import { boardMeetings, directoryIds, type BoardMeetings } from './support/fixtures.js';
import { login } from './support/session.js';

/**
 * The pages a body's secretary uses every week stay compact: the attendance form of a body with many
 * members, and the minutes editor's save bar within reach.
 * Measured at 1280 px with this fixture (85 members on the meeting day): 17,678 px before issue 15
 * (a fieldset per member, every deputy select listing everyone), 4,214 px after (one table row each).
 */
const MEMBERS = 60;
const ATTENDANCE_HEIGHT_LIMIT = 5000;
const ROW_HEIGHT_LIMIT = 45;

/** The parts of the page's window these checks read (the test code is compiled without the DOM library). */
interface Win {
  document: { documentElement: { scrollHeight: number }; elementFromPoint(x: number, y: number): { closest(selector: string): { textContent: string | null } | null } | null };
  innerHeight: number;
  scrollTo(x: number, y: number): void;
}
interface ElementLike {
  getAttribute(name: string): string | null;
}
interface SelectLike {
  id: string;
  options: ArrayLike<{ value: string; parentElement: { tagName: string; label?: string } | null }>;
}

describe('compact minutes pages (1280 px)', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  let meetings: BoardMeetings;
  let page: Page;
  let bodyId: number;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    bodyId = (await directoryIds(app)).begleitbeirat;
    meetings = await boardMeetings(app, 'Sitzung mit vielen Mitgliedern');
    await app.t.app.get(DatabaseService).write(async (m) => {
      const current = new Set((await m.getRepository(Membership).find({ where: { bodyId } })).map((x) => x.personId));
      const people = (await m.getRepository(Person).find({ order: { id: 'ASC' } })).filter((p) => !current.has(p.id));
      for (const [i, p] of people.slice(0, MEMBERS).entries()) {
        await m.getRepository(Membership).save({ bodyId, personId: p.id, role: i % 5 === 0 ? 'deputy_member' : 'member', votingRight: i % 5 !== 0 });
      }
      // a long agenda, so the editor is much taller than the window
      for (let i = 3; i < 15; i++) {
        await m.getRepository(AgendaItem).save({ meetingId: meetings.heldId, number: String(i + 1), position: i, level: 0, title: `Bericht der Arbeitsgruppe ${i + 1}`, isPublic: true });
      }
    });
    page = await (await browser.newContext(DESKTOP)).newPage();
    await login(page, app.baseUrl, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
    await page.goto(app.url(`/sitzungen/${meetings.heldId}/protokoll`));
    await Promise.all([page.waitForNavigation(), page.locator('main button', { hasText: 'Protokoll anlegen' }).click()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('keeps the attendance form of a body with many members compact', async () => {
    expect((await page.goto(app.url(`/sitzungen/${meetings.heldId}/protokoll/anwesenheit`)))?.status()).toBe(200);
    const rows = await page.locator('table.attendance-table tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(MEMBERS);
    const height = await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollHeight);
    expect(height).toBeLessThan(ATTENDANCE_HEIGHT_LIMIT);
    const tableHeight = (await page.locator('table.attendance-table tbody').boundingBox())?.height ?? Infinity;
    expect(tableHeight / rows).toBeLessThan(ROW_HEIGHT_LIMIT);
    // save at the top and at the bottom
    await expect(page.locator('main form button[type="submit"]', { hasText: 'Speichern' }).count()).resolves.toBe(2);
  });

  it('offers in each deputy select only the suggestions (body deputies, own organisation), everyone else through the search field', async () => {
    const ds = app.t.app.get(DataSource);
    const memberships = await ds.getRepository(Membership).find({ where: { bodyId } });
    const deputies = new Set(memberships.filter((x) => x.role === 'deputy_member').map((x) => x.personId));
    const people = await ds.getRepository(Person).find();
    const everyone = people.length;
    const orgOf = new Map(people.map((p) => [p.id, p.organisationId]));
    const selects = await page.locator('select[id^="deputy-"]').evaluateAll((els) =>
      (els as unknown as SelectLike[]).map((el) => ({
        personId: Number(el.id.slice('deputy-'.length)),
        options: Array.from(el.options).map((o) => ({ value: o.value, group: o.parentElement?.tagName === 'OPTGROUP' ? (o.parentElement.label ?? null) : null })),
      })),
    );
    expect(selects.length).toBeGreaterThanOrEqual(MEMBERS);
    for (const s of selects) {
      const org = orgOf.get(s.personId) ?? null;
      const suggested = (id: number): boolean => id !== s.personId && (deputies.has(id) || (org !== null && orgOf.get(id) === org));
      expect(s.options[0]).toEqual({ value: '', group: null });
      const rest = s.options.slice(1);
      expect(rest.every((o) => o.group === 'Vorschläge' && suggested(Number(o.value)))).toBe(true);
      expect(rest.length).toBeLessThan(everyone / 2);
      const deputiesOffered = rest.filter((o) => deputies.has(Number(o.value))).length;
      expect(deputiesOffered).toBe([...deputies].filter((id) => id !== s.personId).length);
    }
    // one search field per row, fed by one list of all people
    const search = await page.locator('input[id^="deputySearch-"]').evaluateAll((els) => (els as unknown as ElementLike[]).map((el) => el.getAttribute('list')));
    expect(search).toHaveLength(selects.length);
    expect(new Set(search)).toEqual(new Set(['personen-liste']));
    await expect(page.locator('datalist#personen-liste option').count()).resolves.toBe(everyone);
  });

  it('keeps the editor’s save bar at the bottom of the window in the middle of a long minutes text, with a table of contents at the top', async () => {
    expect((await page.goto(app.url(`/sitzungen/${meetings.heldId}/protokoll/bearbeiten`)))?.status()).toBe(200);
    const { scrollHeight, innerHeight } = await page.evaluate(() => {
      const w = globalThis as unknown as Win;
      return { scrollHeight: w.document.documentElement.scrollHeight, innerHeight: w.innerHeight };
    });
    expect(scrollHeight).toBeGreaterThan(2 * innerHeight);
    await page.evaluate(() => {
      const w = globalThis as unknown as Win;
      w.scrollTo(0, (w.document.documentElement.scrollHeight - w.innerHeight) / 2);
    });
    const save = page.locator('.sticky-actions button', { hasText: 'Speichern' });
    const box = await save.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    expect(box.y).toBeGreaterThan(innerHeight - 150);
    expect(box.y + box.height).toBeLessThanOrEqual(innerHeight);
    // really on top, not covered by a textarea
    const hit = await page.evaluate(([x, y]) => (globalThis as unknown as Win).document.elementFromPoint(x, y)?.closest('button')?.textContent ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit).toBe('Speichern');
    // the table of contents links every agenda item to its section
    const toc = await page.locator('nav.minutes-toc a').evaluateAll((els) => (els as unknown as ElementLike[]).map((a) => a.getAttribute('href') ?? ''));
    expect(toc.length).toBe(15 + 2);
    for (const href of toc) await expect(page.locator(href).count()).resolves.toBe(1);
    await page.locator('nav.minutes-toc a', { hasText: 'Bericht der Arbeitsgruppe 9' }).click();
    expect(new URL(page.url()).hash).toMatch(/^#abschnitt-item-\d+$/);
  });
});

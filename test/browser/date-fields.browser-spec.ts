import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { DataSource, IsNull, Not } from 'typeorm';
import { DEMO_SECRETARY } from '../../src/auth/demo-accounts.js';
import { Membership } from '../../src/bodies/membership.entity.js';
import { ZONE } from '../../src/common/dates.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { ActionItem } from '../../src/minutes/action-item.entity.js';
import { Minutes } from '../../src/minutes/minutes.entity.js';
import { ADMIN, launchBrowser, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { boardMeetings } from './support/fixtures.js';
import { login } from './support/session.js';

/**
 * Date fields round-trip in a real browser: an edit form shows the stored date (native date inputs
 * need ISO YYYY-MM-DD, else Chromium shows them empty and sends ''), and saving without touching it
 * keeps the date.
 */
describe('date fields keep their value through an edit in Chromium', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  let secretary: Page;
  let admin: Page;
  const ds = (): DataSource => app.t.app.get(DataSource);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    secretary = await (await browser.newContext()).newPage();
    admin = await (await browser.newContext()).newPage();
    await login(secretary, app.baseUrl, DEMO_SECRETARY.email, DEMO_SECRETARY.password);
    await login(admin, app.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Submits the main form with the button of this text and waits for the next page. */
  async function save(page: Page, button: string): Promise<number | null> {
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]', { hasText: button }).first().click()]);
    return response?.status() ?? null;
  }

  it('action item: the due date is shown, survives saving untouched, and a new date picked in the field is stored', async () => {
    const drafts = await ds().getRepository(Minutes).findBy({ status: 'draft' });
    const item = await ds()
      .getRepository(ActionItem)
      .findOneOrFail({ where: drafts.map((d) => ({ meetingId: d.meetingId, dueDate: Not(IsNull()) })), order: { id: 'ASC' } });
    const due = item.dueDate as string;
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const edit = app.url(`/sitzungen/${item.meetingId}/protokoll/aufgaben/${item.id}/bearbeiten`);

    await secretary.goto(edit);
    // What the browser really holds in the field (an invalid value would read as '').
    expect(await secretary.inputValue('#aufgabe-dueDate')).toBe(due);
    expect(await save(secretary, 'Aufgabe speichern')).toBe(200);
    expect(new URL(secretary.url()).pathname).toBe(`/sitzungen/${item.meetingId}/protokoll`);
    expect((await ds().getRepository(ActionItem).findOneByOrFail({ id: item.id })).dueDate).toBe(due);

    await secretary.goto(edit);
    await secretary.fill('#aufgabe-dueDate', '2031-02-28');
    expect(await save(secretary, 'Aufgabe speichern')).toBe(200);
    expect((await ds().getRepository(ActionItem).findOneByOrFail({ id: item.id })).dueDate).toBe('2031-02-28');
    await secretary.goto(edit);
    expect(await secretary.inputValue('#aufgabe-dueDate')).toBe('2031-02-28');
  });

  it("meeting: date and times are shown and survive saving untouched", async () => {
    const { laterId } = await boardMeetings(app, 'Sitzung Datumsfeld');
    // 18:00–20:00 Berlin in four weeks (the fixture's hours follow the clock and may cross midnight).
    const day = DateTime.now().setZone(ZONE).plus({ weeks: 4 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
    await app.t.app.get(DatabaseService).write((m) => m.getRepository(Meeting).update(laterId, { startsAt: day.toJSDate(), endsAt: day.plus({ hours: 2 }).toJSDate() }));
    const before = await ds().getRepository(Meeting).findOneByOrFail({ id: laterId });
    await secretary.goto(app.url(`/sitzungen/${laterId}/bearbeiten`));
    expect(await secretary.inputValue('#sitzung-date')).toBe(day.toISODate());
    expect(await secretary.inputValue('#sitzung-startTime')).toBe('18:00');
    expect(await secretary.inputValue('#sitzung-endTime')).toBe('20:00');
    let status = await save(secretary, 'Speichern');
    // A holiday or a clash on that day asks for confirmation; that is no date problem.
    if ((await secretary.locator('main button[name="trotzdem"]').count()) > 0) status = await save(secretary, 'Trotzdem speichern');
    const errors = await secretary.locator('main .field__error').allTextContents();
    expect({ status, errors }).toEqual({ status: 200, errors: [] });
    expect(new URL(secretary.url()).pathname).toBe(`/sitzungen/${laterId}`);
    const after = await ds().getRepository(Meeting).findOneByOrFail({ id: laterId });
    expect([after.startsAt.toISOString(), after.endsAt.toISOString()]).toEqual([before.startsAt.toISOString(), before.endsAt.toISOString()]);
  });

  it('membership: the German start and end dates (text fields) survive saving untouched', async () => {
    const membership = await ds().getRepository(Membership).findOneOrFail({ where: { startDate: Not(IsNull()), endDate: Not(IsNull()) }, order: { id: 'ASC' } });
    await admin.goto(app.url(`/gremien/${membership.bodyId}/mitgliedschaften/${membership.id}/bearbeiten`));
    const german = (iso: string): string => iso.split('-').reverse().join('.');
    expect(await admin.inputValue('#mitgliedschaft-startDate')).toBe(german(membership.startDate as string));
    expect(await admin.inputValue('#mitgliedschaft-endDate')).toBe(german(membership.endDate as string));
    expect(await save(admin, '')).toBe(200);
    expect(new URL(admin.url()).pathname).not.toMatch(/bearbeiten$/);
    const after = await ds().getRepository(Membership).findOneByOrFail({ id: membership.id });
    expect([after.startDate, after.endDate]).toEqual([membership.startDate, membership.endDate]);
  });
});

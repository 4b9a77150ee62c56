import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_MEMBER } from '../../src/auth/demo-accounts.js';
import { RsvpSecretService } from '../../src/mail/rsvp-secret.service.js';
import { DatePoll, DatePollResponse, DatePollSlot } from '../../src/polls/date-poll.entity.js';
import { PollsService } from '../../src/polls/polls.service.js';
import { SeederService } from '../../src/seeder.service.js';
import { launchBrowser, startBrowserApp, type BrowserApp, type BrowserHandle } from './support/browser.js';
import { focused, focusPageStart, pressAndLoad, tabTo, tabToId, tabToText } from './support/keyboard.js';
import { demoPollId } from './support/polls.js';
import { loginByKeyboard } from './support/session.js';

/**
 * Answering a date poll in Chromium by keyboard only (Tab, arrow keys, Space, typing, Enter): from the
 * personal link of the mail without logging in, and as a logged-in member from the body page.
 */
describe('date poll answered by keyboard only', () => {
  let app: BrowserApp;
  let browser: BrowserHandle;
  let pollId: number;
  let slots: DatePollSlot[];
  let memberId: number;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    pollId = await demoPollId(app);
    const ds = app.t.app.get(DataSource);
    slots = await ds.getRepository(DatePollSlot).find({ where: { pollId }, order: { startsAt: 'ASC' } });
    memberId = (await app.t.app.get(SeederService).demoPersonId('plainMember')) as number;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Tab into a slot's radio group (lands on its first or checked radio), then pick with the arrow keys. */
  async function answerSlot(page: Page, slot: DatePollSlot, downPresses: number): Promise<void> {
    await tabTo(page, `radio group of slot ${slot.id}`, (f) => f.name === `slot-${slot.id}`);
    if (downPresses === 0) await page.keyboard.press('Space');
    for (let i = 0; i < downPresses; i++) await page.keyboard.press('ArrowDown');
  }

  async function checkedValue(page: Page, slot: DatePollSlot): Promise<string | null> {
    return page.locator(`input[name="slot-${slot.id}"]:checked`).getAttribute('value');
  }

  it('from the personal link in the mail, without logging in', async () => {
    const poll = await app.t.app.get(DataSource).getRepository(DatePoll).findOneByOrFail({ id: pollId });
    const secret = app.t.app.get(RsvpSecretService).known() as string;
    const link = app.t.app.get(PollsService).linkFor(secret, poll, memberId);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toContain('Terminumfrage');

    await focusPageStart(page);
    await answerSlot(page, slots[0], 0); // Ja
    await answerSlot(page, slots[1], 1); // Wenn nötig
    await answerSlot(page, slots[2], 2); // Nein
    expect([await checkedValue(page, slots[0]), await checkedValue(page, slots[1]), await checkedValue(page, slots[2])]).toEqual(['yes', 'maybe', 'no']);
    await tabToId(page, 'antwort-comment');
    await page.keyboard.type('Am dritten Termin habe ich Dienst.');
    await tabToText(page, 'Antworten speichern');
    await pressAndLoad(page);

    expect(await page.locator('[role="status"]').first().textContent()).toContain('Ihre Antwort ist gespeichert');
    const response = await app.t.app.get(DataSource).getRepository(DatePollResponse).findOneOrFail({ where: { pollId, personId: memberId }, relations: { votes: true } });
    expect(response.comment).toBe('Am dritten Termin habe ich Dienst.');
    expect(new Map(response.votes.map((v) => [v.slotId, v.answer]))).toEqual(new Map([[slots[0].id, 'yes'], [slots[1].id, 'maybe'], [slots[2].id, 'no']]));
    await context.close();
  });

  it('as a logged-in member, from the body page, changing the answer', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const body = (await app.t.app.get(DataSource).getRepository(DatePoll).findOneOrFail({ where: { id: pollId }, relations: { body: true } })).body;
    await page.goto(app.url('/'));
    await loginByKeyboard(page, DEMO_MEMBER.email, DEMO_MEMBER.password);
    await page.goto(app.url(`/gremien/${body.id}`));
    await focusPageStart(page);
    await tabToText(page, 'Terminumfragen des Gremiums');
    await pressAndLoad(page);
    await tabTo(page, 'the demo poll', (f) => f.tag === 'a' && f.href === `/terminumfragen/${pollId}`);
    await pressAndLoad(page);
    // the earlier answers are checked; Tab lands on the checked radio, arrow keys change it
    expect(await checkedValue(page, slots[2])).toBe('no');
    await focusPageStart(page);
    await tabTo(page, `radio group of slot ${slots[2].id}`, (f) => f.name === `slot-${slots[2].id}`);
    expect((await focused(page))?.id).toBe(`termin-${slots[2].id}-no`);
    await page.keyboard.press('ArrowUp');
    expect(await checkedValue(page, slots[2])).toBe('maybe');
    await tabToText(page, 'Antworten speichern');
    await pressAndLoad(page);
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Ihre Antwort ist gespeichert');
    const response = await app.t.app.get(DataSource).getRepository(DatePollResponse).findOneOrFail({ where: { pollId, personId: memberId }, relations: { votes: true } });
    expect(response.votes.find((v) => v.slotId === slots[2].id)?.answer).toBe('maybe');
    await context.close();
  });
});

import { Body } from '../src/bodies/body.entity.js';
import { isCurrentMembership } from '../src/bodies/current-membership.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { addDays, berlinDateOf, berlinToUtc, type LocalDate } from '../src/common/berlin-time.js';
import { todayInBerlin } from '../src/common/dates.js';
import { holidayOn } from '../src/meetings/holidays.js';
import { DatePoll, DatePollResponse, DatePollSlot, DatePollVote, type PollAnswer } from '../src/polls/date-poll.entity.js';
import { DEMO_PEOPLE } from './demo.seed.js';
import type { SeedContext } from './seed-context.js';

export const DEMO_POLL_TITLE = 'Sondersitzung Fortschreibung Integrationskonzept';

function at(date: LocalDate, hour: number): Date {
  const r = berlinToUtc(date, { hour, minute: 0 });
  if (!r.ok) throw new Error('Demo poll: time does not exist in Berlin');
  return r.value.instant;
}

/** The next weekday (Mon–Fri, no public holiday in Mecklenburg-Vorpommern) from `d` on. */
function workday(d: LocalDate): LocalDate {
  let day = d;
  for (let i = 0; i < 14; i++, day = addDays(day, 1)) {
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && !holidayOn(day, 'MV')) return day;
  }
  return day;
}

/**
 * An open date poll of the Begleitbeirat: three slots five to six weeks ahead, answers from most of
 * its members (the demo member Nguyễn has not answered yet, so she can try it), one with a comment.
 */
export async function seedDemoPolls(ctx: SeedContext, now: Date = new Date()): Promise<void> {
  const m = ctx.manager;
  const board = await m.getRepository(Body).findOne({ where: { code: 'BB' } });
  if (!board) return;
  if (await m.getRepository(DatePoll).findOne({ where: { bodyId: board.id, title: DEMO_POLL_TITLE } })) return;
  const today = berlinDateOf(now);
  const poll = await m.getRepository(DatePoll).save(
    m.getRepository(DatePoll).create({
      bodyId: board.id,
      title: DEMO_POLL_TITLE,
      note: 'Wir brauchen einen zusätzlichen Termin für die Fortschreibung des Integrationskonzeptes. Bitte geben Sie an, wann Sie können.',
      deadline: at(addDays(today, 15), 0),
      state: 'open',
    }),
  );
  const days = [workday(addDays(today, 35)), workday(addDays(today, 38)), workday(addDays(today, 42))];
  await m.getRepository(DatePollSlot).insert(days.map((d, i) => ({ pollId: poll.id, position: i + 1, startsAt: at(d, 17), endsAt: at(d, 19), locationId: null })));
  const slots = await m.getRepository(DatePollSlot).find({ where: { pollId: poll.id }, order: { position: 'ASC' } });
  ctx.created += 1 + slots.length;

  const day = todayInBerlin(now);
  const memberships = (await m.getRepository(Membership).find({ where: { bodyId: board.id }, relations: { person: true }, order: { id: 'ASC' } })).filter(
    (ms) => isCurrentMembership(ms, day) && ms.person.deletedAt === null && ms.person.familyName !== DEMO_PEOPLE.plainMember.familyName,
  );
  const seen = new Set<number>();
  const patterns: PollAnswer[][] = [
    ['yes', 'no', 'maybe'],
    ['yes', 'yes', 'no'],
    ['maybe', 'yes', 'yes'],
    ['no', 'yes', 'yes'],
    ['yes', 'maybe', 'no'],
  ];
  let n = 0;
  for (const ms of memberships) {
    if (seen.has(ms.personId) || n >= 9) continue;
    seen.add(ms.personId);
    const answers = patterns[n % patterns.length];
    const inserted = await m.getRepository(DatePollResponse).insert({
      pollId: poll.id,
      personId: ms.personId,
      comment: n === 1 ? 'Am ersten Termin erst ab 17:30 Uhr.' : null,
      answeredByPersonId: null,
      respondedAt: new Date(now.getTime() - (n + 1) * 3_600_000),
    });
    const responseId = Number(inserted.identifiers[0].id);
    await m.getRepository(DatePollVote).insert(slots.map((s, i) => ({ responseId, slotId: s.id, answer: answers[i] })));
    ctx.created += 1 + slots.length;
    n++;
  }
}

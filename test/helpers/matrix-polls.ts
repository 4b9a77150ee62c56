import { Circular, CircularTarget } from '../../src/circulars/circular.entity.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { RsvpSecretService } from '../../src/mail/rsvp-secret.service.js';
import { signLinkToken } from '../../src/mail/rsvp-token.js';
import { DatePoll, DatePollSlot } from '../../src/polls/date-poll.entity.js';
import { pollLinkValidUntil } from '../../src/polls/poll-rules.js';
import type { TestApp } from './test-app.js';

/** Date polls of body A for the role × route matrix. */
export interface MatrixPollIds {
  /** An open poll of body A with two slots (in 30 and 31 days). */
  pollA: number;
  /** Open polls of body A that the "close" line closes: one for chair A, one for the admin. */
  pollToClose: { chairA: number; admin: number };
  /** A signed answer link of pollA for chair A's person. */
  pollToken: string;
  /** A circular sent to body A. */
  circularA: number;
}

const DAY = 86_400_000;

export async function createMatrixPolls(t: TestApp, ids: { bodyA: number; chairAPerson: number }): Promise<MatrixPollIds> {
  const db = t.app.get(DatabaseService);
  const secret = await db.write((m) => t.app.get(RsvpSecretService).within(m));
  const now = Date.now();
  const poll = (title: string): Promise<DatePoll> =>
    db.write(async (m) => {
      const saved = await m.getRepository(DatePoll).save(m.getRepository(DatePoll).create({ bodyId: ids.bodyA, title, note: null, deadline: new Date(now + 20 * DAY), state: 'open' }));
      await m.getRepository(DatePollSlot).insert([
        { pollId: saved.id, position: 1, startsAt: new Date(now + 30 * DAY), endsAt: new Date(now + 30 * DAY + 7_200_000), locationId: null },
        { pollId: saved.id, position: 2, startsAt: new Date(now + 31 * DAY), endsAt: new Date(now + 31 * DAY + 7_200_000), locationId: null },
      ]);
      return saved;
    });
  const pollA = await poll('Matrix-Umfrage');
  const closeA = await poll('Matrix-Umfrage zum Schließen (Vorsitz)');
  const closeAdmin = await poll('Matrix-Umfrage zum Schließen (Admin)');
  const pollToken = signLinkToken(secret, 'p1', { subjectId: pollA.id, personId: ids.chairAPerson, expiresAt: pollLinkValidUntil(pollA.deadline) });
  const circularA = await db.write(async (m) => {
    const c = await m.getRepository(Circular).save(m.getRepository(Circular).create({ scope: 'body', subject: 'Matrix-Rundschreiben', text: 'Text', senderAccountId: null, senderName: 'Matrix', replyTo: null, formToken: 'm'.repeat(32) }));
    await m.getRepository(CircularTarget).insert({ circularId: c.id, bodyId: ids.bodyA, organisationId: null });
    return c.id;
  });
  return { pollA: pollA.id, pollToClose: { chairA: closeA.id, admin: closeAdmin.id }, pollToken, circularA };
}

import { Body } from '../src/bodies/body.entity.js';
import { isCurrentMembership } from '../src/bodies/current-membership.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { Circular, CircularRecipient, CircularTarget } from '../src/circulars/circular.entity.js';
import { personDisplayName } from '../src/people/person-name.js';
import { DEMO_PEOPLE } from './demo.seed.js';
import type { SeedContext } from './seed-context.js';

const CIRCULARS = [
  {
    subject: 'Unterlagen zur Fortschreibung des Integrationskonzeptes',
    text: 'Liebe Mitglieder des Begleitbeirates,\n\nanbei der Stand der **Fortschreibung**. Bitte lesen Sie bis zur nächsten Sitzung:\n\n- Kapitel 3 (Sprache und Bildung)\n- Kapitel 5 (Arbeit)\n\nMit freundlichen Grüßen',
    daysAgo: 12,
  },
  {
    subject: 'Terminumfrage für die Sondersitzung',
    text: 'Liebe Mitglieder,\n\nbitte tragen Sie sich in die Terminumfrage für die Sondersitzung ein – den Link haben Sie per E-Mail erhalten.\n\nDanke!',
    daysAgo: 2,
  },
];

/**
 * Two circulars of the Begleitbeirat's deputy chair to its members (as sent: every recipient listed;
 * demo data was never mailed, so no outbox rows).
 */
export async function seedDemoCirculars(ctx: SeedContext, now: Date = new Date()): Promise<void> {
  const m = ctx.manager;
  const board = await m.getRepository(Body).findOne({ where: { code: 'BB' } });
  if (!board) return;
  const day = todayInBerlin(now);
  const memberships = (await m.getRepository(Membership).find({ where: { bodyId: board.id }, relations: { person: { emails: true } }, order: { id: 'ASC' } })).filter(
    (ms) => isCurrentMembership(ms, day) && ms.person.deletedAt === null,
  );
  const sender = memberships.find((ms) => ms.person.familyName === DEMO_PEOPLE.boardDeputyChair.familyName)?.person;
  for (const [i, c] of CIRCULARS.entries()) {
    if (await m.getRepository(Circular).findOne({ where: { subject: c.subject } })) continue;
    const createdAt = new Date(now.getTime() - c.daysAgo * 86_400_000);
    const circular = await m.getRepository(Circular).save(
      m.getRepository(Circular).create({
        scope: 'body',
        subject: c.subject,
        text: c.text,
        senderAccountId: null,
        senderName: sender ? personDisplayName(sender) : board.name,
        replyTo: DEMO_PEOPLE.boardDeputyChair.email,
        formToken: `demo-circular-${i + 1}`.padEnd(32, '0'),
        createdAt,
      }),
    );
    await m.getRepository(CircularTarget).insert({ circularId: circular.id, bodyId: board.id, organisationId: null });
    const seen = new Set<number>();
    const rows = [];
    for (const ms of memberships) {
      if (seen.has(ms.personId)) continue;
      seen.add(ms.personId);
      const address = [...(ms.person.emails ?? [])].sort((a, b) => a.position - b.position)[0]?.email ?? null;
      rows.push({ circularId: circular.id, personId: ms.personId, name: personDisplayName(ms.person), address, asDeputy: ms.role === 'deputy_member', mailId: null, note: address ? 'Demodaten (nicht verschickt)' : 'keine E-Mail-Adresse hinterlegt' });
    }
    for (let k = 0; k < rows.length; k += 50) await m.getRepository(CircularRecipient).insert(rows.slice(k, k + 50));
    ctx.created += 2 + rows.length;
  }
}

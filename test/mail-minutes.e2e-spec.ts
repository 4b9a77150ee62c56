import { DateTime } from 'luxon';
import { Membership } from '../src/bodies/membership.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { Person } from '../src/people/person.entity.js';
import { personSortKey } from '../src/people/person-name.js';
import { loggedInAgent, postForm } from './helpers/auth.js';
import { createMeetingFixture, mailSuite, type MeetingFixture, type RunningApp, type TestSmtpServer } from './helpers/mail.js';

describe('circulating minutes mails every current member once, through the outbox', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;
  let f: MeetingFixture;
  let upcomingAddress: string;

  beforeAll(async () => {
    ({ t, smtp } = suite);
    // minutes need a meeting that has begun
    f = await createMeetingFixture(t.db, { code: 'PRO', startsAt: new Date(Date.now() - 3 * 86_400_000) });
    upcomingAddress = 'kuenftig-pro@example.org';
    const startsLater = DateTime.now().setZone('Europe/Berlin').plus({ days: 10 }).toISODate() ?? '';
    await t.db.write(async (m) => {
      const p = await m.getRepository(Person).save(
        m.getRepository(Person).create({ formOfAddress: 'Herr', givenName: 'Kai', familyName: 'Künftig', sortKey: personSortKey({ givenName: 'Kai', familyName: 'Künftig' }), emails: [{ email: upcomingAddress, position: 0 }] }),
      );
      await m.getRepository(Membership).save(m.getRepository(Membership).create({ bodyId: f.bodyId, personId: p.id, role: 'member', votingRight: true, startDate: startsLater }));
    });
  });

  it('sends each current member one mail naming the meeting, lists members without an address, and never mails twice', async () => {
    const chair = await loggedInAgent(t, { email: 'vorsitz-pro@example.org', password: 'Vorsitz-Passwort-2026', personId: f.chairId });
    const path = `/sitzungen/${f.meetingId}/protokoll`;
    expect((await postForm(chair, path)).status).toBe(303);
    const circulated = await postForm(chair, `${path}/verschicken`);
    expect(circulated.status).toBe(303);
    expect(circulated.headers.location).toBe(`${path}#verschickt`);

    const page = await chair.get(path).expect(200);
    expect(page.text).toContain('id="verschickt"');
    expect(page.text).toContain('4 Mitglieder wurden per E-Mail benachrichtigt.');
    expect(page.text).toContain('Ohne E-Mail-Adresse');
    expect(page.text).toContain(`<a href="/personen/${f.withoutEmailId}">Ömer Yılmaz</a>`);
    // the confirmation is shown once
    expect((await chair.get(path).expect(200)).text).not.toContain('id="verschickt"');

    const queued = await t.db.dataSource.getRepository(OutboxMail).find({ where: { kind: 'minutes_circulated' } });
    expect(queued.map((m) => m.personId).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Object.values(f.members).sort((a, b) => a - b));
    await t.worker.drain();
    const received = await smtp.waitFor(4);
    expect(received).toHaveLength(4);
    const addresses = received.flatMap((m) => m.envelopeTo).sort();
    expect(addresses).toEqual(['haddad-PRO@example.org', 'muessig-PRO@example.org', 'nguyen-PRO@example.org', 'petrova-PRO@example.org'].sort());
    expect(addresses).not.toContain('frueher-PRO@example.org');
    expect(addresses).not.toContain(upcomingAddress);

    const forNguyen = received.find((m) => m.envelopeTo.includes('nguyen-PRO@example.org'));
    const day = DateTime.fromMillis(Date.now() - 3 * 86_400_000).setZone('Europe/Berlin');
    expect(forNguyen?.parsed.subject).toBe(`Protokoll zur Durchsicht: Sitzung über Änderungen – Совет (Beirat für Integration PRO, ${day.toFormat('dd.MM.yyyy')})`);
    const text = forNguyen?.parsed.text ?? '';
    expect(text).toContain('„Sitzung über Änderungen – Совет“ des Gremiums „Beirat für Integration PRO“');
    expect(text).toContain(`Datum: ${day.setLocale('de').toFormat('cccc, d. MMMM yyyy')}`);
    expect(text).toContain('nur für Mitglieder sichtbar. Bitte melden Sie sich');
    expect(text).toContain(`${t.config.baseUrl}/anmelden?next=${encodeURIComponent(path)}`);
    expect(text).toContain(`${t.config.baseUrl}${path}`);

    // withdrawn and circulated again: nobody gets the mail a second time
    expect((await postForm(chair, `${path}/zuruecknehmen`)).status).toBe(303);
    expect((await postForm(chair, `${path}/verschicken`)).status).toBe(303);
    const again = await chair.get(path).expect(200);
    expect(again.text).toContain('0 Mitglieder wurden per E-Mail benachrichtigt.');
    expect(again.text).toContain('4 Mitglieder hatten die Nachricht zu diesem Protokoll schon erhalten');
    expect(await t.db.dataSource.getRepository(OutboxMail).count({ where: { kind: 'minutes_circulated' } })).toBe(4);
    await t.worker.drain();
    expect(smtp.received).toHaveLength(4);

    // the mails show on the meeting's mail page with their German label
    const mails = await chair.get(`/sitzungen/${f.meetingId}/versand`).expect(200);
    expect(mails.text).toContain('Protokoll zur Durchsicht');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { memberViewer } from '../../src/auth/viewer.js';
import { CalendarTokenService } from '../../src/calendar/calendar-token.service.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { MailService } from '../../src/mail/mail.service.js';
import { outboxDir } from '../../src/mail/mail-transport.js';
import { OutboxMail } from '../../src/mail/outbox-mail.entity.js';
import { RsvpSecretService } from '../../src/mail/rsvp-secret.service.js';
import { signRsvpToken } from '../../src/mail/rsvp-token.js';
import { AgendaItem } from '../../src/meetings/agenda-item.entity.js';
import { Location } from '../../src/meetings/location.entity.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { ActionItemsService } from '../../src/minutes/action-items.service.js';
import { DecisionsService } from '../../src/minutes/decisions.service.js';
import { MinutesService } from '../../src/minutes/minutes.service.js';
import type { TestApp } from './test-app.js';

/** Records the meetings, minutes and mail lines of the role × route matrix point at. */
export interface MatrixMeetingIds {
  location: number;
  /** Public, scheduled, body A, in 5 days: inside the 14-day notice period (inviting asks to confirm first). */
  meetingA: number;
  /** Public, body A, in 7 days, already invited: the answer reminder needs an invitation that went out. */
  invitedMeetingA: number;
  /** TOP 1 and TOP 2 of meetingA (first and last: moving them further up/down changes nothing). */
  agendaFirst: number;
  agendaLast: number;
  /** Internal, scheduled, body A, in 12 days. */
  internalMeetingA: number;
  /** Items of the internal meeting that the delete line removes: one for chair A, one for the admin. */
  agendaToDelete: { chairA: number; admin: number };
  /** Public, scheduled, body B, in 9 days (chair A is a plain member of body B). */
  meetingB: number;
  /** Held meetings of body A (public) and their minutes. */
  draftMeeting: number;
  circulatedMeeting: number;
  approvedMeeting: number;
  /** Held, no minutes yet (the "start minutes" line creates them). */
  heldWithoutMinutes: number;
  /** Held with draft minutes, one per acting role (the "circulate" line moves them on). */
  draftToCirculate: { chairA: number; admin: number };
  /** Held with circulated minutes, one per acting role (the "withdraw" line takes them back). */
  circulatedToWithdraw: { chairA: number; admin: number };
  /** A decision and an action item of the draft minutes. */
  decision: number;
  actionItem: number;
  /** An action item of the circulated minutes (responsible: an organisation, none of the role accounts). */
  circulatedActionItem: number;
  /** A mail about meetingA delivered to the outbox folder (has an .eml file), and one that failed. */
  deliveredMail: number;
  failedMail: number;
  /** A signed RSVP link for meetingA and chair A's person. */
  rsvpToken: string;
  /** Chair A's personal calendar feed token. */
  calendarToken: string;
}

const DAY = 86_400_000;

/** 18:00–20:00 (UTC, i.e. evening in Berlin) `days` from today (negative: in the past). */
function at(days: number): { startsAt: Date; endsAt: Date } {
  const d = new Date(Date.now() + days * DAY);
  const startsAt = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 17, 0, 0));
  return { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) };
}

/**
 * Meetings, agendas, minutes in every state, a decision, action items, outbox mails, an RSVP link
 * and a personal feed token — created through the real services (minutes, decisions, action items,
 * mail queue, calendar token) or repositories inside DatabaseService.write.
 */
export async function createMatrixMeetings(
  t: TestApp,
  input: { bodyA: number; bodyB: number; organisation: number; chairAPerson: number; chairAAccount: number; adminAccount: number },
): Promise<MatrixMeetingIds> {
  const db = t.app.get(DatabaseService);
  const admin = memberViewer(input.adminAccount, null, true);
  let counter = 0;

  const base = await db.write(async (m) => {
    const location = await m.getRepository(Location).save({ name: 'Stadthaus, Demmlersaal (Matrix)', room: '1.001', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' });
    const meeting = async (bodyId: number, title: string, days: number, state: Meeting['state'], isPublic = true): Promise<Meeting> =>
      m.getRepository(Meeting).save({ bodyId, title, ...at(days), locationId: location.id, state, isPublic, uid: `matrix-${++counter}@test`, sequence: 0 });
    const item = (meetingId: number, number: string, position: number, title: string): Promise<AgendaItem> =>
      m.getRepository(AgendaItem).save({ meetingId, number, position, level: 0, title, isPublic: true });

    const meetingA = await meeting(input.bodyA, 'Sitzung des Begleitbeirats (Matrix)', 5, 'scheduled');
    const agendaFirst = await item(meetingA.id, '1', 0, 'Begrüßung');
    const agendaLast = await item(meetingA.id, '2', 1, 'Bericht der Servicestelle Integration');
    const internal = await meeting(input.bodyA, 'Klausur des Begleitbeirats (Matrix)', 12, 'scheduled', false);
    const deleteChairA = await item(internal.id, '1', 0, 'Zu löschen (Vorsitz)');
    const deleteAdmin = await item(internal.id, '2', 1, 'Zu löschen (Administration)');
    const meetingB = await meeting(input.bodyB, 'Runder Tisch Asyl (Matrix)', 9, 'scheduled');
    const invitedA = await meeting(input.bodyA, 'Eingeladene Sitzung des Begleitbeirats (Matrix)', 7, 'invited');
    const held = async (title: string, days: number): Promise<number> => {
      const mt = await meeting(input.bodyA, title, days, 'held');
      await item(mt.id, '1', 0, 'Bericht');
      return mt.id;
    };
    return {
      location: location.id,
      meetingA: meetingA.id,
      invitedMeetingA: invitedA.id,
      agendaFirst: agendaFirst.id,
      agendaLast: agendaLast.id,
      internalMeetingA: internal.id,
      agendaToDelete: { chairA: deleteChairA.id, admin: deleteAdmin.id },
      meetingB: meetingB.id,
      draftMeeting: await held('Protokoll im Entwurf', -30),
      circulatedMeeting: await held('Protokoll verschickt', -60),
      approvedMeeting: await held('Protokoll genehmigt', -90),
      heldWithoutMinutes: await held('Noch ohne Protokoll', -20),
      draftToCirculate: { chairA: await held('Zu verschicken (Vorsitz)', -40), admin: await held('Zu verschicken (Administration)', -41) },
      circulatedToWithdraw: { chairA: await held('Zurückzunehmen (Vorsitz)', -50), admin: await held('Zurückzunehmen (Administration)', -51) },
    };
  });

  const minutes = t.app.get(MinutesService);
  const decisions = t.app.get(DecisionsService);
  const actionItems = t.app.get(ActionItemsService);
  const agendaOf = async (meetingId: number): Promise<number> => (await t.app.get(DataSource).getRepository(AgendaItem).findOneByOrFail({ meetingId })).id;
  for (const id of [base.draftMeeting, base.circulatedMeeting, base.approvedMeeting, base.draftToCirculate.chairA, base.draftToCirculate.admin, base.circulatedToWithdraw.chairA, base.circulatedToWithdraw.admin]) {
    await minutes.create(id, admin);
  }
  const decision = await decisions.create(base.draftMeeting, admin, {
    agendaItemId: await agendaOf(base.draftMeeting),
    text: 'Der Begleitbeirat empfiehlt Sprachmittlung auf Ukrainisch, Arabisch und Farsi.',
    unanimous: true,
    votesYes: null,
    votesNo: null,
    votesAbstain: null,
    result: 'adopted',
  });
  const actionItem = await actionItems.create(base.draftMeeting, admin, {
    agendaItemId: null,
    what: 'Flyer übersetzen lassen',
    responsiblePersonId: null,
    responsibleOrganisationId: input.organisation,
    dueDate: null,
  });
  const circulatedActionItem = await actionItems.create(base.circulatedMeeting, admin, {
    agendaItemId: await agendaOf(base.circulatedMeeting),
    what: 'Raum für die nächste Sitzung buchen',
    responsiblePersonId: null,
    responsibleOrganisationId: input.organisation,
    dueDate: null,
  });
  for (const id of [base.circulatedMeeting, base.approvedMeeting, base.circulatedToWithdraw.chairA, base.circulatedToWithdraw.admin]) {
    await minutes.transition(id, admin, 'circulate', null);
  }
  // approved in a later meeting that has taken place (approval needs a meeting that has begun)
  await minutes.transition(base.approvedMeeting, admin, 'approve', base.heldWithoutMinutes);

  // Two mails about meetingA: one "delivered" into the outbox folder (with its .eml file), one failed.
  const mail = t.app.get(MailService);
  const [deliveredMail, failedMail] = await db.write(async (m) => {
    const ids: number[] = [];
    for (const [n, status] of [[1, 'sent'], [2, 'failed']] as const) {
      await mail.queue(m, {
        kind: 'invitation',
        to: { address: `matrix-${n}@example.org`, name: 'Дмитрий Авраменко' },
        subject: 'Einladung: Sitzung des Begleitbeirats (Matrix)',
        text: 'Sehr geehrte Damen und Herren, …',
        meetingId: base.meetingA,
        personId: input.chairAPerson,
        dedupKey: `matrix:${n}`,
      });
      const row = await m.getRepository(OutboxMail).findOneByOrFail({ dedupKey: `matrix:${n}` });
      const delivered = status === 'sent' ? { deliveredVia: 'file' as const, deliveryNote: `matrix-${row.id}.eml`, sentAt: new Date() } : { lastError: '550 Postfach unbekannt' };
      await m.getRepository(OutboxMail).update({ id: row.id }, { status, attempts: 1, ...delivered });
      ids.push(row.id);
    }
    return ids;
  });
  mkdirSync(outboxDir(t.config), { recursive: true });
  writeFileSync(join(outboxDir(t.config), `matrix-${deliveredMail}.eml`), 'Subject: Einladung\r\n\r\nText\r\n');

  const secret = t.app.get(RsvpSecretService).known();
  if (secret === null) throw new Error('The RSVP secret is created on start');
  const rsvpToken = signRsvpToken(secret, { meetingId: base.meetingA, personId: input.chairAPerson, expiresAt: new Date(Date.now() + 30 * DAY) });
  const calendarToken = await t.app.get(CalendarTokenService).regenerate(memberViewer(input.chairAAccount, input.chairAPerson));

  return { ...base, decision: decision.id, actionItem: actionItem.id, circulatedActionItem: circulatedActionItem.id, deliveredMail, failedMail, rsvpToken, calendarToken };
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SetPasswordLink } from '../auth/accounts.service.js';
import { memberViewer } from '../auth/viewer.js';
import { meetingEvent, meetingSummary } from '../calendar/meeting-event.js';
import { berlinDay } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { agendaLine } from '../meetings/agenda.js';
import { effectiveOnlineLink, locationText } from '../meetings/location-view.js';
import type { MeetingChange } from '../meetings/meeting-events.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { canSee } from '../people/contact-visibility.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import { participantNotes } from '../meetings/participant-notes.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentMailLines } from '../documents/documents.view-model.js';
import { type MailText, type MeetingFacts, meetingMailText, type Salutation, setPasswordText } from './mail-texts.js';
import { MailSignal } from './mail-signal.js';
import { renderItip } from './meeting-itip.js';
import { currentMembers, firstEmail, peopleWithEmails, previousMeetingRecipientIds } from './meeting-recipients.js';
import { type CalendarMethod, type MailKind, OutboxMail } from './outbox-mail.entity.js';
import { RsvpSecretService } from './rsvp-secret.service.js';
import { signRsvpToken } from './rsvp-token.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';

/** One mail to put into the outbox. */
export interface NewMail {
  kind: MailKind;
  to: { address: string; name?: string | null };
  replyTo?: string | null;
  subject: string;
  text: string;
  calendar?: { method: CalendarMethod; content: string } | null;
  meetingId?: number | null;
  personId?: number | null;
  accountId?: number | null;
  /** The same key is queued only once (later calls with it do nothing). */
  dedupKey?: string | null;
  /** Replace the text once sent (it holds a secret link). */
  scrubAfterSend?: boolean;
  /** A sanitised HTML alternative of the text. */
  html?: string | null;
  /** List-Id header value. */
  listId?: string | null;
  /** One-click unsubscribe URL (List-Unsubscribe + List-Unsubscribe-Post). */
  listUnsubscribe?: string | null;
}

export interface MeetingMailResult {
  /** Mails put into the outbox now. */
  queued: number;
  /** Recipients who already had this very mail (same meeting version). */
  alreadyQueued: number;
  /** Recipients without an email address: the chair must reach them another way. */
  withoutEmail: { personId: number; name: string }[];
}

export type SetPasswordMail = SetPasswordLink;

const ERASED_BODY = '(Der Inhalt wurde gelöscht, weil die empfangende Person gelöscht wurde.)';
/** The address of mails whose recipient was erased; such mails are never sent again. */
export const ERASED_ADDRESS = 'geloescht@empfaenger.invalid';

/** An RSVP link stays valid until a day after the meeting ends (and at least a day from now). */
/** The dedup key prefix of one issue of a meeting's invitation (every mail of that issue starts with it). */
export function invitationKeyPrefix(meeting: Pick<Meeting, 'id' | 'sequence' | 'invitedAt'>): string {
  return `invitation:m${meeting.id}:s${meeting.sequence}:i${meeting.invitedAt?.getTime() ?? 0}:`;
}

export function rsvpValidUntil(meeting: Pick<Meeting, 'endsAt'>, now: Date): Date {
  return new Date(Math.max(meeting.endsAt.getTime(), now.getTime()) + 86_400_000);
}

export function salutationOf(p: Person): Salutation {
  return { formOfAddress: p.formOfAddress, academicTitle: p.academicTitle, givenName: p.givenName, familyName: p.familyName };
}

/** Rows per INSERT when queueing many mails at once (well below every engine's parameter limit). */
const INSERT_CHUNK = 100;

/**
 * The outbox: every mail of the app is queued here, INSIDE the caller's DatabaseService.write
 * transaction, so the mail exists exactly when the change that caused it was committed. The worker
 * (MailWorker) sends it afterwards. Meeting mails follow the 'meeting.changed' event that meetings
 * publishes in its write transaction (the handler registered below runs in that same transaction);
 * a set-password link follows 'account.password-link-issued' from auth the same way.
 */
@Injectable()
export class MailService {
  private readonly host: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rsvpSecret: RsvpSecretService,
    private readonly signal: MailSignal,
    private readonly policy: BodyPolicyService,
    private readonly documents: DocumentsService,
    events: DomainEvents,
  ) {
    this.host = new URL(config.baseUrl).hostname;
    events.on('meeting.changed', async (manager, e) => {
      await this.queueMeetingMails(manager, e.meetingId, e.change, e.at, e.answersReset === true);
    });
  }

  /** Puts one mail into the outbox; false when its dedup key was queued before. */
  async queue(manager: EntityManager, mail: NewMail, now: Date = new Date()): Promise<boolean> {
    const [inserted] = await this.queueAll(manager, [mail], now);
    return inserted;
  }

  /**
   * Puts mails into the outbox with one INSERT and one read-back per hundred (not two round trips per
   * mail: this runs inside the caller's write transaction). Per mail: false when its dedup key was
   * queued before.
   */
  async queueAll(manager: EntityManager, mails: readonly NewMail[], now: Date = new Date()): Promise<boolean[]> {
    const rows = mails.map((mail) => this.outboxRow(mail, now));
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await manager.createQueryBuilder().insert().into(OutboxMail).values(chunk).orIgnore().execute();
      const found = await manager
        .getRepository(OutboxMail)
        .createQueryBuilder('o')
        .select('o.messageId', 'messageId')
        .where('o.messageId IN (:...ids)', { ids: chunk.map((r) => r.messageId) })
        .getRawMany<{ messageId: string }>();
      for (const f of found) inserted.add(f.messageId);
    }
    // The worker claims through DatabaseService.write, i.e. only after this transaction has ended.
    if (inserted.size > 0) this.signal.wake();
    return rows.map((r) => inserted.has(r.messageId));
  }

  /** One outbox row, with a fresh Message-ID (the row's identity until the INSERT tells which rows went in). */
  private outboxRow(mail: NewMail, now: Date): Partial<OutboxMail> & { messageId: string } {
    return {
      messageId: `<${randomUUID()}@${this.host}>`,
      kind: mail.kind,
      dedupKey: mail.dedupKey ?? null,
      toAddress: mail.to.address.trim(),
      toName: mail.to.name?.replace(/[\r\n]+/g, ' ').slice(0, 200) ?? null,
      replyTo: mail.replyTo ?? null,
      subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 500),
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      listId: mail.listId?.replace(/[\r\n]+/g, ' ').slice(0, 250) ?? null,
      listUnsubscribe: mail.listUnsubscribe?.slice(0, 500) ?? null,
      calendarMethod: mail.calendar?.method ?? null,
      calendarContent: mail.calendar?.content ?? null,
      meetingId: mail.meetingId ?? null,
      personId: mail.personId ?? null,
      accountId: mail.accountId ?? null,
      scrubAfterSend: mail.scrubAfterSend ?? false,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Queues the mails for a change of a meeting, one per recipient, each with its iTIP part:
   * - 'invitation': every current member of the body (METHOD:REQUEST, RSVP link);
   * - 'update' / 'postponement': everyone who got the meeting before, and current members
   *   (METHOD:REQUEST with the same UID and the meeting's — raised — SEQUENCE);
   * - 'cancellation': everyone who got the meeting before (METHOD:CANCEL, STATUS:CANCELLED).
   * Call it after writing the change, in the same transaction. Updates and cancellations of a meeting
   * nobody was invited to send nothing. Repeating a call for the same meeting version (same SEQUENCE and
   * invitation time, or same last change for updates) queues nothing new; issuing the invitation again
   * (a new invitedAt) sends it again.
   */
  async queueMeetingMails(manager: EntityManager, meetingId: number, change: MeetingChange, now: Date = new Date(), answersReset = false): Promise<MeetingMailResult> {
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id: meetingId }, relations: { body: true, location: true } });
    if (!meeting) throw new Error(`queueMeetingMails: meeting ${meetingId} not found`);
    const day = berlinDay(meeting.startsAt);
    const result: MeetingMailResult = { queued: 0, alreadyQueued: 0, withoutEmail: [] };

    // a held meeting is history: corrections need no mail
    if (meeting.state === 'held' && change !== 'invitation') return result;
    const previousIds = await previousMeetingRecipientIds(manager, meeting.id);
    let recipients: Person[];
    if (change === 'invitation') {
      recipients = await currentMembers(manager, meeting.bodyId, day);
    } else {
      if (previousIds.length === 0) return result;
      const previous = await peopleWithEmails(manager, previousIds);
      const current = change === 'cancellation' ? [] : await currentMembers(manager, meeting.bodyId, day);
      const byId = new Map<number, Person>();
      for (const p of [...previous, ...current]) if (!byId.has(p.id)) byId.set(p.id, p);
      recipients = [...byId.values()];
    }
    if (recipients.length === 0) return result;

    const agenda = await manager.getRepository(AgendaItem).find({ where: { meetingId: meeting.id }, order: { position: 'ASC', id: 'ASC' } });
    const chair = await this.policy.currentChair(meeting.bodyId, day, manager);
    const event = meetingEvent(meeting, agenda, { baseUrl: this.config.baseUrl, host: this.host, chair });
    const documents = documentMailLines(await this.documents.allOf(meeting, manager), (id) => this.documents.documentUrl(id));
    const facts = { ...this.meetingFacts(meeting, agenda, chair, event.url), documents };
    const replyTo = chair && canSee(chair.emailVisibility, memberViewer(0), chair.consentAt) ? firstEmail(chair) : null;
    const method: CalendarMethod = change === 'cancellation' ? 'CANCEL' : 'REQUEST';
    const secret = change === 'cancellation' ? null : await this.rsvpSecret.within(manager);
    const validUntil = rsvpValidUntil(meeting, now);
    const kind: MailKind = change === 'invitation' ? 'invitation' : change === 'cancellation' ? 'cancellation' : 'update';

    const mails: NewMail[] = [];
    for (const person of recipients) {
      const address = firstEmail(person);
      const name = personDisplayName(person);
      if (!address) {
        result.withoutEmail.push({ personId: person.id, name });
        continue;
      }
      const rsvp = secret
        ? { url: `${this.config.baseUrl}/antwort/${signRsvpToken(secret, { meetingId: meeting.id, personId: person.id, expiresAt: validUntil })}`, validUntil }
        : null;
      // a current member who never got the meeting receives an update as their invitation
      const effectiveChange: MeetingChange = change !== 'invitation' && change !== 'cancellation' && !previousIds.includes(person.id) ? 'invitation' : change;
      const text: MailText = meetingMailText(effectiveChange, facts, salutationOf(person), rsvp, answersReset);
      const calendar = renderItip(event, method, { name, email: address }, now, this.host);
      const dedupKey =
        kind === 'invitation'
          ? `${invitationKeyPrefix(meeting)}p${person.id}`
          : kind === 'cancellation'
            ? `cancellation:m${meeting.id}:p${person.id}`
            : `update:m${meeting.id}:s${meeting.sequence}:t${meeting.updatedAt.getTime()}:p${person.id}`;
      mails.push({
        kind: effectiveChange === 'invitation' ? 'invitation' : kind,
        to: { address, name },
        replyTo,
        subject: text.subject,
        text: text.text,
        calendar: { method, content: calendar },
        meetingId: meeting.id,
        personId: person.id,
        dedupKey,
      });
    }
    // Texts and iTIP bodies are made above without touching the database; then one batch insert.
    for (const queued of await this.queueAll(manager, mails, now)) {
      if (queued) result.queued++;
      else result.alreadyQueued++;
    }
    return result;
  }

  /**
   * What the members will read when the meeting moves to the new times (the chair's preview before
   * confirming): the postponement mail as it will be queued, with a neutral salutation and a
   * placeholder for each member's personal answer link. Reads only.
   */
  async postponementPreview(manager: EntityManager, meetingId: number, startsAt: Date, endsAt: Date, answersReset: boolean, now: Date = new Date()): Promise<MailText> {
    const meeting = await manager.getRepository(Meeting).findOneOrFail({ where: { id: meetingId }, relations: { body: true, location: true } });
    const moved = Object.assign(Object.create(Object.getPrototypeOf(meeting) as object) as Meeting, meeting, { startsAt, endsAt });
    const agenda = await manager.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
    const chair = await this.policy.currentChair(meeting.bodyId, berlinDay(startsAt), manager);
    const facts = this.meetingFacts(moved, agenda, chair, `${this.config.baseUrl}/sitzungen/${meetingId}`);
    const to: Salutation = { formOfAddress: '', academicTitle: null, givenName: '[Vorname', familyName: 'Nachname]' };
    return meetingMailText('postponement', facts, to, { url: '[persönlicher Antwort-Link des Mitglieds]', validUntil: rsvpValidUntil(moved, now) }, answersReset);
  }

  /** Queues the one-time set-password link to the account's address (the text is removed from the outbox once sent). */
  async queueSetPasswordLink(manager: EntityManager, input: SetPasswordMail, now: Date = new Date()): Promise<void> {
    const person = input.account.personId === null ? null : await manager.getRepository(Person).findOne({ where: { id: input.account.personId } });
    const newAccount = input.account.lastLoginAt === null && input.account.passwordChangedAt === null;
    const text = setPasswordText({
      siteName: this.config.siteName,
      url: input.url,
      expiresAt: input.expiresAt,
      email: input.account.email,
      newAccount,
      to: person ? salutationOf(person) : null,
    });
    await this.queue(
      manager,
      {
        kind: 'set_password',
        to: { address: input.account.email, name: person ? personDisplayName(person) : null },
        subject: text.subject,
        text: text.text,
        accountId: input.account.id,
        personId: person?.id ?? null,
        scrubAfterSend: true,
      },
      now,
    );
  }

  /**
   * GDPR erasure of a person (and their account): their mails lose address, name and text, and what
   * was not sent yet is never sent. Called by PrivacyService.erase in its transaction.
   */
  async erasePerson(manager: EntityManager, personId: number, accountId: number | null, now: Date = new Date()): Promise<void> {
    const repo = manager.getRepository(OutboxMail);
    const rows = await repo.find({ where: accountId === null ? { personId } : [{ personId }, { accountId }], select: { id: true, status: true } });
    for (const row of rows) {
      const unsent = row.status === 'queued' || row.status === 'sending';
      await repo.update(
        { id: row.id },
        {
          toAddress: ERASED_ADDRESS,
          toName: null,
          replyTo: null,
          subject: '(gelöscht)',
          textBody: ERASED_BODY,
          htmlBody: null,
          listUnsubscribe: null,
          calendarContent: null,
          dedupKey: null,
          ...(unsent ? { status: 'failed' as const, lastError: 'Die empfangende Person wurde gelöscht (Datenschutz); die Nachricht wird nicht gesendet.', claimToken: null, claimedAt: null } : {}),
          updatedAt: now,
        },
      );
    }
  }

  /** What the texts say about a meeting (expects body and location loaded). */
  meetingFacts(meeting: Meeting, agenda: readonly AgendaItem[], chair: Person | null, pageUrl: string): MeetingFacts {
    return {
      summary: meetingSummary({ title: meeting.title, state: 'scheduled' }, meeting.body),
      title: meeting.title,
      bodyName: meeting.body.name,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: locationText(meeting.location),
      onlineLink: effectiveOnlineLink(meeting, meeting.location),
      notes: participantNotes(meeting, pageUrl),
      cancelReason: meeting.cancelReason,
      agenda: agenda.map(agendaLine),
      pageUrl,
      signature: chair ? personDisplayName(chair) : meeting.body.name,
      siteName: this.config.siteName,
    };
  }
}

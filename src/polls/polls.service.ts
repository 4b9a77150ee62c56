import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { auditChanges, type AuditActor, AuditLog } from '../audit/audit-log.service.js';
import type { AuditAction } from '../audit/audit-entry.entity.js';
import { assertMember } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { Body } from '../bodies/body.entity.js';
import type { Membership } from '../bodies/membership.entity.js';
import { QuorumRulesService } from '../bodies/quorum-rules.service.js';
import type { QuorumRule } from '../bodies/quorum.js';
import { utcToBerlinFields } from '../common/berlin-time.js';
import { berlinDay, formatDateTime, todayInBerlin } from '../common/dates.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { MailService, type NewMail, salutationOf } from '../mail/mail.service.js';
import { currentMembers, firstEmail } from '../mail/meeting-recipients.js';
import { meetingReminderDue, RemindersService } from '../mail/reminders.service.js';
import { RsvpSecretService } from '../mail/rsvp-secret.service.js';
import { signLinkToken, verifyLinkToken } from '../mail/rsvp-token.js';
import type { MeetingWarning } from '../meetings/conflicts.js';
import { Location } from '../meetings/location.entity.js';
import { locationText } from '../meetings/location-view.js';
import { MeetingEditorService } from '../meetings/meeting-editor.service.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { personDisplayName } from '../people/person-name.js';
import type { Person } from '../people/person.entity.js';
import { DatePoll, DatePollResponse, DatePollSlot, DatePollVote, type PollAnswer } from './date-poll.entity.js';
import {
  type CheckedSlot,
  checkDeadline,
  checkSlots,
  POLL_ANSWER_LABELS,
  POLL_REMINDER_DAYS,
  pollClosedReason,
  pollLinkValidUntil,
  type SlotRowInput,
} from './poll-rules.js';
import { type PollFacts, pollInvitationText, pollOutcomeText, pollReminderText, slotLine } from './poll-texts.js';

export interface NewPollInput {
  title: string;
  note: string | null;
  deadline: string;
  rows: SlotRowInput[];
}

/** Saved, or not saved yet because the chair must first see the conflict warnings (by form row). */
export type PollSaveOutcome = { saved: true; poll: DatePoll; mailed: number; withoutEmail: string[] } | { saved: false; warnings: Map<number, MeetingWarning[]> };

/** One seat in the poll: a current member of the body (or someone who answered before leaving). */
export interface PollSeat {
  person: Person;
  voting: boolean;
  /** Only a deputy member (Stellvertretung) of the body. */
  deputyOnly: boolean;
  /** The organisation the seat belongs to (on behalf of, else the person's own), for deputies. */
  organisationId: number | null;
  /** No longer a current member (answered before their membership ended). */
  former: boolean;
}

export interface PollData {
  poll: DatePoll;
  body: Body;
  slots: DatePollSlot[];
  seats: PollSeat[];
  responses: DatePollResponse[];
  canManage: boolean;
  /** The viewer's own seat (a current member), or null. */
  ownPersonId: number | null;
  /** Members the viewer may answer for as their deputy (the body has deputies, same organisation, not answered themselves). */
  representable: PollSeat[];
  quorumRule: QuorumRule;
  closedReason: string | null;
}

export interface AnswerInput {
  /** By slot id; missing → no answer for that slot. */
  votes: Map<number, PollAnswer>;
  comment: string | null;
}

const INVALID_LINK = 'Diese Seite gibt es nicht. Bitte verwenden Sie den vollständigen Link aus der E-Mail.';
const POLL_GONE = 'Diese Terminumfrage gibt es nicht.';

/** How the audit log names a poll. */
function pollLabel(poll: Pick<DatePoll, 'title'>, bodyName: string): string {
  return `${poll.title} (${bodyName})`;
}

/**
 * Date polls (Terminumfragen): a chair proposes candidate slots (with the scheduler's conflict
 * warnings), the body's current members answer (signed link in the mail, or logged in), the chair
 * reads the matrix, closes the poll and picks a slot — the meeting is created by the meeting editor,
 * whose invitation flow follows. Every write is audited; every mail goes through the outbox in the
 * writer's transaction.
 */
@Injectable()
export class PollsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly policy: BodyPolicyService,
    private readonly editor: MeetingEditorService,
    private readonly meetings: MeetingsRepository,
    private readonly quorumRules: QuorumRulesService,
    private readonly mail: MailService,
    private readonly secret: RsvpSecretService,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    reminders: RemindersService,
  ) {
    reminders.addJob((manager, now) => this.runReminders(manager, now));
  }

  // ---------------------------------------------------------------- reading

  async body(bodyId: number): Promise<Body> {
    const body = await this.meetings.findBody(bodyId);
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    return body;
  }

  /** The body's polls for its current members, its officers and administrators; newest first. */
  async listForBody(viewer: Viewer, bodyId: number): Promise<{ body: Body; polls: DatePoll[]; canManage: boolean }> {
    assertMember(viewer, `/gremien/${bodyId}/terminumfragen`);
    const body = await this.body(bodyId);
    const canManage = await this.policy.canManageBody(viewer, bodyId);
    if (!canManage && !(await this.isCurrentMember(viewer, bodyId))) throw forbidden('Terminumfragen eines Gremiums sehen nur seine Mitglieder.');
    const polls = await this.dataSource.getRepository(DatePoll).find({ where: { bodyId }, relations: { slots: true }, order: { createdAt: 'DESC', id: 'DESC' } });
    return { body, polls, canManage };
  }

  /** How many polls a body has (for the link on the body page). */
  countForBody(bodyId: number): Promise<number> {
    return this.dataSource.getRepository(DatePoll).count({ where: { bodyId } });
  }

  /** For the new-poll form: the body (403 without the right) and the places to choose from. */
  async forCreating(viewer: Viewer, bodyId: number): Promise<{ body: Body; locations: Location[] }> {
    const body = await this.body(bodyId);
    await this.policy.assertCanManageBody(viewer, bodyId, `/gremien/${bodyId}/terminumfragen/neu`);
    return { body, locations: await this.meetings.findLocations() };
  }

  private async isCurrentMember(viewer: Viewer, bodyId: number): Promise<boolean> {
    if (viewer.kind !== 'member' || viewer.personId === null) return false;
    return (await this.policy.currentMemberIds(bodyId)).includes(viewer.personId);
  }

  private async loadPoll(id: number, manager: EntityManager = this.dataSource.manager): Promise<{ poll: DatePoll; body: Body; slots: DatePollSlot[] }> {
    // with a removed body (deletedAt set) rather than none, so that the check below can refuse it
    const poll = await manager.getRepository(DatePoll).findOne({ where: { id }, relations: { body: true }, withDeleted: true });
    if (!poll || !poll.body || poll.body.deletedAt !== null) throw notFound(POLL_GONE);
    const slots = await manager.getRepository(DatePollSlot).find({ where: { pollId: id }, relations: { location: true }, order: { startsAt: 'ASC', position: 'ASC' } });
    return { poll, body: poll.body, slots };
  }

  /** The seats: today's current members of the body, then anyone who answered and is no longer one. */
  private async seats(bodyId: number, responses: readonly DatePollResponse[]): Promise<PollSeat[]> {
    const memberships = await this.meetings.findCurrentMemberships([bodyId], todayInBerlin());
    const byPerson = new Map<number, Membership[]>();
    for (const m of memberships) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
    const seats: PollSeat[] = [...byPerson.values()].map((ms) => ({
      person: ms[0].person,
      voting: ms.some((m) => m.votingRight),
      deputyOnly: ms.every((m) => m.role === 'deputy_member'),
      organisationId: ms.find((m) => m.onBehalfOfId !== null)?.onBehalfOfId ?? ms[0].person.organisationId,
      former: false,
    }));
    for (const r of responses) {
      if (!byPerson.has(r.personId) && r.person) seats.push({ person: r.person, voting: false, deputyOnly: false, organisationId: r.person.organisationId, former: true });
    }
    return seats;
  }

  /** The poll for its body's current members, officers and administrators (and who answered it). */
  async poll(viewer: Viewer, id: number, now: Date = new Date()): Promise<PollData> {
    assertMember(viewer, `/terminumfragen/${id}`);
    const { poll, body, slots } = await this.loadPoll(id);
    const responses = await this.dataSource
      .getRepository(DatePollResponse)
      .find({ where: { pollId: id }, relations: { person: true, answeredBy: true, votes: true }, order: { id: 'ASC' } });
    const seats = await this.seats(poll.bodyId, responses);
    const canManage = await this.policy.canManageBody(viewer, poll.bodyId);
    const own = viewer.personId !== null ? seats.find((s) => s.person.id === viewer.personId && !s.former) : undefined;
    const answered = viewer.personId !== null && responses.some((r) => r.personId === viewer.personId);
    if (!canManage && !own && !answered) throw forbidden('Diese Terminumfrage sehen nur die Mitglieder des Gremiums.');
    return {
      poll,
      body,
      slots,
      seats,
      responses,
      canManage,
      ownPersonId: own ? own.person.id : null,
      representable: own ? this.representable(own, seats, responses) : [],
      quorumRule: await this.quorumRules.ruleOf(poll.bodyId),
      closedReason: pollClosedReason(poll, now),
    };
  }

  /**
   * Whom a deputy may answer for: when the body has deputy members (it allows deputies), a deputy-only
   * member answers for current members of the same organisation who are not deputies themselves and
   * have not answered in person.
   */
  private representable(deputy: PollSeat, seats: readonly PollSeat[], responses: readonly DatePollResponse[]): PollSeat[] {
    if (!deputy.deputyOnly || deputy.organisationId === null) return [];
    const inPerson = new Set(responses.filter((r) => r.answeredByPersonId === null).map((r) => r.personId));
    return seats.filter((s) => !s.former && !s.deputyOnly && s.person.id !== deputy.person.id && s.organisationId === deputy.organisationId && !inPerson.has(s.person.id));
  }

  // ---------------------------------------------------------------- creating

  /**
   * Creates the poll and mails it (with a personal signed link) to every current member with an
   * address, in one transaction. Unless confirmed, slots with conflict warnings are shown first.
   */
  async create(viewer: Viewer, bodyId: number, input: NewPollInput, confirmed: boolean, now: Date = new Date()): Promise<PollSaveOutcome> {
    const { body, locations } = await this.forCreating(viewer, bodyId);
    const checked = checkSlots(input.rows, new Set(locations.map((l) => l.id)), now);
    const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    const deadline = checkDeadline(input.deadline, checked.ok ? checked.slots : [], now);
    if (!deadline.ok) errors.deadline = deadline.error;
    if (!checked.ok || !deadline.ok) throw new FormRejected(errors);
    const slots = [...checked.slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (!confirmed) {
      const warnings = await this.slotWarnings(bodyId, slots);
      if (warnings.size > 0) return { saved: false, warnings };
    }
    return this.db.write(async (manager) => {
      const poll = await manager.getRepository(DatePoll).save(
        manager.getRepository(DatePoll).create({ bodyId, title: input.title, note: input.note, deadline: deadline.deadline, state: 'open', closedAt: null, pickedSlotId: null, meetingId: null }),
      );
      await manager.getRepository(DatePollSlot).insert(slots.map((s, i) => ({ pollId: poll.id, position: i + 1, startsAt: s.startsAt, endsAt: s.endsAt, locationId: s.locationId })));
      const saved = await manager.getRepository(DatePollSlot).find({ where: { pollId: poll.id }, relations: { location: true }, order: { position: 'ASC' } });
      await this.audit.record(manager, viewer, {
        action: 'create',
        entityType: 'date_poll',
        entityId: poll.id,
        label: pollLabel(poll, body.name),
        bodyId,
        changes: auditChanges(
          { title: 'Titel', deadline: 'Antwortfrist', slots: 'Termine' },
          null,
          { title: poll.title, deadline: formatDateTime(poll.deadline), slots: saved.map((s) => slotLine(s.startsAt, s.endsAt, s.location?.name ?? null)).join('; ') },
        ),
      });
      const { mailed, withoutEmail } = await this.queuePollMails(manager, poll, body, saved, 'poll', now);
      return { saved: true as const, poll, mailed, withoutEmail };
    });
  }

  /** The scheduler's warnings (holidays, the room, the body, members' other bodies) per form row. */
  async slotWarnings(bodyId: number, slots: readonly CheckedSlot[]): Promise<Map<number, MeetingWarning[]>> {
    const byRow = new Map<number, MeetingWarning[]>();
    for (const s of slots) {
      const warnings = await this.editor.conflictWarnings({ bodyId, startsAt: s.startsAt, endsAt: s.endsAt, locationId: s.locationId });
      if (warnings.length > 0) byRow.set(s.row, warnings);
    }
    return byRow;
  }

  /** Warnings of saved slots (for the poll page), by slot id. */
  async savedSlotWarnings(bodyId: number, slots: readonly DatePollSlot[]): Promise<Map<number, MeetingWarning[]>> {
    const byRow = await this.slotWarnings(bodyId, slots.map((s) => ({ row: s.id, startsAt: s.startsAt, endsAt: s.endsAt, locationId: s.locationId })));
    return byRow;
  }

  private async facts(manager: EntityManager, poll: DatePoll, body: Body, slots: readonly DatePollSlot[]): Promise<PollFacts> {
    const chair = await this.policy.currentChair(poll.bodyId, todayInBerlin(), manager);
    return {
      title: poll.title,
      bodyName: body.name,
      slots: slots.map((s) => slotLine(s.startsAt, s.endsAt, locationText(s.location))),
      deadline: poll.deadline,
      note: poll.note,
      signature: chair ? personDisplayName(chair) : body.name,
      siteName: this.config.siteName,
    };
  }

  /** The personal answer link of a person for a poll. */
  linkFor(secret: string, poll: Pick<DatePoll, 'id' | 'deadline'>, personId: number): string {
    return `${this.config.baseUrl}/umfrage/${signLinkToken(secret, 'p1', { subjectId: poll.id, personId, expiresAt: pollLinkValidUntil(poll.deadline) })}`;
  }

  private async queuePollMails(
    manager: EntityManager,
    poll: DatePoll,
    body: Body,
    slots: readonly DatePollSlot[],
    kind: 'poll' | 'poll_reminder',
    now: Date,
    only: ((p: Person) => boolean) | null = null,
  ): Promise<{ mailed: number; withoutEmail: string[] }> {
    const facts = await this.facts(manager, poll, body, slots);
    const secret = await this.secret.within(manager);
    const members = (await currentMembers(manager, poll.bodyId, todayInBerlin(now))).filter((p) => only === null || only(p));
    const mails: NewMail[] = [];
    const withoutEmail: string[] = [];
    for (const person of members) {
      const address = firstEmail(person);
      if (!address) {
        withoutEmail.push(personDisplayName(person));
        continue;
      }
      const link = { url: this.linkFor(secret, poll, person.id) };
      const text = kind === 'poll' ? pollInvitationText(facts, salutationOf(person), link) : pollReminderText(facts, salutationOf(person), link);
      mails.push({
        kind,
        to: { address, name: personDisplayName(person) },
        subject: text.subject,
        text: text.text,
        personId: person.id,
        dedupKey: kind === 'poll' ? `poll:p${poll.id}:p${person.id}` : `poll-reminder:p${poll.id}:p${person.id}`,
      });
    }
    const queued = (await this.mail.queueAll(manager, mails, now)).filter(Boolean).length;
    return { mailed: queued, withoutEmail };
  }

  // ---------------------------------------------------------------- answering

  /** The poll a signed link opens, and whose link it is. Forged, malformed or expired → 404, revealing nothing. */
  async linkContext(token: string, now: Date = new Date()): Promise<{ data: PollData; person: Person }> {
    const secret = this.secret.known() ?? (await this.db.write((m) => this.secret.within(m)));
    const check = verifyLinkToken(secret, 'p1', token, now);
    if (!check.ok) throw notFound(INVALID_LINK);
    const { poll, body, slots } = await this.loadPoll(check.grant.subjectId).catch(() => {
      throw notFound(INVALID_LINK);
    });
    const responses = await this.dataSource
      .getRepository(DatePollResponse)
      .find({ where: { pollId: poll.id }, relations: { person: true, answeredBy: true, votes: true }, order: { id: 'ASC' } });
    const seats = await this.seats(poll.bodyId, responses);
    const seat = seats.find((s) => s.person.id === check.grant.personId);
    if (!seat) throw notFound(INVALID_LINK);
    const data: PollData = {
      poll,
      body,
      slots,
      seats,
      responses,
      canManage: false,
      ownPersonId: seat.person.id,
      representable: [],
      quorumRule: await this.quorumRules.ruleOf(poll.bodyId),
      closedReason: pollClosedReason(poll, now),
    };
    return { data, person: seat.person };
  }

  /** Answers by signed link (no login): for the link's person only. */
  async answerByLink(token: string, input: AnswerInput, now: Date = new Date()): Promise<void> {
    const { data, person } = await this.linkContext(token, now);
    const actor: AuditActor = { accountId: null, name: `${personDisplayName(person)} (über den persönlichen Link)` };
    await this.saveAnswer(data, person, null, input, actor, now);
  }

  /** Answers of a logged-in member, for themselves or (as deputy) for a member they may represent. */
  async answerAsMember(viewer: Viewer, pollId: number, forPersonId: number | null, input: AnswerInput, now: Date = new Date()): Promise<void> {
    const data = await this.poll(viewer, pollId, now);
    if (data.ownPersonId === null) throw forbidden('Antworten können nur die Mitglieder des Gremiums.');
    const self = data.seats.find((s) => s.person.id === data.ownPersonId);
    if (!self) throw forbidden('Antworten können nur die Mitglieder des Gremiums.');
    if (forPersonId === null || forPersonId === self.person.id) {
      await this.saveAnswer(data, self.person, null, input, viewer, now);
      return;
    }
    const principal = data.representable.find((s) => s.person.id === forPersonId);
    if (!principal) throw new FormRejected({ forPersonId: 'Für diese Person können Sie nicht antworten: nur für ein Mitglied Ihrer Organisation, das selbst noch nicht geantwortet hat.' });
    await this.saveAnswer(data, principal.person, self.person.id, input, viewer, now);
  }

  private async saveAnswer(data: PollData, person: Person, deputyId: number | null, input: AnswerInput, actor: AuditActor | Viewer, now: Date): Promise<void> {
    // typed answers stay on the page with the reason (422), nothing is lost
    if (data.closedReason) throw new FormRejected({ answers: data.closedReason });
    const slotIds = new Set(data.slots.map((s) => s.id));
    const votes = [...input.votes.entries()].filter(([slotId]) => slotIds.has(slotId));
    if (votes.length === 0) throw new FormRejected({ answers: 'Bitte wählen Sie mindestens bei einem Termin „Ja“, „Wenn nötig“ oder „Nein“.' });
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, 1000) : null;
    await this.db.write(async (manager) => {
      // re-read inside the transaction: the poll may have been closed meanwhile
      const fresh = await manager.getRepository(DatePoll).findOneByOrFail({ id: data.poll.id });
      const reason = pollClosedReason(fresh, now);
      if (reason) throw new FormRejected({ answers: reason });
      const repo = manager.getRepository(DatePollResponse);
      const existing = await repo.findOne({ where: { pollId: fresh.id, personId: person.id }, relations: { votes: true } });
      const before = existing ? this.answerSummary(data.slots, existing.votes, existing.comment) : null;
      let responseId: number;
      if (existing) {
        await repo.update({ id: existing.id }, { comment, answeredByPersonId: deputyId, respondedAt: now });
        await manager.getRepository(DatePollVote).delete({ responseId: existing.id });
        responseId = existing.id;
      } else {
        const inserted = await repo.insert({ pollId: fresh.id, personId: person.id, comment, answeredByPersonId: deputyId, respondedAt: now });
        responseId = Number(inserted.identifiers[0].id);
      }
      await manager.getRepository(DatePollVote).insert(votes.map(([slotId, answer]) => ({ responseId, slotId, answer })));
      const after = this.answerSummary(data.slots, votes.map(([slotId, answer]) => ({ slotId, answer })), comment);
      await this.audit.record(
        manager,
        actor,
        {
          action: existing ? 'update' : 'answer',
          entityType: 'date_poll',
          entityId: fresh.id,
          label: `Antwort von ${personDisplayName(person)}${deputyId !== null ? ' (durch Vertretung)' : ''} – ${pollLabel(fresh, data.body.name)}`,
          subjectPersonId: person.id,
          bodyId: fresh.bodyId,
          changes: auditChanges({ answers: 'Antworten', comment: 'Kommentar' }, before, after),
        },
        now,
      );
    });
  }

  private answerSummary(slots: readonly DatePollSlot[], votes: readonly { slotId: number; answer: PollAnswer }[], comment: string | null): { answers: string; comment: string | null } {
    const byId = new Map(votes.map((v) => [v.slotId, v.answer]));
    const answers = slots
      .filter((s) => byId.has(s.id))
      .map((s) => `${formatDateTime(s.startsAt)}: ${POLL_ANSWER_LABELS[byId.get(s.id) as PollAnswer]}`)
      .join('; ');
    return { answers, comment };
  }

  // ---------------------------------------------------------------- closing and deciding

  /** Closes the poll by hand (officers): no more answers. */
  async close(viewer: Viewer, id: number, now: Date = new Date()): Promise<void> {
    const { poll, body } = await this.loadPoll(id);
    await this.policy.assertCanManageBody(viewer, poll.bodyId, `/terminumfragen/${id}`);
    if (poll.state !== 'open') throw forbidden('Die Terminumfrage ist bereits geschlossen.');
    await this.db.write(async (manager) => {
      const changed = await manager.getRepository(DatePoll).update({ id, state: 'open' }, { state: 'closed', closedAt: now });
      if (changed.affected === 0) return;
      await this.auditState(manager, viewer, 'close', poll, body, 'offen', 'geschlossen', now);
    });
  }

  private async auditState(manager: EntityManager, actor: Viewer | AuditActor, action: AuditAction, poll: DatePoll, body: Body, before: string, after: string, now: Date, extra: Record<string, string> = {}): Promise<void> {
    await this.audit.record(
      manager,
      actor,
      {
        action,
        entityType: 'date_poll',
        entityId: poll.id,
        label: pollLabel(poll, body.name),
        bodyId: poll.bodyId,
        changes: auditChanges({ state: 'Status', slot: 'Gewählter Termin', meeting: 'Sitzung' }, { state: before }, { state: after, ...extra }),
      },
      now,
    );
  }

  /**
   * The chair picks a slot: the poll is decided (once — a second click finds it decided), the meeting
   * is created by the meeting editor (title, place, body) and — when asked — invited at once (the usual
   * invitation flow); everyone who answered is told the outcome. The poll stays readable.
   */
  async pick(viewer: Viewer, id: number, slotId: number, invite: boolean, now: Date = new Date()): Promise<{ meetingId: number }> {
    const { poll, body, slots } = await this.loadPoll(id);
    await this.policy.assertCanManageBody(viewer, poll.bodyId, `/terminumfragen/${id}`);
    if (poll.state === 'decided') throw forbidden('Für diese Terminumfrage wurde der Termin bereits festgelegt.');
    const slot = slots.find((s) => s.id === slotId);
    if (!slot) throw new FormRejected({ slotId: 'Bitte einen der vorgeschlagenen Termine wählen.' });
    if (slot.startsAt.getTime() <= now.getTime()) throw new FormRejected({ slotId: 'Dieser Termin liegt inzwischen in der Vergangenheit. Bitte einen anderen wählen oder eine neue Umfrage beginnen.' });
    const claimed = await this.db.write(async (manager) => {
      const changed = await manager.getRepository(DatePoll).update({ id, state: In(['open', 'closed']) }, { state: 'decided', pickedSlotId: slot.id, closedAt: poll.closedAt ?? now });
      return (changed.affected ?? 0) > 0;
    });
    if (!claimed) throw forbidden('Für diese Terminumfrage wurde der Termin bereits festgelegt.');
    const start = utcToBerlinFields(slot.startsAt);
    const times = { date: start.date, startTime: start.time, endTime: utcToBerlinFields(slot.endsAt).time };
    const created = await this.editor.create(
      viewer,
      { bodyId: poll.bodyId, title: poll.title, ...times, locationId: slot.locationId, onlineLink: null, isPublic: false, description: poll.note },
      true,
    );
    if (!created.saved) throw new Error('meeting editor refused a confirmed create');
    const meeting = created.value;
    let invited = false;
    if (invite) {
      const outcome = await this.editor.invite(viewer, meeting.id, true, now);
      invited = outcome.saved;
    }
    await this.db.write(async (manager) => {
      await manager.getRepository(DatePoll).update({ id }, { meetingId: meeting.id });
      await this.auditState(manager, viewer, 'decide', poll, body, poll.state === 'open' ? 'offen' : 'geschlossen', 'entschieden', now, {
        slot: slotLine(slot.startsAt, slot.endsAt, slot.location?.name ?? null),
        meeting: meeting.title,
      });
      await this.queueOutcomeMails(manager, { ...poll, meetingId: meeting.id }, body, slots, slot, meeting.id, invited, now);
    });
    return { meetingId: meeting.id };
  }

  private async queueOutcomeMails(manager: EntityManager, poll: DatePoll, body: Body, slots: readonly DatePollSlot[], slot: DatePollSlot, meetingId: number, invited: boolean, now: Date): Promise<void> {
    const responses = await manager.getRepository(DatePollResponse).find({ where: { pollId: poll.id }, relations: { person: { emails: true } } });
    const facts = await this.facts(manager, poll, body, slots);
    const mails: NewMail[] = [];
    for (const r of responses) {
      if (!r.person || r.person.deletedAt !== null) continue;
      const address = firstEmail(r.person);
      if (!address) continue;
      const text = pollOutcomeText(facts, salutationOf(r.person), {
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        place: locationText(slot.location),
        meetingUrl: `${this.config.baseUrl}/sitzungen/${meetingId}`,
        invited,
      });
      mails.push({ kind: 'poll_outcome', to: { address, name: personDisplayName(r.person) }, subject: text.subject, text: text.text, personId: r.personId, meetingId, dedupKey: `poll-outcome:p${poll.id}:p${r.personId}` });
    }
    await this.mail.queueAll(manager, mails, now);
  }

  // ---------------------------------------------------------------- GDPR

  /** Erasure of a person (PrivacyService.erase, in its transaction): their answers go, answers they gave as deputy lose their name. */
  async erasePerson(manager: EntityManager, personId: number): Promise<void> {
    await manager.getRepository(DatePollResponse).delete({ personId });
    await manager.getRepository(DatePollResponse).update({ answeredByPersonId: personId }, { answeredByPersonId: null });
  }

  // ---------------------------------------------------------------- the reminder job

  /**
   * Part of the scheduled reminder run (mail's RemindersService): members without an answer get one
   * reminder in the last POLL_REMINDER_DAYS days before the deadline; open polls past their deadline
   * are closed (audited as done by the system).
   */
  async runReminders(manager: EntityManager, now: Date): Promise<number> {
    const system: AuditActor = { accountId: null, name: 'System (Antwortfrist abgelaufen)' };
    const due = await manager.getRepository(DatePoll).find({ where: { state: 'open' }, relations: { body: true }, withDeleted: true });
    const today = todayInBerlin(now);
    let queued = 0;
    for (const poll of due) {
      if (!poll.body || poll.body.deletedAt !== null) continue;
      if (poll.deadline.getTime() <= now.getTime()) {
        await manager.getRepository(DatePoll).update({ id: poll.id, state: 'open' }, { state: 'closed', closedAt: poll.deadline });
        await this.auditState(manager, system, 'close', poll, poll.body, 'offen', 'geschlossen', now);
        continue;
      }
      const lastDay = berlinDay(new Date(poll.deadline.getTime() - 60_000));
      if (!meetingReminderDue(lastDay, today, POLL_REMINDER_DAYS)) continue;
      const answered = new Set((await manager.getRepository(DatePollResponse).find({ where: { pollId: poll.id } })).map((r) => r.personId));
      const slots = await manager.getRepository(DatePollSlot).find({ where: { pollId: poll.id }, relations: { location: true }, order: { startsAt: 'ASC' } });
      const result = await this.queuePollMails(manager, poll, poll.body, slots, 'poll_reminder', now, (p) => !answered.has(p.id));
      queued += result.mailed;
    }
    return queued;
  }
}

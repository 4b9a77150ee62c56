import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { meetingEvent } from '../calendar/meeting-event.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { berlinDay, todayInBerlin } from '../common/dates.js';
import { DatabaseService } from '../database/database.service.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { addDays, isoDate } from '../common/berlin-time.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { ActionItem } from '../minutes/action-item.entity.js';
import { Minutes } from '../minutes/minutes.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { BodyMailSettings } from './body-mail-settings.entity.js';
import { actionItemReminderText, meetingReminderText } from './mail-texts.js';
import { MailService, type NewMail, rsvpValidUntil, salutationOf } from './mail.service.js';
import { currentMembers, firstEmail, previousMeetingRecipientIds } from './meeting-recipients.js';
import { OutboxMail } from './outbox-mail.entity.js';
import { RsvpSecretService } from './rsvp-secret.service.js';
import { signRsvpToken } from './rsvp-token.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import type { Person } from '../people/person.entity.js';

/** The largest reminder lead a body may set (days). */
export const MAX_REMINDER_DAYS = 60;

/** What the chair's "Erinnerung an alle ohne Antwort" did. */
export interface ManualReminderResult {
  queued: number;
  /** Members without an answer who had been sent this reminder earlier on the same Berlin day. */
  alreadyToday: number;
  /** Members without an answer and without an e-mail address. */
  withoutEmail: number;
}

/** "Erinnerung an 4 Mitglieder vorgemerkt; 2 hatten heute schon eine." */
export function manualReminderMessage(r: ManualReminderResult): string {
  const members = (n: number): string => (n === 1 ? '1 Mitglied' : `${n} Mitglieder`);
  const parts = [`Erinnerung an ${members(r.queued)} vorgemerkt`];
  if (r.alreadyToday > 0) parts.push(`${r.alreadyToday} ${r.alreadyToday === 1 ? 'hatte' : 'hatten'} heute schon eine`);
  if (r.withoutEmail > 0) parts.push(`${r.withoutEmail} ohne E-Mail-Adresse (bitte anders erinnern)`);
  return `${parts.join('; ')}.`;
}

export interface ReminderRun {
  meetingReminders: number;
  actionItemReminders: number;
  /** Reminders of the jobs other modules added (addJob), e.g. date polls. */
  otherReminders: number;
}

/**
 * A further reminder job of a module beside mail (e.g. date polls): runs inside the scheduled run's
 * write transaction, queues what is due through MailService (with dedup keys) and returns how many.
 */
export type ReminderJob = (manager: EntityManager, now: Date) => Promise<number>;

/** Whether a reminder `days` before a meeting starting on `meetingDay` is due on `today` (all Berlin dates). */
export function meetingReminderDue(meetingDay: string, today: string, days: number): boolean {
  if (days <= 0) return false;
  const [y, m, d] = meetingDay.split('-').map(Number);
  const from = isoDate(addDays({ year: y, month: m, day: d }, -days));
  return today >= from && today <= meetingDay;
}

/**
 * The scheduled reminder job (every REMINDER_INTERVAL_MINUTES, in every instance with MAIL_WORKER on):
 * - members invited to a meeting who have not answered get one reminder N days before it
 *   (the body's setting, else REMINDER_DAYS_BEFORE);
 * - the person responsible for an open action item (of minutes no longer in draft) gets one reminder
 *   ACTION_ITEM_REMINDER_DAYS before it is due.
 * Each reminder has a dedup key, so several instances or runs never send it twice.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Erinnerungen');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly jobs: ReminderJob[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly mail: MailService,
    private readonly rsvpSecret: RsvpSecretService,
    private readonly policy: BodyPolicyService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.worker) return;
    this.schedule(10_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then((r) => {
          if (r.meetingReminders + r.actionItemReminders + r.otherReminders > 0) {
            this.logger.log(`${r.meetingReminders} Erinnerungen an Sitzungen, ${r.actionItemReminders} an Aufgaben und ${r.otherReminders} weitere vorgemerkt.`);
          }
        })
        .catch((e: unknown) => this.logger.error(`Erinnerungen: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => {
          this.running = null;
          if (this.timer) this.schedule(this.config.mail.reminderIntervalMinutes * 60_000);
        });
    }, ms);
    this.timer.unref();
  }

  /** Adds a module's own reminders (e.g. date polls) to every scheduled run. */
  addJob(job: ReminderJob): void {
    this.jobs.push(job);
  }

  /** One run of the job: queues every reminder due at `now` that was not queued before. */
  async runOnce(now: Date = new Date()): Promise<ReminderRun> {
    return this.db.write(async (manager) => {
      const meetingReminders = await this.meetingReminders(manager, now);
      const actionItemReminders = await this.actionItemReminders(manager, now);
      let otherReminders = 0;
      for (const job of this.jobs) otherReminders += await job(manager, now);
      return { meetingReminders, actionItemReminders, otherReminders };
    });
  }

  /** The reminder lead of a body: its own setting, else the configured default. */
  async reminderDaysFor(bodyId: number, manager: EntityManager | null = null): Promise<number> {
    const repo = (manager ?? this.dataSource.manager).getRepository(BodyMailSettings);
    const own = await repo.findOne({ where: { bodyId } });
    return own?.reminderDaysBefore ?? this.config.mail.reminderDaysBefore;
  }

  private async meetingReminders(manager: EntityManager, now: Date): Promise<number> {
    const horizon = new Date(now.getTime() + (MAX_REMINDER_DAYS + 1) * 86_400_000);
    const meetingIds = (
      await manager
        .getRepository(OutboxMail)
        .createQueryBuilder('o')
        .innerJoin(Meeting, 'm', 'm.id = o.meeting_id')
        .select('DISTINCT o.meetingId', 'meetingId')
        .where('o.kind = :kind', { kind: 'invitation' })
        .andWhere('m.state NOT IN (:...states)', { states: ['cancelled', 'held'] })
        .andWhere('m.startsAt > :now AND m.startsAt < :horizon', { now, horizon })
        .getRawMany<{ meetingId: number }>()
    ).map((r) => Number(r.meetingId));
    if (meetingIds.length === 0) return 0;
    const today = todayInBerlin(now);
    let queued = 0;
    for (const meetingId of meetingIds) {
      const meeting = await manager.getRepository(Meeting).findOneOrFail({ where: { id: meetingId }, relations: { body: true, location: true } });
      const day = berlinDay(meeting.startsAt);
      if (!meetingReminderDue(day, today, await this.reminderDaysFor(meeting.bodyId, manager))) continue;
      const invited = new Set(await previousMeetingRecipientIds(manager, meeting.id));
      const answered = new Set(
        (await manager.getRepository(Attendance).find({ where: { meetingId: meeting.id, response: In(['accepted', 'declined', 'tentative']) } })).map((a) => a.personId),
      );
      const recipients = (await currentMembers(manager, meeting.bodyId, day)).filter((p) => invited.has(p.id) && !answered.has(p.id));
      if (recipients.length === 0) continue;
      const mails = await this.reminderMails(manager, meeting, recipients, now, (person) => `reminder:m${meeting.id}:d${day}:p${person.id}`);
      queued += (await this.mail.queueAll(manager, mails, now)).filter(Boolean).length;
    }
    return queued;
  }

  /** The reminder mail (existing reminder text, personal answer link) to each recipient with an address. */
  private async reminderMails(manager: EntityManager, meeting: Meeting, recipients: readonly Person[], now: Date, dedupKeyOf: (person: Person) => string): Promise<NewMail[]> {
    const day = berlinDay(meeting.startsAt);
    const host = new URL(this.config.baseUrl).hostname;
    const agenda = await manager.getRepository(AgendaItem).find({ where: { meetingId: meeting.id }, order: { position: 'ASC', id: 'ASC' } });
    const chair = await this.policy.currentChair(meeting.bodyId, day, manager);
    const facts = this.mail.meetingFacts(meeting, agenda, chair, meetingEvent(meeting, agenda, { baseUrl: this.config.baseUrl, host, chair }).url);
    const secret = await this.rsvpSecret.within(manager);
    const validUntil = rsvpValidUntil(meeting, now);
    const mails: NewMail[] = [];
    for (const person of recipients) {
      const address = firstEmail(person);
      if (!address) continue;
      const url = `${this.config.baseUrl}/antwort/${signRsvpToken(secret, { meetingId: meeting.id, personId: person.id, expiresAt: validUntil })}`;
      const text = meetingReminderText(facts, salutationOf(person), { url, validUntil });
      mails.push({
        kind: 'reminder',
        to: { address, name: personDisplayName(person) },
        subject: text.subject,
        text: text.text,
        meetingId: meeting.id,
        personId: person.id,
        dedupKey: dedupKeyOf(person),
      });
    }
    return mails;
  }

  /**
   * "Erinnerung an alle ohne Antwort" (the chair's button): the reminder mail to every current member
   * of the body who has not answered, through the outbox. At most one such reminder per person and
   * Berlin day (the dedup key holds today's date): a second click the same day queues nothing for them.
   */
  async remindUnanswered(viewer: Viewer, meetingId: number, now: Date = new Date()): Promise<ManualReminderResult> {
    const meeting = await this.dataSource.getRepository(Meeting).findOne({ where: { id: meetingId }, relations: { body: true, location: true } });
    if (!meeting) throw notFound('Diese Sitzung gibt es nicht.');
    await this.policy.assertCanManageBody(viewer, meeting.bodyId, `/sitzungen/${meetingId}`);
    if (meeting.state === 'cancelled') throw forbidden('Zu einer abgesagten Sitzung werden keine Erinnerungen verschickt.');
    if (meeting.state === 'held') throw forbidden('Die Sitzung hat bereits stattgefunden.');
    // The reminder speaks of the invitation: before it went out there is nothing to remind of.
    if (meeting.state !== 'invited') throw forbidden('Zu dieser Sitzung wurde noch nicht eingeladen; erinnern lässt sich erst nach der Einladung.');
    if (meeting.startsAt.getTime() <= now.getTime()) throw forbidden('Die Sitzung hat bereits begonnen; Erinnerungen sind nicht mehr sinnvoll.');
    const today = todayInBerlin(now);
    return this.db.write(async (manager) => {
      const answered = new Set(
        (await manager.getRepository(Attendance).find({ where: { meetingId, response: In(['accepted', 'declined', 'tentative']) } })).map((a) => a.personId),
      );
      const unanswered = (await currentMembers(manager, meeting.bodyId, berlinDay(meeting.startsAt))).filter((p) => !answered.has(p.id));
      const mails = await this.reminderMails(manager, meeting, unanswered, now, (person) => `reminder:m${meeting.id}:manual:${today}:p${person.id}`);
      const inserted = await this.mail.queueAll(manager, mails, now);
      const queued = inserted.filter(Boolean).length;
      return { queued, alreadyToday: inserted.length - queued, withoutEmail: unanswered.length - mails.length };
    });
  }

  private async actionItemReminders(manager: EntityManager, now: Date): Promise<number> {
    const days = this.config.mail.actionItemReminderDays;
    if (days <= 0) return 0;
    const today = todayInBerlin(now);
    const [y, m, d] = today.split('-').map(Number);
    const until = isoDate(addDays({ year: y, month: m, day: d }, days));
    const items = await manager
      .getRepository(ActionItem)
      .createQueryBuilder('ai')
      .innerJoinAndSelect('ai.meeting', 'meeting')
      .innerJoinAndSelect('ai.body', 'body')
      .innerJoinAndSelect('ai.responsiblePerson', 'person')
      .leftJoinAndSelect('person.emails', 'emails')
      .innerJoin(Minutes, 'minutes', 'minutes.meeting_id = ai.meeting_id')
      .where('ai.status = :open', { open: 'open' })
      .andWhere('ai.dueDate >= :today AND ai.dueDate <= :until', { today, until })
      .andWhere('minutes.status IN (:...published)', { published: ['circulated', 'approved'] })
      .andWhere('person.deletedAt IS NULL')
      .orderBy('ai.id', 'ASC')
      .getMany();
    const mails: NewMail[] = [];
    for (const item of items) {
      const person = item.responsiblePerson;
      const address = person ? firstEmail(person) : null;
      if (!person || !address || item.dueDate === null) continue;
      const text = actionItemReminderText(
        {
          what: item.what,
          dueDate: item.dueDate,
          meetingTitle: item.meeting.title,
          meetingStartsAt: item.meeting.startsAt,
          bodyName: item.body.name,
          tasksUrl: `${this.config.baseUrl}/aufgaben`,
          siteName: this.config.siteName,
        },
        salutationOf(person),
      );
      mails.push({
        kind: 'action_item_reminder',
        to: { address, name: personDisplayName(person) },
        subject: text.subject,
        text: text.text,
        meetingId: item.meetingId,
        personId: person.id,
        dedupKey: `action_item_reminder:a${item.id}:d${item.dueDate}:p${person.id}`,
      });
    }
    return (await this.mail.queueAll(manager, mails, now)).filter(Boolean).length;
  }
}

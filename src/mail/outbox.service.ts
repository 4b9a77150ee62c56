import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertAdmin, assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { Body } from '../bodies/body.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { berlinDay } from '../common/dates.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { invitationBlockedReason, noticePeriodWarning } from '../meetings/meeting-rules.js';
import type { Person } from '../people/person.entity.js';
import { BodyMailSettings } from './body-mail-settings.entity.js';
import { MailSignal } from './mail-signal.js';
import { ERASED_ADDRESS, MailService } from './mail.service.js';
import type { MailText } from './mail-texts.js';
import { currentMembers, firstEmail } from './meeting-recipients.js';
import { outboxDir } from './mail-transport.js';
import { OUTBOX_STATUSES, OutboxMail, type OutboxStatus } from './outbox-mail.entity.js';
import { MAX_REMINDER_DAYS } from './reminders.service.js';

export interface OutboxFilter {
  status: OutboxStatus | null;
  offset: number;
  limit: number;
}

export type StatusCounts = Record<OutboxStatus, number>;

export interface DeliverySetup {
  smtp: string | null;
  outboxDir: string;
  worker: boolean;
}

/** Reading the outbox (administrators: everything; chairs: their meetings' mails) and the rules around it. */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly permissions: BodyPolicyService,
    private readonly signal: MailSignal,
    private readonly mail: MailService,
  ) {}

  /** How mail leaves this instance (for the admin page). */
  setup(): DeliverySetup {
    const smtp = this.config.mail.smtp;
    return { smtp: smtp ? `${smtp.host}:${smtp.port}${smtp.secure ? ' (TLS)' : ''}` : null, outboxDir: outboxDir(this.config), worker: this.config.mail.worker };
  }

  async page(viewer: Viewer, filter: OutboxFilter): Promise<[OutboxMail[], number]> {
    assertAdmin(viewer, '/admin/postausgang');
    const q = this.dataSource.getRepository(OutboxMail).createQueryBuilder('o').leftJoinAndSelect('o.meeting', 'meeting');
    if (filter.status) q.where('o.status = :status', { status: filter.status });
    return q.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'DESC').skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  async counts(viewer: Viewer, meetingId: number | null = null): Promise<StatusCounts> {
    assertMember(viewer);
    const q = this.dataSource.getRepository(OutboxMail).createQueryBuilder('o').select('o.status', 'status').addSelect('COUNT(*)', 'n').groupBy('o.status');
    if (meetingId !== null) q.where('o.meetingId = :meetingId', { meetingId });
    const rows = await q.getRawMany<{ status: OutboxStatus; n: number | string }>();
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as StatusCounts;
    for (const r of rows) if (OUTBOX_STATUSES.includes(r.status)) counts[r.status] = Number(r.n);
    return counts;
  }

  /**
   * The meeting and its mails, newest first, for the body's chair, deputy, secretary and administrators,
   * with the current members mail cannot reach (no address on record).
   */
  async forMeeting(viewer: Viewer, meetingId: number): Promise<{ meeting: Meeting; mails: OutboxMail[]; withoutEmail: Person[] }> {
    // a meeting of a removed body is gone, as everywhere else
    const meeting = await this.dataSource.getRepository(Meeting).findOne({ where: { id: meetingId }, relations: { body: true }, withDeleted: true });
    if (!meeting || meeting.body.deletedAt !== null) throw notFound('Diese Sitzung gibt es nicht.');
    await this.permissions.assertCanManageBody(viewer, meeting.bodyId, `/sitzungen/${meetingId}/versand`);
    const mails = await this.dataSource.getRepository(OutboxMail).find({ where: { meetingId }, relations: { person: true }, order: { createdAt: 'DESC', id: 'DESC' } });
    const members = await currentMembers(this.dataSource.manager, meeting.bodyId, berlinDay(meeting.startsAt));
    return { meeting, mails, withoutEmail: members.filter((p) => firstEmail(p) === null) };
  }

  /**
   * What "Einladung verschicken" will do, for the confirmation page: how many current members get the
   * mail and who has no address (they need the printable letter). Refused (403, German reason) for a
   * cancelled or held meeting, as the invitation itself is.
   */
  async invitationPreview(viewer: Viewer, meetingId: number, now: Date = new Date()): Promise<{ meeting: Meeting; recipientCount: number; withoutEmail: Person[]; warnings: string[] }> {
    const meeting = await this.dataSource.getRepository(Meeting).findOne({ where: { id: meetingId }, relations: { body: true }, withDeleted: true });
    if (!meeting || meeting.body.deletedAt !== null) throw notFound('Diese Sitzung gibt es nicht.');
    await this.permissions.assertCanManageBody(viewer, meeting.bodyId, `/sitzungen/${meetingId}/einladen`);
    const blocked = invitationBlockedReason(meeting.state);
    if (blocked) throw forbidden(blocked);
    const members = await currentMembers(this.dataSource.manager, meeting.bodyId, berlinDay(meeting.startsAt));
    const withoutEmail = members.filter((p) => firstEmail(p) === null);
    const late = noticePeriodWarning(meeting.startsAt, meeting.body.noticePeriodDays, now);
    return { meeting, recipientCount: members.length - withoutEmail.length, withoutEmail, warnings: late ? [late] : [] };
  }

  /** The postponement mail of a checked plan, as the members will read it (MailService words it). */
  postponementPreview(plan: { meeting: Meeting; startsAt: Date; endsAt: Date; resetAnswers: boolean }): Promise<MailText> {
    return this.mail.postponementPreview(this.dataSource.manager, plan.meeting.id, plan.startsAt, plan.endsAt, plan.resetAnswers);
  }

  /** Queues a failed mail again with fresh attempts. Administrators; chairs for their meetings' mails. */
  async retry(viewer: Viewer, mailId: number, now: Date = new Date()): Promise<OutboxMail> {
    assertMember(viewer);
    const mail = await this.dataSource.getRepository(OutboxMail).findOne({ where: { id: mailId } });
    if (!mail) throw notFound('Diese Nachricht gibt es nicht.');
    if (mail.toAddress === ERASED_ADDRESS) throw forbidden('Diese Nachricht gehört zu einer gelöschten Person und wird nicht mehr gesendet.');
    if (!isAdmin(viewer)) {
      if (mail.meetingId === null) throw forbidden('Diese Nachricht können nur Administratorinnen und Administratoren erneut senden.');
      const meeting = await this.dataSource.getRepository(Meeting).findOne({ where: { id: mail.meetingId } });
      if (!meeting) throw notFound('Diese Nachricht gibt es nicht.');
      await this.permissions.assertCanManageBody(viewer, meeting.bodyId);
    }
    await this.db.write((m) =>
      m.getRepository(OutboxMail).update({ id: mailId, status: 'failed' }, { status: 'queued', attempts: 0, nextAttemptAt: now, claimToken: null, claimedAt: null }),
    );
    this.signal.wake();
    return mail;
  }

  /** The .eml file of a mail delivered to the outbox folder (administrators). */
  async emlPath(viewer: Viewer, mailId: number): Promise<string> {
    assertAdmin(viewer, '/admin/postausgang');
    const mail = await this.dataSource.getRepository(OutboxMail).findOne({ where: { id: mailId } });
    const name = mail?.deliveredVia === 'file' ? mail.deliveryNote : null;
    // only a plain file name written by FileMailTransport, never a path
    if (!name || !/^[\w.-]+\.eml$/.test(name)) throw notFound('Zu dieser Nachricht gibt es keine Datei im Postausgang.');
    const path = join(outboxDir(this.config), name);
    if (!existsSync(path)) throw notFound('Die Datei dieser Nachricht ist nicht mehr im Postausgang-Ordner.');
    return path;
  }

  /** A body and its reminder lead, for its chair, deputy, secretary and administrators. */
  async bodySettings(viewer: Viewer, bodyId: number): Promise<{ body: Body; reminderDaysBefore: number | null; defaultDays: number }> {
    const body = await this.dataSource.getRepository(Body).findOne({ where: { id: bodyId } });
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    await this.permissions.assertCanManageBody(viewer, bodyId, `/gremien/${bodyId}/erinnerungen`);
    const own = await this.dataSource.getRepository(BodyMailSettings).findOne({ where: { bodyId } });
    return { body, reminderDaysBefore: own?.reminderDaysBefore ?? null, defaultDays: this.config.mail.reminderDaysBefore };
  }

  /** null → the configured default. */
  async saveBodySettings(viewer: Viewer, bodyId: number, reminderDaysBefore: number | null): Promise<void> {
    await this.bodySettings(viewer, bodyId);
    if (reminderDaysBefore !== null && (reminderDaysBefore < 0 || reminderDaysBefore > MAX_REMINDER_DAYS)) {
      throw new FormRejected({ reminderDaysBefore: `Bitte eine Zahl von 0 bis ${MAX_REMINDER_DAYS} eingeben.` });
    }
    await this.db.write((m) => m.getRepository(BodyMailSettings).upsert({ bodyId, reminderDaysBefore }, ['bodyId']));
  }
}

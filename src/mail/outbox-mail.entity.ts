import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Person } from '../people/person.entity.js';

/**
 * queued → sending (claimed by one worker, with a lease) → sent; or back to queued with a later
 * next attempt after a temporary error; failed after the last attempt or a permanent refusal.
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const MAIL_KINDS = ['invitation', 'update', 'cancellation', 'reminder', 'action_item_reminder', 'set_password', 'minutes_circulated', 'poll', 'poll_reminder', 'poll_outcome', 'change_request', 'email_change', 'circular'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const CALENDAR_METHODS = ['REQUEST', 'CANCEL'] as const;
export type CalendarMethod = (typeof CALENDAR_METHODS)[number];

/**
 * One outgoing mail (transactional outbox). Written in the same transaction as the change that causes
 * it; the worker (MailWorker) sends it later. Message-ID and Date are fixed here at queue time, so a
 * mail sent again after a crash is the same message to the receiving side.
 */
@Entity('mail_outbox')
@Index('idx_mail_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMail {
  @PrimaryGeneratedColumn()
  id: number;

  /** "<uuid@host>", fixed at queue time. */
  @Index('uq_mail_outbox_message_id', { unique: true })
  @Column({ name: 'message_id', type: 'varchar', length: 250 })
  messageId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: MailKind;

  /** The same logical mail is queued at most once (e.g. "invitation:m12:s3:p45"); null → no such limit. */
  @Index('uq_mail_outbox_dedup_key', { unique: true })
  @Column({ name: 'dedup_key', type: 'varchar', length: 200, nullable: true })
  dedupKey: string | null;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ name: 'to_name', type: 'varchar', length: 200, nullable: true })
  toName: string | null;

  /** Where answers go (the chair, when members may see their address); null → From. */
  @Column({ name: 'reply_to', type: 'varchar', length: 254, nullable: true })
  replyTo: string | null;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  /** An HTML alternative of the text (already sanitised), or null for plain text only. */
  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  /** List-Id header ("Begleitbeirat <bb.lists.example.org>"), for mail to a body's members. */
  @Column({ name: 'list_id', type: 'varchar', length: 250, nullable: true })
  listId: string | null;

  /** One-click unsubscribe URL (List-Unsubscribe with List-Unsubscribe-Post, RFC 8058), or null. */
  @Column({ name: 'list_unsubscribe', type: 'varchar', length: 500, nullable: true })
  listUnsubscribe: string | null;

  /** iTIP method of the text/calendar part, or null for a mail without one. */
  @Column({ name: 'calendar_method', type: 'varchar', length: 10, nullable: true })
  calendarMethod: CalendarMethod | null;

  @Column({ name: 'calendar_content', type: 'text', nullable: true })
  calendarContent: string | null;

  @Index('idx_mail_outbox_meeting')
  @Column({ name: 'meeting_id', type: 'integer', nullable: true })
  meetingId: number | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting> | null;

  @Index('idx_mail_outbox_person')
  @Column({ name: 'person_id', type: 'integer', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person> | null;

  @Index('idx_mail_outbox_account')
  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account> | null;

  /** The body holds a secret (set-password link): replaced by a note once sent over SMTP. */
  @Column({ name: 'scrub_after_send', type: 'boolean', default: false })
  scrubAfterSend: boolean;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: OutboxStatus;

  /** Attempts started so far (raised when a worker claims the mail). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: Date })
  nextAttemptAt: Date;

  /** When a worker claimed it (status sending); another worker may take over after the lease. */
  @Column({ name: 'claimed_at', type: Date, nullable: true })
  claimedAt: Date | null;

  /** Random per claim: only the worker holding it may record the outcome. */
  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt: Date | null;

  /** 'smtp' or 'file' (the local outbox folder). */
  @Column({ name: 'delivered_via', type: 'varchar', length: 10, nullable: true })
  deliveredVia: 'smtp' | 'file' | null;

  /** The SMTP server's answer, or the .eml file name in the outbox folder. */
  @Column({ name: 'delivery_note', type: 'varchar', length: 500, nullable: true })
  deliveryNote: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { Body } from '../bodies/body.entity.js';
import { OutboxMail } from '../mail/outbox-mail.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';

/** To the current members of one body, of several bodies, or to the contacts of selected organisations. */
export const CIRCULAR_SCOPES = ['body', 'bodies', 'organisations'] as const;
export type CircularScope = (typeof CIRCULAR_SCOPES)[number];

/** A circular (Rundschreiben): subject and Markdown text, sent once through the outbox. */
@Entity('circulars')
export class Circular {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  scope: CircularScope;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  /** The text as written (Markdown); rendered and sanitised like the minutes. */
  @Column({ type: 'text' })
  text: string;

  @Index('idx_circulars_sender_account')
  @Column({ name: 'sender_account_id', type: 'integer', nullable: true })
  senderAccountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sender_account_id' })
  senderAccount: Relation<Account> | null;

  /** The sender's name at the time. */
  @Column({ name: 'sender_name', type: 'varchar', length: 254 })
  senderName: string;

  /** Reply-To of every mail: the sender's address, or null (answers go to From). */
  @Column({ name: 'reply_to', type: 'varchar', length: 254, nullable: true })
  replyTo: string | null;

  /** The one-time token of the preview form: the same submit twice sends once. */
  @Index('uq_circulars_form_token', { unique: true })
  @Column({ name: 'form_token', type: 'varchar', length: 64 })
  formToken: string;

  /** The meeting whose documents the circular links, or null (no foreign key: a removed meeting lists nothing). */
  @Index('idx_circulars_meeting')
  @Column({ name: 'meeting_id', type: 'integer', nullable: true })
  meetingId: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany(() => CircularTarget, (t) => t.circular)
  targets: Relation<CircularTarget[]>;
}

/** A body or an organisation a circular went to. */
@Entity('circular_targets')
export class CircularTarget {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_circular_targets_circular')
  @Column({ name: 'circular_id', type: 'integer' })
  circularId: number;

  @ManyToOne(() => Circular, (c) => c.targets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'circular_id' })
  circular: Relation<Circular>;

  @Index('idx_circular_targets_body')
  @Column({ name: 'body_id', type: 'integer', nullable: true })
  bodyId: number | null;

  @ManyToOne(() => Body, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body> | null;

  @Index('idx_circular_targets_organisation')
  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Relation<Organisation> | null;
}

/** One recipient as sent: their mail in the outbox, or why there is none (no address, unsubscribed). */
@Entity('circular_recipients')
export class CircularRecipient {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_circular_recipients_circular')
  @Column({ name: 'circular_id', type: 'integer' })
  circularId: number;

  @ManyToOne(() => Circular, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'circular_id' })
  circular: Relation<Circular>;

  @Index('idx_circular_recipients_person')
  @Column({ name: 'person_id', type: 'integer', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person> | null;

  @Column({ type: 'varchar', length: 254 })
  name: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  address: string | null;

  /** Gets it as a deputy member (Stellvertretung) of the body. */
  @Column({ name: 'as_deputy', type: 'boolean', default: false })
  asDeputy: boolean;

  @Index('idx_circular_recipients_mail')
  @Column({ name: 'mail_id', type: 'integer', nullable: true })
  mailId: number | null;

  @ManyToOne(() => OutboxMail, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'mail_id' })
  mail: Relation<OutboxMail> | null;

  /** Why no mail went out ("keine E-Mail-Adresse", "abgemeldet"), or null. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;
}

/** Addresses that unsubscribed from network-wide circulars to organisation contacts (one click). */
@Entity('circular_unsubscribes')
export class CircularUnsubscribe {
  @PrimaryGeneratedColumn()
  id: number;

  /** Lower-cased address. */
  @Index('uq_circular_unsubscribes_address', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  address: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

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
import { Body } from '../bodies/body.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** An Aufgabe from a meeting: what, who (a person or an organisation), by when. */
@Entity('action_items')
export class ActionItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_action_items_meeting')
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting>;

  @Index('idx_action_items_agenda_item')
  @Column({ name: 'agenda_item_id', type: 'integer', nullable: true })
  agendaItemId: number | null;

  @ManyToOne(() => AgendaItem, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem: Relation<AgendaItem> | null;

  /** The body (copied from the meeting) for the overview's filter. */
  @Index('idx_action_items_body')
  @Column({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  @Column({ type: 'text' })
  what: string;

  @Index('idx_action_items_person')
  @Column({ name: 'responsible_person_id', type: 'integer', nullable: true })
  responsiblePersonId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_person_id' })
  responsiblePerson: Relation<Person> | null;

  @Index('idx_action_items_organisation')
  @Column({ name: 'responsible_organisation_id', type: 'integer', nullable: true })
  responsibleOrganisationId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_organisation_id' })
  responsibleOrganisation: Relation<Organisation> | null;

  /** Berlin date, YYYY-MM-DD. */
  @Index('idx_action_items_due')
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Index('idx_action_items_status')
  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ActionItemStatus;

  @Column({ name: 'done_at', type: Date, nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by_account_id', type: 'integer', nullable: true })
  doneByAccountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'done_by_account_id' })
  doneByAccount: Relation<Account> | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

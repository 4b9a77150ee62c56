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
import { Body } from '../bodies/body.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Minutes } from './minutes.entity.js';

export const DECISION_RESULTS = ['adopted', 'rejected', 'postponed'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

/** A Beschluss, numbered per body and year ("BB-2026-07"). Numbers are never reused. */
@Entity('decisions')
@Index('uq_decisions_body_year_sequence', ['bodyId', 'year', 'sequence'], { unique: true })
export class Decision {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_decisions_minutes')
  @Column({ name: 'minutes_id', type: 'integer' })
  minutesId: number;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes: Relation<Minutes>;

  @Index('idx_decisions_agenda_item')
  @Column({ name: 'agenda_item_id', type: 'integer' })
  agendaItemId: number;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem: Relation<AgendaItem>;

  /** The body (copied from the meeting) for numbering and the register's filter. */
  @Index('idx_decisions_body')
  @Column({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  /** The Berlin year of the meeting. */
  @Index('idx_decisions_year')
  @Column({ type: 'integer' })
  year: number;

  /** Running number within body and year, from 1. */
  @Column({ type: 'integer' })
  sequence: number;

  /** "BB-2026-07" */
  @Index('uq_decisions_number', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  number: string;

  /** Markdown. */
  @Column({ type: 'text' })
  text: string;

  /** Plain copy of the text for the register's search (lower-cased, accents folded). */
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  @Column({ type: 'boolean', default: false })
  unanimous: boolean;

  @Column({ name: 'votes_yes', type: 'integer', nullable: true })
  votesYes: number | null;

  @Column({ name: 'votes_no', type: 'integer', nullable: true })
  votesNo: number | null;

  @Column({ name: 'votes_abstain', type: 'integer', nullable: true })
  votesAbstain: number | null;

  @Column({ type: 'varchar', length: 20 })
  result: DecisionResult;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const BODY_KINDS = ['network', 'advisory_board', 'round_table', 'alliance', 'conference', 'working_group', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** A Gremium: a network, advisory board, round table, alliance or conference. */
@Entity('bodies')
export class Body {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_bodies_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'short_name', type: 'varchar', length: 50, nullable: true })
  shortName: string | null;

  /** Short code used in decision numbers, e.g. "BB" in "BB-2026-07". */
  @Index('uq_bodies_code', { unique: true })
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 30 })
  kind: BodyKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** ISO date (YYYY-MM-DD) or year-only precision stored as YYYY-01-01 with foundedYearOnly. */
  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn: string | null;

  @Column({ name: 'founded_year_only', type: 'boolean', default: false })
  foundedYearOnly: boolean;

  @Column({ name: 'is_public', type: 'boolean', default: true })
  isPublic: boolean;

  @Column({ name: 'default_duration_minutes', type: 'integer', default: 120 })
  defaultDurationMinutes: number;

  /** Days before a meeting by which invitations must go out. */
  @Column({ name: 'notice_period_days', type: 'integer', default: 14 })
  noticePeriodDays: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}

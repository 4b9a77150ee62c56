import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Meeting } from '../meetings/meeting.entity.js';
import { Person } from '../people/person.entity.js';
import { MinutesItem } from './minutes-item.entity.js';

/** draft (editors only) → circulated (members read) → approved (in a later meeting; read-only, amendments only). */
export const MINUTES_STATUSES = ['draft', 'circulated', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** The protocol (Niederschrift) of one meeting. */
@Entity('minutes')
export class Minutes {
  @PrimaryGeneratedColumn()
  id: number;

  /** One set of minutes per meeting. */
  @Index('uq_minutes_meeting', { unique: true })
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting>;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: MinutesStatus;

  @Column({ name: 'circulated_at', type: Date, nullable: true })
  circulatedAt: Date | null;

  /** The later meeting of the same body in which the minutes were approved. */
  @Index('idx_minutes_approved_in')
  @Column({ name: 'approved_in_meeting_id', type: 'integer', nullable: true })
  approvedInMeetingId: number | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_in_meeting_id' })
  approvedInMeeting: Relation<Meeting> | null;

  @Column({ name: 'approved_at', type: Date, nullable: true })
  approvedAt: Date | null;

  /** Who chaired the meeting (Sitzungsleitung). */
  @Index('idx_minutes_chair')
  @Column({ name: 'chair_person_id', type: 'integer', nullable: true })
  chairPersonId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'chair_person_id' })
  chairPerson: Relation<Person> | null;

  /** Who wrote the minutes (Protokollführung). */
  @Index('idx_minutes_recorder')
  @Column({ name: 'recorder_person_id', type: 'integer', nullable: true })
  recorderPersonId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorder_person_id' })
  recorderPerson: Relation<Person> | null;

  /** When the meeting was actually opened and closed; null → the scheduled times. */
  @Column({ name: 'opened_at', type: Date, nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  /** When the chair established (or failed to establish) the quorum. */
  @Column({ name: 'quorum_checked_at', type: Date, nullable: true })
  quorumCheckedAt: Date | null;

  /** What the chair established: true = beschlussfähig, false = nicht beschlussfähig, null = not recorded. */
  @Column({ name: 'quorum_reached', type: 'boolean', nullable: true })
  quorumReached: boolean | null;

  /** Markdown: welcome, approval of the agenda and of earlier minutes. */
  @Column({ name: 'opening_text', type: 'text', nullable: true })
  openingText: string | null;

  /** Markdown: Verschiedenes. */
  @Column({ name: 'other_business_text', type: 'text', nullable: true })
  otherBusinessText: string | null;

  /** Guests by name, one per line (people who are not members of the body). */
  @Column({ name: 'guests', type: 'text', nullable: true })
  guests: string | null;

  @OneToMany(() => MinutesItem, (i) => i.minutes)
  items: Relation<MinutesItem>[];

  /** Optimistic locking: raised by every save; a save based on an older version is a conflict. */
  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

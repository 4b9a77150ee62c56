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
} from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Location } from './location.entity.js';

/** scheduled → invited → held; or cancelled (with a reason). A postponed meeting keeps its identity. */
export const MEETING_STATES = ['scheduled', 'invited', 'held', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** A meeting (Sitzung) of a body. Times are stored as UTC instants. */
@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_meetings_body')
  @Column({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Notes for the participants shown on the meeting page and in the invitation. */
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Index('idx_meetings_starts_at')
  @Column({ name: 'starts_at', type: Date })
  startsAt: Date;

  @Column({ name: 'ends_at', type: Date })
  endsAt: Date;

  @Index('idx_meetings_location')
  @Column({ name: 'location_id', type: 'integer', nullable: true })
  locationId: number | null;

  @ManyToOne(() => Location, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'location_id' })
  location: Relation<Location> | null;

  /** Link to the online meeting; a meeting may be in person, online or both. */
  @Column({ name: 'online_link', type: 'varchar', length: 500, nullable: true })
  onlineLink: string | null;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  state: MeetingState;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** When the invitation was issued (state → invited). */
  @Column({ name: 'invited_at', type: Date, nullable: true })
  invitedAt: Date | null;

  /** Stable calendar UID ("<uuid>@<host>"); never changes, also not when the meeting is postponed. */
  @Index('uq_meetings_uid', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  uid: string;

  /** iCalendar SEQUENCE: raised on every change of time, place, title or state. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'is_public', type: 'boolean', default: true })
  isPublic: boolean;

  /** Meetings created together from one series rule share this id; each stays an ordinary meeting. */
  @Index('idx_meetings_series')
  @Column({ name: 'series_id', type: 'varchar', length: 36, nullable: true })
  seriesId: string | null;

  @OneToMany(() => AgendaItem, (a) => a.meeting)
  agendaItems: Relation<AgendaItem>[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

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
import { Person } from '../people/person.entity.js';
import { Meeting } from './meeting.entity.js';

export const RSVP_RESPONSES = ['accepted', 'declined', 'tentative', 'none'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export const ATTENDED_VALUES = ['yes', 'no', 'excused'] as const;
export type Attended = (typeof ATTENDED_VALUES)[number];

/** One person and one meeting: invited?, their answer, a deputy, and (recorded later) whether they came. */
@Entity('attendances')
@Index('uq_attendances_meeting_person', ['meetingId', 'personId'], { unique: true })
export class Attendance {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_attendances_meeting')
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting>;

  @Index('idx_attendances_person')
  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  /** Set when the invitation went out to this person. */
  @Column({ name: 'invited_at', type: Date, nullable: true })
  invitedAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'none' })
  response: RsvpResponse;

  @Column({ name: 'responded_at', type: Date, nullable: true })
  respondedAt: Date | null;

  /** Who comes instead (Vertretung). */
  @Index('idx_attendances_deputy')
  @Column({ name: 'deputy_person_id', type: 'integer', nullable: true })
  deputyPersonId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'deputy_person_id' })
  deputyPerson: Relation<Person> | null;

  /** Recorded with the minutes: yes / no / excused; null until then. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  attended: Attended | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

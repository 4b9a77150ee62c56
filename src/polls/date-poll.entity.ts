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
import { Location } from '../meetings/location.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Person } from '../people/person.entity.js';

/** open → closed (by hand or at the deadline) → decided (a slot picked, the meeting created). */
export const POLL_STATES = ['open', 'closed', 'decided'] as const;
export type PollState = (typeof POLL_STATES)[number];

export const POLL_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

/** A date poll (Terminumfrage): a chair asks a body's current members which candidate slots suit them. */
@Entity('date_polls')
export class DatePoll {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_date_polls_body')
  @Column({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  /** Becomes the meeting's title when a slot is picked. */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Answers are accepted until this instant (end of the Berlin day the chair chose). */
  @Column({ type: Date })
  deadline: Date;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  state: PollState;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'picked_slot_id', type: 'integer', nullable: true })
  pickedSlotId: number | null;

  @Index('idx_date_polls_meeting')
  @Column({ name: 'meeting_id', type: 'integer', nullable: true })
  meetingId: number | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting> | null;

  @OneToMany(() => DatePollSlot, (s) => s.poll)
  slots: Relation<DatePollSlot[]>;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

/** One candidate slot of a poll. */
@Entity('date_poll_slots')
export class DatePollSlot {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_date_poll_slots_poll')
  @Column({ name: 'poll_id', type: 'integer' })
  pollId: number;

  @ManyToOne(() => DatePoll, (p) => p.slots, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id' })
  poll: Relation<DatePoll>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'starts_at', type: Date })
  startsAt: Date;

  @Column({ name: 'ends_at', type: Date })
  endsAt: Date;

  @Index('idx_date_poll_slots_location')
  @Column({ name: 'location_id', type: 'integer', nullable: true })
  locationId: number | null;

  @ManyToOne(() => Location, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'location_id' })
  location: Relation<Location> | null;
}

/** A person's answer to a poll: the comment and who gave it (the person, or a deputy for them). */
@Entity('date_poll_responses')
@Index('uq_date_poll_responses_poll_person', ['pollId', 'personId'], { unique: true })
export class DatePollResponse {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'poll_id', type: 'integer' })
  pollId: number;

  @ManyToOne(() => DatePoll, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id' })
  poll: Relation<DatePoll>;

  @Index('idx_date_poll_responses_person')
  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  /** A deputy who answered for the person; null when the person answered themselves. */
  @Index('idx_date_poll_responses_answered_by')
  @Column({ name: 'answered_by_person_id', type: 'integer', nullable: true })
  answeredByPersonId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by_person_id' })
  answeredBy: Relation<Person> | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Column({ name: 'responded_at', type: Date })
  respondedAt: Date;

  @OneToMany(() => DatePollVote, (v) => v.response)
  votes: Relation<DatePollVote[]>;
}

/** yes / if need be / no of one response for one slot. */
@Entity('date_poll_votes')
@Index('uq_date_poll_votes_response_slot', ['responseId', 'slotId'], { unique: true })
export class DatePollVote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'response_id', type: 'integer' })
  responseId: number;

  @ManyToOne(() => DatePollResponse, (r) => r.votes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response: Relation<DatePollResponse>;

  @Index('idx_date_poll_votes_slot')
  @Column({ name: 'slot_id', type: 'integer' })
  slotId: number;

  @ManyToOne(() => DatePollSlot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id' })
  slot: Relation<DatePollSlot>;

  @Column({ type: 'varchar', length: 10 })
  answer: PollAnswer;
}

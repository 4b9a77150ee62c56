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
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';
import { Body } from './body.entity.js';

/** Roles in the order a body's page lists them. */
export const MEMBERSHIP_ROLES = [
  'chair',
  'deputy_chair',
  'secretary',
  'member',
  'deputy_member',
  'advisory_member',
  'guest',
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** A person in a body. Ended memberships are kept as history (end date set). */
@Entity('memberships')
export class Membership {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_memberships_body')
  @Column({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  @Index('idx_memberships_person')
  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  @Column({ type: 'varchar', length: 20 })
  role: MembershipRole;

  @Column({ name: 'voting_right', type: 'boolean', default: false })
  votingRight: boolean;

  @Index('idx_memberships_on_behalf_of')
  @Column({ name: 'on_behalf_of_id', type: 'integer', nullable: true })
  onBehalfOfId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'on_behalf_of_id' })
  onBehalfOf: Relation<Organisation> | null;

  /** Free text shown beside the role, e.g. "Leitung und Geschäftsführung". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

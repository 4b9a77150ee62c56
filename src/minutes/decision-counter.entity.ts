import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Body } from '../bodies/body.entity.js';

/**
 * The last decision number handed out per body and year. Kept apart from the decisions so a
 * deleted decision's number is never handed out again.
 */
@Entity('decision_counters')
export class DecisionCounter {
  @PrimaryColumn({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @ManyToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_sequence', type: 'integer', default: 0 })
  lastSequence: number;
}

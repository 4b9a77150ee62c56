import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Body } from './body.entity.js';

/** more_than_half: > 50 % of voting members; fraction: at least value percent; count: at least value members. */
export const QUORUM_RULE_KINDS = ['more_than_half', 'percent', 'count'] as const;
export type QuorumRuleKind = (typeof QUORUM_RULE_KINDS)[number];

/** A body's quorum rule (Beschlussfähigkeit), when its rules of procedure differ from "more than half". */
@Entity('body_quorum_rules')
export class BodyQuorumRule {
  @PrimaryColumn({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @OneToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  @Column({ type: 'varchar', length: 20, default: 'more_than_half' })
  kind: QuorumRuleKind;

  /** Percent (1–100) for 'percent', members for 'count'; unused for 'more_than_half'. */
  @Column({ type: 'integer', nullable: true })
  value: number | null;
}

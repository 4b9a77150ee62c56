import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Minutes } from './minutes.entity.js';

/**
 * Text submitted to the minutes editor after the session had expired. Kept server-side, bound to
 * the submitting browser by a secret (only its SHA-256 is stored) and saved once its author has
 * logged in again. Deleted when claimed or expired.
 */
@Entity('pending_minutes_drafts')
export class PendingMinutesDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_pending_minutes_drafts_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('idx_pending_minutes_drafts_minutes')
  @Column({ name: 'minutes_id', type: 'integer' })
  minutesId: number;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes: Relation<Minutes>;

  /** The submitted form as JSON (field → text, with the version it was based on). */
  @Column({ type: 'text' })
  payload: string;

  @Index('idx_pending_minutes_drafts_expires')
  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { Minutes } from './minutes.entity.js';

/**
 * Text submitted to the minutes editor after the session had expired. Kept server-side only for an
 * account that may edit those minutes (proved by the expired session's cookie, see
 * PendingDraftsService), one per account and minutes (the newest wins), bound to the submitting
 * browser by a secret (only its SHA-256 is stored) and saved once its author has logged in again.
 * Deleted when claimed or expired.
 */
@Entity('pending_minutes_drafts')
@Index('uq_pending_minutes_drafts_account_minutes', ['accountId', 'minutesId'], { unique: true })
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

  /** The editor whose expired session sent the text; only this account can claim it. */
  @Column({ name: 'account_id', type: 'integer' })
  accountId: number;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account>;

  /** The submitted form as JSON (field → text, with the version it was based on). */
  @Column({ type: 'text' })
  payload: string;

  @Index('idx_pending_minutes_drafts_expires')
  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

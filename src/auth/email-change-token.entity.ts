import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from './account.entity.js';

/** A pending change of an account's e-mail address, confirmed through a one-time link to the new address. Only the SHA-256 of the token is stored. */
@Entity('email_change_tokens')
export class EmailChangeToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_email_change_tokens_account')
  @Column({ name: 'account_id', type: 'integer' })
  accountId: number;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account>;

  /** The new address (normalised). */
  @Column({ name: 'new_email', type: 'varchar', length: 254 })
  newEmail: string;

  @Index('uq_email_change_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

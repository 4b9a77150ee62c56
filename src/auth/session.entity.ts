import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Account } from './account.entity.js';

/**
 * A browser session (express-session data), shared by every app instance on the database.
 * The id column holds the SHA-256 of the cookie's session id, so a copy of the table cannot be
 * used to take over sessions.
 */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** The session data as JSON (express-session's SessionData). */
  @Column({ type: 'text' })
  data: string;

  /** End of the idle period; moved forward by every request. */
  @Index('idx_sessions_expires_at')
  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  /** The logged-in account, so all its sessions can be ended (password change, account disabled). */
  @Index('idx_sessions_account')
  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account> | null;

  /** The id is regenerated at login, so this is the start of the absolute timeout. */
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}

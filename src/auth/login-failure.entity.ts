import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One failed login, counted per account (normalised email) and per client IP for throttling. */
@Entity('login_failures')
@Index('idx_login_failures_account', ['accountKey', 'attemptedAt'])
@Index('idx_login_failures_ip', ['ip', 'attemptedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn()
  id: number;

  /** The normalised email that was tried, whether or not an account has it. */
  @Column({ name: 'account_key', type: 'varchar', length: 254 })
  accountKey: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ name: 'attempted_at', type: Date })
  attemptedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One "Passwort vergessen" request, counted per address (normalised email, known or not) and per
 * client IP for throttling, like LoginFailure. Rows older than the window are dropped.
 */
@Entity('password_reset_requests')
@Index('idx_password_reset_requests_account', ['accountKey', 'requestedAt'])
@Index('idx_password_reset_requests_ip', ['ip', 'requestedAt'])
export class PasswordResetRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'account_key', type: 'varchar', length: 254 })
  accountKey: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ name: 'requested_at', type: Date })
  requestedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets the app creates for itself when none is configured (the session cookie secret),
 * kept in the database so that restarts and other instances use the same one.
 */
@Entity('auth_secrets')
export class AuthSecret {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  value: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

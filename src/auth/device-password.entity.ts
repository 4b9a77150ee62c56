import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from './account.entity.js';

/**
 * A named password for one device's CardDAV/CalDAV client ("iPhone", "Thunderbird"). Only its argon2
 * hash is stored; the selector (the password's first characters, not secret) finds the row without
 * trying every hash. Accepted by the DAV module only, never by the web login. Revoking deletes the row.
 */
@Entity('device_passwords')
@Index('idx_device_passwords_account', ['accountId', 'selector'])
export class DevicePassword {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId: number;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account>;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  selector: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: Date, nullable: true })
  lastUsedAt: Date | null;
}

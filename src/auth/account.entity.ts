import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A login. Rights come from `isAdmin` and, per body, from the linked person's memberships
 * (see bodies/BodyPolicyService) — there is no global chair flag.
 */
@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn()
  id: number;

  /** Trimmed and lower-cased (normalizeEmail), so uniqueness ignores how it was typed. */
  @Index('uq_accounts_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id in PHC format ($argon2id$v=19$m=…,t=…,p=…$salt$hash). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  /**
   * The person this account belongs to; one account per person at most. A plain id: auth sits below
   * people, so the foreign key to people is declared from the people side (src/people/account-person.ts),
   * and names come through AccountPeople.
   */
  @Index('uq_accounts_person', { unique: true })
  @Column({ name: 'person_id', type: 'integer', nullable: true })
  personId: number | null;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  /** Set for generated passwords: every page leads to /konto/passwort until it is changed. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** A disabled account cannot log in; its sessions are ended. */
  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt: Date | null;

  /** Secret for the personal iCal feed (clients cannot log in); null until first requested. */
  @Index('uq_accounts_calendar_token', { unique: true })
  @Column({ name: 'calendar_token', type: 'varchar', length: 64, nullable: true })
  calendarToken: string | null;

  @Column({ name: 'password_changed_at', type: Date, nullable: true })
  passwordChangedAt: Date | null;

  @Column({ name: 'last_login_at', type: Date, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

/** The one way emails are compared and stored. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

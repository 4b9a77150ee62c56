import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../auth/account.entity.js';

export const IMPORT_KINDS = ['people', 'organisations', 'memberships'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * An uploaded CSV file between preview and confirmation, kept on the server (nothing is lost and
 * nothing is written before the administrator confirms). Usable only by the account that uploaded
 * it, until it expires; deleted when imported.
 */
@Entity('import_drafts')
export class ImportDraft {
  @PrimaryGeneratedColumn()
  id: number;

  /** Random, URL-safe; the confirmation form posts it back. */
  @Index('uq_import_drafts_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @Index('idx_import_drafts_account')
  @Column({ name: 'account_id', type: 'integer' })
  accountId: number;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account: Relation<Account>;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  /** The file's text (UTF-8, BOM removed). */
  @Column({ type: 'text' })
  content: string;

  /** SHA-256 of the previewed plan: a confirmation applies exactly what was shown, or shows the new preview. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;
}

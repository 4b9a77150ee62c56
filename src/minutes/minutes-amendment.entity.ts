import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Minutes } from './minutes.entity.js';

/** A correction of approved minutes: the approved text stays, the correction is shown beside it with its reason. */
@Entity('minutes_amendments')
export class MinutesAmendment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_minutes_amendments_minutes')
  @Column({ name: 'minutes_id', type: 'integer' })
  minutesId: number;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes: Relation<Minutes>;

  /** The agenda item corrected; null → the minutes as a whole (opening, other business, attendance). */
  @Index('idx_minutes_amendments_agenda_item')
  @Column({ name: 'agenda_item_id', type: 'integer', nullable: true })
  agendaItemId: number | null;

  @ManyToOne(() => AgendaItem, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem: Relation<AgendaItem> | null;

  @Column({ type: 'text' })
  reason: string;

  /** Markdown. */
  @Column({ type: 'text' })
  text: string;

  @Index('idx_minutes_amendments_account')
  @Column({ name: 'author_account_id', type: 'integer', nullable: true })
  authorAccountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_account_id' })
  authorAccount: Relation<Account> | null;

  /** The author's name as it was, kept when the account goes. */
  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Minutes } from './minutes.entity.js';

/** The minutes' text (Markdown source) on one agenda item. */
@Entity('minutes_items')
@Index('uq_minutes_items_minutes_agenda_item', ['minutesId', 'agendaItemId'], { unique: true })
export class MinutesItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_minutes_items_minutes')
  @Column({ name: 'minutes_id', type: 'integer' })
  minutesId: number;

  @ManyToOne(() => Minutes, (m) => m.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes: Relation<Minutes>;

  @Index('idx_minutes_items_agenda_item')
  @Column({ name: 'agenda_item_id', type: 'integer' })
  agendaItemId: number;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem: Relation<AgendaItem>;

  @Column({ type: 'text', default: '' })
  text: string;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

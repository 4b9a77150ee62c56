import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Meeting } from './meeting.entity.js';

/** A Tagesordnungspunkt (TOP). Level 0 items are numbered 1, 2, 3; level 1 items below them 1.1, 1.2. */
@Entity('agenda_items')
export class AgendaItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_agenda_items_meeting')
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => Meeting, (m) => m.agendaItems, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting>;

  /** "1", "1.1", "2" — derived from position and level, kept stored so minutes and decisions can cite it. */
  @Column({ type: 'varchar', length: 20 })
  number: string;

  /** Order within the meeting, 0-based, without gaps. */
  @Column({ type: 'integer' })
  position: number;

  /** 0 = main item, 1 = sub-item of the preceding main item. */
  @Column({ type: 'integer', default: 0 })
  level: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'is_public', type: 'boolean', default: true })
  isPublic: boolean;

  /** Who presents the item (free text: members, guests and external speakers alike). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  presenter: string | null;

  @Column({ name: 'planned_minutes', type: 'integer', nullable: true })
  plannedMinutes: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

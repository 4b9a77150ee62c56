import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Body } from '../bodies/body.entity.js';

/** A body's own mail settings; a body without a row uses the configured defaults. */
@Entity('body_mail_settings')
export class BodyMailSettings {
  @PrimaryColumn({ name: 'body_id', type: 'integer' })
  bodyId: number;

  @OneToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body: Relation<Body>;

  /** Remind members who have not answered this many days before a meeting; 0 = never; null = default. */
  @Column({ name: 'reminder_days_before', type: 'integer', nullable: true })
  reminderDaysBefore: number | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

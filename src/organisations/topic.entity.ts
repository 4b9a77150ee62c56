import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity.js';

/**
 * A topic or service of the kept vocabulary "Themen und Angebote" (Asylberatung, Sprachkurs, Kita …),
 * maintained by the administrators and given to people and organisations. `nameKey` is the folded
 * name: two topics never differ only by case or accents.
 */
@Entity('topics')
export class Topic {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_topics_name_key', { unique: true })
  @Column({ name: 'name_key', type: 'varchar', length: 100 })
  nameKey: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

/** A topic an organisation offers or works on. */
@Entity('organisation_topics')
export class OrganisationTopic {
  @PrimaryColumn({ name: 'organisation_id', type: 'integer' })
  organisationId: number;

  @Index('idx_organisation_topics_topic')
  @PrimaryColumn({ name: 'topic_id', type: 'integer' })
  topicId: number;

  @ManyToOne(() => Organisation, (o) => o.topics, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Relation<Organisation>;

  @ManyToOne(() => Topic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic: Relation<Topic>;
}

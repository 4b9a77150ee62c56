import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Topic } from '../organisations/topic.entity.js';
import { Person } from './person.entity.js';

/** A topic a person works on or offers ("Themen und Angebote"). */
@Entity('person_topics')
export class PersonTopic {
  @PrimaryColumn({ name: 'person_id', type: 'integer' })
  personId: number;

  @Index('idx_person_topics_topic')
  @PrimaryColumn({ name: 'topic_id', type: 'integer' })
  topicId: number;

  @ManyToOne(() => Person, (p) => p.topics, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  @ManyToOne(() => Topic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic: Relation<Topic>;
}

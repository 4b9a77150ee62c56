import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Topic } from './topic.entity.js';

/** A topic with how many current entries (people, organisations) use it. */
export interface TopicUsage {
  topic: Topic;
  people: number;
  organisations: number;
}

/** Queries about the topic vocabulary, named for what the caller wants. */
@Injectable()
export class TopicsRepository {
  constructor(@InjectRepository(Topic) private readonly topics: Repository<Topic>) {}

  /** Every topic, by name. */
  findAll(): Promise<Topic[]> {
    return this.topics.find({ order: { name: 'ASC' } });
  }

  findById(id: number): Promise<Topic | null> {
    return this.topics.findOne({ where: { id } });
  }

  /** Every topic with its counts of people and organisations still in the directory, by name. */
  async findAllWithUsage(): Promise<TopicUsage[]> {
    const rows = await this.topics
      .createQueryBuilder('t')
      .select(['t.id AS id'])
      .addSelect('(SELECT COUNT(*) FROM person_topics pt JOIN people p ON p.id = pt.person_id AND p.deleted_at IS NULL WHERE pt.topic_id = t.id)', 'people')
      .addSelect('(SELECT COUNT(*) FROM organisation_topics ot JOIN organisations o ON o.id = ot.organisation_id AND o.deleted_at IS NULL WHERE ot.topic_id = t.id)', 'organisations')
      .getRawMany<{ id: number; people: number | string; organisations: number | string }>();
    const counts = new Map(rows.map((r) => [Number(r.id), { people: Number(r.people), organisations: Number(r.organisations) }]));
    return (await this.findAll()).map((topic) => ({ topic, people: counts.get(topic.id)?.people ?? 0, organisations: counts.get(topic.id)?.organisations ?? 0 }));
  }

  /** One topic's usage, or null when it does not exist. */
  async usage(id: number): Promise<TopicUsage | null> {
    return (await this.findAllWithUsage()).find((u) => u.topic.id === id) ?? null;
  }
}

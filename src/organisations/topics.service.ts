import { Injectable } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { OrganisationTopic, Topic } from './topic.entity.js';
import { normaliseTopicName, topicNameKey } from './topic-name.js';
import { type TopicUsage, TopicsRepository } from './topics.repository.js';

/**
 * A topic was renamed or removed: the people who had it (their ids, read before a removal) are
 * reindexed by the people module in the same transaction.
 */
export interface TopicChanged {
  topicId: number;
  personIds: number[];
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'topic.changed': TopicChanged;
  }
}

const ADMIN_PATH = '/admin/themen';
const TOPIC_LABELS = { name: 'Name' };
const MISSING = 'Dieses Thema gibt es nicht (mehr).';

/**
 * The kept vocabulary "Themen und Angebote": administrators add, rename and remove topics; every
 * write is audited and keeps the search documents of the entries using the topic in step.
 */
@Injectable()
export class TopicsService {
  constructor(
    private readonly repository: TopicsRepository,
    private readonly db: DatabaseService,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
    private readonly events: DomainEvents,
  ) {}

  /** Every topic (for choosing on forms and filtering), by name. */
  all(): Promise<Topic[]> {
    return this.repository.findAll();
  }

  /** The vocabulary with usage counts; administrators only. */
  async overview(viewer: Viewer): Promise<TopicUsage[]> {
    assertAdmin(viewer, ADMIN_PATH);
    return this.repository.findAllWithUsage();
  }

  /** One topic with its usage; administrators only; 404 for an unknown id. */
  async forEditing(viewer: Viewer, id: number): Promise<TopicUsage> {
    assertAdmin(viewer, ADMIN_PATH);
    const usage = await this.repository.usage(id);
    if (!usage) throw notFound(MISSING);
    return usage;
  }

  async create(viewer: Viewer, rawName: string): Promise<Topic> {
    assertAdmin(viewer, ADMIN_PATH);
    const name = normaliseTopicName(rawName);
    return this.db.write(async (manager) => {
      await this.assertNameFree(manager, name, null);
      const repo = manager.getRepository(Topic);
      const topic = await repo.save(repo.create({ name, nameKey: topicNameKey(name) }));
      await this.audit.record(manager, viewer, { action: 'create', entityType: 'topic', entityId: topic.id, label: name, changes: [{ field: 'name', label: TOPIC_LABELS.name, old: null, new: name }] });
      return topic;
    });
  }

  /** Renames a topic; every person and organisation with it is reindexed in the same transaction. */
  async rename(viewer: Viewer, id: number, rawName: string): Promise<Topic> {
    assertAdmin(viewer, ADMIN_PATH);
    const name = normaliseTopicName(rawName);
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Topic);
      const topic = await repo.findOne({ where: { id } });
      if (!topic) throw notFound(MISSING);
      if (topic.name === name) return topic;
      await this.assertNameFree(manager, name, id);
      const old = topic.name;
      await repo.update({ id }, { name, nameKey: topicNameKey(name) });
      await this.audit.record(manager, viewer, { action: 'update', entityType: 'topic', entityId: id, label: name, changes: [{ field: 'name', label: TOPIC_LABELS.name, old, new: name }] });
      await this.reindexUsers(manager, id, await this.organisationsWith(manager, id), await this.peopleWith(manager, id));
      return { ...topic, name, nameKey: topicNameKey(name) };
    });
  }

  /** Removes a topic and takes it off every entry; those entries are reindexed in the same transaction. */
  async remove(viewer: Viewer, id: number): Promise<Topic> {
    assertAdmin(viewer, ADMIN_PATH);
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Topic);
      const topic = await repo.findOne({ where: { id } });
      if (!topic) throw notFound(MISSING);
      const organisationIds = await this.organisationsWith(manager, id);
      const personIds = await this.peopleWith(manager, id);
      await manager.getRepository(OrganisationTopic).delete({ topicId: id });
      // person_topics belongs to people (above this module): deleted by table name
      await manager.createQueryBuilder().delete().from('person_topics').where('topic_id = :id', { id }).execute();
      await repo.delete({ id });
      await this.audit.record(manager, viewer, { action: 'delete', entityType: 'topic', entityId: id, label: topic.name, changes: [{ field: 'name', label: TOPIC_LABELS.name, old: topic.name, new: null }] });
      await this.reindexUsers(manager, id, organisationIds, personIds);
      return topic;
    });
  }

  /**
   * The ids of existing topics among `ids`, for an entry's form: FormRejected (at `field`) when one
   * is unknown (removed meanwhile or forged).
   */
  async existingIds(manager: EntityManager, ids: number[], field: string): Promise<number[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await manager.getRepository(Topic).find({ where: { id: In(unique) }, select: { id: true } });
    if (found.length !== unique.length) throw new FormRejected({ [field]: 'Ein gewähltes Thema gibt es nicht (mehr). Bitte wählen Sie aus der Liste.' });
    return unique;
  }

  private async assertNameFree(manager: EntityManager, name: string, exceptId: number | null): Promise<void> {
    const nameKey = topicNameKey(name);
    if (!nameKey) throw new FormRejected({ name: 'Bitte geben Sie einen Namen ein.' });
    const clash = await manager.getRepository(Topic).findOne({ where: exceptId === null ? { nameKey } : { nameKey, id: Not(exceptId) } });
    if (clash) throw new FormRejected({ name: `Das Thema „${clash.name}“ gibt es schon (Groß- und Kleinschreibung zählt nicht).` });
  }

  private async organisationsWith(manager: EntityManager, topicId: number): Promise<number[]> {
    return (await manager.getRepository(OrganisationTopic).find({ where: { topicId }, select: { organisationId: true } })).map((r) => r.organisationId);
  }

  private async peopleWith(manager: EntityManager, topicId: number): Promise<number[]> {
    const rows = await manager.createQueryBuilder().select('pt.person_id', 'id').from('person_topics', 'pt').where('pt.topic_id = :topicId', { topicId }).getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  private async reindexUsers(manager: EntityManager, topicId: number, organisationIds: number[], personIds: number[]): Promise<void> {
    for (const id of organisationIds) await this.indexer.reindex(manager, 'organisation', id);
    await this.events.publish(manager, 'topic.changed', { topicId, personIds });
  }
}

import { In, type EntityManager } from 'typeorm';
import type { AuditChange } from '../audit/audit-entry.entity.js';
import { FormRejected } from '../common/forms/form.js';
import { Topic } from './topic.entity.js';
import { UNKNOWN_TOPIC } from './topic-choices.js';

/**
 * The audit change of an entry's topics (people and organisations alike): names before and after,
 * sorted, or none when they are the same. FormRejected at `topicIds` when an id is no topic (any more).
 */
export async function topicChanges(manager: EntityManager, before: { topic: Pick<Topic, 'name'> }[], afterIds: number[]): Promise<AuditChange[]> {
  const found = afterIds.length === 0 ? [] : await manager.getRepository(Topic).find({ where: { id: In(afterIds) } });
  if (found.length !== new Set(afterIds).size) throw new FormRejected({ topicIds: UNKNOWN_TOPIC });
  const text = (names: string[]): string | null => (names.length > 0 ? [...names].sort((a, b) => a.localeCompare(b, 'de')).join(', ') : null);
  const old = text(before.map((t) => t.topic.name));
  const now = text(found.map((t) => t.name));
  return old === now ? [] : [{ field: 'topics', label: 'Themen und Angebote', old, new: now }];
}

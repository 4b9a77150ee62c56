import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { SearchIndexer } from '../search/search-indexer.js';
import type { OrganisationInput } from './dto/organisation.dto.js';
import { ORGANISATION_AUDIT_LABELS, organisationAuditValues } from './organisation-audit.js';
import { Organisation, type OrganisationKind } from './organisation.entity.js';
import type { OrganisationFacts, OrganisationListing } from './organisation-reads.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { topicChanges } from './topic-audit.js';
import { OrganisationTopic } from './topic.entity.js';

export interface OrganisationDetail {
  organisation: OrganisationFacts;
  /** Its units, by name. */
  children: OrganisationListing[];
}

/** An organisation's name or place changed (or it was removed): whoever shows it elsewhere refreshes that. */
export interface OrganisationChanged {
  organisationId: number;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'organisation.changed': OrganisationChanged;
  }
}

/** Which edit actions a viewer may see on an organisation's pages (decided here, not in templates). */
export interface OrganisationPermissions {
  canEdit: boolean;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  permissions(viewer: Viewer): OrganisationPermissions {
    return { canEdit: isAdmin(viewer) };
  }

  list(kind: OrganisationKind | undefined, offset: number, limit: number, topicId?: number): Promise<[Organisation[], number]> {
    return this.repository.findPage({ kind, topicId, offset, limit });
  }

  /** The organisation with its parent, topics and units (one hand-written statement, plain objects). */
  async detail(id: number): Promise<OrganisationDetail> {
    const found = await this.repository.readPage(id);
    if (!found) throw notFound('Diese Organisation gibt es nicht.');
    return found;
  }

  options(): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    return this.repository.findAllNames();
  }

  /** The organisation to fill the edit form with (administrators only). */
  async forEditing(viewer: Viewer, id: number): Promise<Organisation> {
    assertAdmin(viewer, `/organisationen/${id}/bearbeiten`);
    const organisation = await this.repository.findById(id);
    if (!organisation) throw notFound('Diese Organisation gibt es nicht.');
    return organisation;
  }

  /** Options for "belongs to" (every organisation but the one edited); administrators only. */
  async parentOptions(viewer: Viewer, exceptId?: number): Promise<Pick<Organisation, 'id' | 'name'>[]> {
    assertAdmin(viewer, '/organisationen');
    return (await this.repository.findAllNames()).filter((o) => o.id !== exceptId);
  }

  async create(viewer: Viewer, input: OrganisationInput): Promise<Organisation> {
    assertAdmin(viewer, '/organisationen/neu');
    return this.db.write(async (manager) => this.saveInTransaction(manager, await this.audit.actor(manager, viewer), null, input, 'create'));
  }

  async update(viewer: Viewer, id: number, input: OrganisationInput): Promise<Organisation> {
    assertAdmin(viewer, `/organisationen/${id}/bearbeiten`);
    return this.db.write(async (manager) => this.saveInTransaction(manager, await this.audit.actor(manager, viewer), id, input, 'update'));
  }

  /**
   * Creates (id null) or updates an organisation inside the caller's transaction: checks the parent,
   * writes the audit entry and keeps the search index in step (the organisation, its units and people).
   * Used by the forms and the CSV import. Throws FormRejected for a parent that is missing or a cycle.
   */
  async saveInTransaction(
    manager: EntityManager,
    actor: AuditActor,
    id: number | null,
    input: OrganisationInput,
    action: 'create' | 'update' | 'import',
  ): Promise<Organisation> {
    const repo = manager.getRepository(Organisation);
    const [existing] = id === null ? [null] : await repo.find({ where: { id }, relations: { parent: true, topics: { topic: true } } });
    if (id !== null && !existing) throw notFound('Diese Organisation gibt es nicht.');
    const parentName = await this.checkParent(manager, id, input.parentId);
    const { topicIds, ...fields } = input;
    const topicChange = topicIds === undefined ? [] : await topicChanges(manager, existing?.topics ?? [], topicIds);
    const before = existing ? organisationAuditValues(existing, existing.parent?.name ?? null) : null;
    const saved = await repo.save(existing ? Object.assign(existing, fields, { parent: undefined, topics: undefined }) : repo.create(fields));
    if (topicIds !== undefined) {
      await manager.getRepository(OrganisationTopic).delete({ organisationId: saved.id });
      if (topicIds.length > 0) await manager.getRepository(OrganisationTopic).insert(topicIds.map((topicId) => ({ organisationId: saved.id, topicId })));
    }
    const changes = [...auditChanges(ORGANISATION_AUDIT_LABELS, before, organisationAuditValues(saved, parentName)), ...topicChange];
    await this.audit.record(manager, actor, {
      action,
      entityType: 'organisation',
      entityId: saved.id,
      label: saved.name,
      changes,
    });
    if (changes.length > 0) await this.reindexWithDependants(manager, saved.id);
    return saved;
  }

  /** Soft removal: the organisation leaves lists, pages and search; people and history keep referring to it. */
  async remove(viewer: Viewer, id: number): Promise<Organisation> {
    assertAdmin(viewer, `/organisationen/${id}/entfernen`);
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Organisation);
      const organisation = await repo.findOne({ where: { id }, relations: { parent: true } });
      if (!organisation) throw notFound('Diese Organisation gibt es nicht.');
      await repo.softDelete({ id });
      await this.audit.record(manager, viewer, {
        action: 'delete',
        entityType: 'organisation',
        entityId: id,
        label: organisation.name,
        changes: auditChanges(ORGANISATION_AUDIT_LABELS, organisationAuditValues(organisation, organisation.parent?.name ?? null), null),
      });
      await this.reindexWithDependants(manager, id);
      return organisation;
    });
  }

  /** The parent's name; FormRejected when it does not exist or would make a cycle. */
  private async checkParent(manager: EntityManager, id: number | null, parentId: number | null): Promise<string | null> {
    if (parentId === null) return null;
    const repo = manager.getRepository(Organisation);
    const parent = await repo.findOne({ where: { id: parentId } });
    if (!parent) throw new FormRejected({ parentId: 'Diese Organisation gibt es nicht (mehr).' });
    let cursor: Organisation | null = parent;
    for (let depth = 0; cursor && depth < 50; depth++) {
      if (cursor.id === id) throw new FormRejected({ parentId: 'Eine Organisation kann nicht zu sich selbst oder zu einer ihrer Untergliederungen gehören.' });
      cursor = cursor.parentId === null ? null : await repo.findOne({ where: { id: cursor.parentId } });
    }
    return parent.name;
  }

  /**
   * Search documents mention the organisation's name in its units and people: reindex the units here;
   * people reindex theirs on 'organisation.changed', in the same transaction.
   */
  private async reindexWithDependants(manager: EntityManager, id: number): Promise<void> {
    await this.indexer.reindex(manager, 'organisation', id);
    const children = await manager.getRepository(Organisation).find({ where: { parentId: id }, select: { id: true } });
    for (const c of children) await this.indexer.reindex(manager, 'organisation', c.id);
    await this.events.publish(manager, 'organisation.changed', { organisationId: id });
  }
}

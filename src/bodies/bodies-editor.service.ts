import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import './body-events.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { BODY_AUDIT_LABELS, bodyAuditValues } from './body-audit.js';
import { Body } from './body.entity.js';
import type { BodyInput } from './dto/body.dto.js';

/** Creating, changing and removing bodies (administrators), each with its audit entry and search update. */
@Injectable()
export class BodiesEditorService {
  constructor(
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  canEdit(viewer: Viewer): boolean {
    return isAdmin(viewer);
  }

  async forEditing(viewer: Viewer, id: number): Promise<Body> {
    assertAdmin(viewer, `/gremien/${id}/bearbeiten`);
    const body = await this.db.dataSource.getRepository(Body).findOne({ where: { id } });
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    return body;
  }

  async create(viewer: Viewer, input: BodyInput): Promise<Body> {
    assertAdmin(viewer, '/gremien/neu');
    return this.save(viewer, null, input);
  }

  async update(viewer: Viewer, id: number, input: BodyInput): Promise<Body> {
    assertAdmin(viewer, `/gremien/${id}/bearbeiten`);
    return this.save(viewer, id, input);
  }

  /** Soft removal: the body leaves lists, pages, search and vCards; meetings, minutes and memberships keep referring to it. */
  async remove(viewer: Viewer, id: number): Promise<Body> {
    assertAdmin(viewer, `/gremien/${id}/entfernen`);
    return this.db.write(async (manager) => {
      const body = await manager.getRepository(Body).findOne({ where: { id } });
      if (!body) throw notFound('Dieses Gremium gibt es nicht.');
      await manager.getRepository(Body).softDelete({ id });
      await this.audit.record(manager, viewer, { action: 'delete', entityType: 'body', entityId: id, label: body.name, changes: [] });
      await this.indexer.reindex(manager, 'body', id);
      await this.events.publish(manager, 'body.saved', { bodyId: id, wasPublic: body.isPublic });
      return body;
    });
  }

  private save(viewer: Viewer, id: number | null, input: BodyInput): Promise<Body> {
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Body);
      const existing = id === null ? null : await repo.findOne({ where: { id } });
      if (id !== null && !existing) throw notFound('Dieses Gremium gibt es nicht.');
      // codes stay unique among removed bodies too: decision numbers of their minutes keep them
      const taken = await repo.findOne({ where: { code: input.code, ...(id !== null ? { id: Not(id) } : {}) }, withDeleted: true });
      if (taken) throw new FormRejected({ code: `Das Kürzel ${input.code} hat schon das Gremium „${taken.name}“.` });
      const changes = auditChanges(BODY_AUDIT_LABELS, existing ? bodyAuditValues(existing) : null, bodyAuditValues(input));
      if (existing && changes.length === 0) return existing;
      const wasPublic = existing?.isPublic ?? false;
      const saved = await repo.save(existing ? Object.assign(existing, input) : repo.create(input));
      await this.audit.record(manager, viewer, { action: existing ? 'update' : 'create', entityType: 'body', entityId: saved.id, label: saved.name, changes });
      await this.indexer.reindex(manager, 'body', saved.id);
      if (existing) await this.events.publish(manager, 'body.saved', { bodyId: saved.id, wasPublic });
      return saved;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { assertAdmin } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { type AuditFilter, AuditRepository } from './audit.repository.js';

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  actors: { accountId: number; name: string }[];
}

/** The audit log as administrators read it. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async page(viewer: Viewer, filter: AuditFilter): Promise<AuditPage> {
    assertAdmin(viewer, '/admin/protokoll');
    const [[entries, total], actors] = await Promise.all([this.repository.findPage(filter), this.repository.findActors()]);
    return { entries, total, actors };
  }
}

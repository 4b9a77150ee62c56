import { Injectable } from '@nestjs/common';
import type { AccountPerson } from '../auth/account-people.js';
import { assertAdmin } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { type AuditBodyOption, AuditBodies } from './audit-bodies.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { type AuditFilter, AuditRepository } from './audit.repository.js';

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  actors: { accountId: number; name: string }[];
  bodies: AuditBodyOption[];
  people: AccountPerson[];
}

/** The audit log as administrators read it. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly bodies: AuditBodies,
  ) {}

  /** The choices of the filter form (administrators only), to check a request's values against. */
  async options(viewer: Viewer): Promise<Omit<AuditPage, 'entries' | 'total'>> {
    assertAdmin(viewer, '/admin/protokoll');
    const [actors, bodies, people] = await Promise.all([this.repository.findActors(), this.bodies.options(), this.repository.findPeople()]);
    return { actors, bodies, people };
  }

  /** One page of entries, newest first (administrators only). */
  async entries(viewer: Viewer, filter: AuditFilter): Promise<Pick<AuditPage, 'entries' | 'total'>> {
    assertAdmin(viewer, '/admin/protokoll');
    const [entries, total] = await this.repository.findPage(filter);
    return { entries, total };
  }
}

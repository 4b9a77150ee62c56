import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, LessThan } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { MembershipsService } from '../bodies/memberships.service.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PeopleEditorService } from '../people/people-editor.service.js';
import { parseCsv, toCsv } from './csv-format.js';
import { ImportDraft, type ImportKind } from './import-draft.entity.js';
import type { ImportPlan } from './import-plan.js';
import { MEMBERSHIP_COLUMNS, membershipRows, planMemberships } from './memberships-transfer.js';
import { ORGANISATION_COLUMNS, organisationRows, planOrganisations } from './organisations-transfer.js';
import { PEOPLE_COLUMNS, peopleRows, planPeople } from './people-transfer.js';

/** How long an uploaded file waits for its confirmation. */
const DRAFT_HOURS = 2;

export interface DraftPreview {
  draft: ImportDraft;
  plan: ImportPlan;
}

export type ConfirmResult =
  | { ok: true; written: number; unchanged: number }
  | { ok: false; reason: 'errors' | 'changed'; preview: DraftPreview };

/** Thrown inside the import transaction to roll it back and show the preview again. */
class ImportAborted extends Error {
  constructor(readonly result: ConfirmResult) {
    super('import aborted');
  }
}

function fingerprint(plan: ImportPlan): string {
  const shape = { f: plan.fileErrors, r: plan.rows.map((r) => [r.line, r.status, r.id, r.changes, r.errors]) };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}

/**
 * CSV export and import of organisations, people and memberships (administrators). An upload is kept
 * as a draft and previewed row by row; confirming re-plans it inside ONE write transaction and applies
 * it only when it has no errors and still matches the preview — any error writes nothing.
 */
@Injectable()
export class TransferService {
  constructor(
    private readonly db: DatabaseService,
    private readonly audit: AuditLog,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleEditorService,
    private readonly memberships: MembershipsService,
  ) {}

  async exportCsv(viewer: Viewer, kind: ImportKind): Promise<string> {
    assertAdmin(viewer, '/admin/daten');
    const manager = this.db.dataSource.manager;
    switch (kind) {
      case 'organisations':
        return toCsv([...ORGANISATION_COLUMNS], await organisationRows(manager));
      case 'people':
        return toCsv([...PEOPLE_COLUMNS], await peopleRows(manager));
      case 'memberships':
        return toCsv([...MEMBERSHIP_COLUMNS], await membershipRows(manager));
    }
  }

  /** Stores an upload for preview; throws CsvFormatError for a file that is no CSV. */
  async upload(viewer: Viewer, kind: ImportKind, fileName: string, content: string, now = new Date()): Promise<string> {
    assertAdmin(viewer, '/admin/daten');
    const plan = await this.plan(this.db.dataSource.manager, kind, content);
    const token = randomBytes(32).toString('base64url');
    await this.db.write(async (m) => {
      await m.getRepository(ImportDraft).delete({ expiresAt: LessThan(now) });
      await m.getRepository(ImportDraft).insert({
        token,
        accountId: viewer.accountId,
        kind,
        fileName: fileName.slice(0, 200),
        content,
        fingerprint: fingerprint(plan),
        createdAt: now,
        expiresAt: new Date(now.getTime() + DRAFT_HOURS * 3_600_000),
      });
    });
    return token;
  }

  /** The draft with what importing it would do now. */
  async preview(viewer: Viewer, token: string): Promise<DraftPreview> {
    assertAdmin(viewer, '/admin/daten');
    const draft = await this.findDraft(this.db.dataSource.manager, viewer.accountId, token);
    return { draft, plan: await this.plan(this.db.dataSource.manager, draft.kind, draft.content) };
  }

  async confirm(viewer: Viewer, token: string): Promise<ConfirmResult> {
    assertAdmin(viewer, '/admin/daten');
    try {
      return await this.db.write(async (manager) => {
        const draft = await this.findDraft(manager, viewer.accountId, token);
        const plan = await this.plan(manager, draft.kind, draft.content);
        const hasErrors = plan.fileErrors.length > 0 || plan.rows.some((r) => r.status === 'error');
        if (hasErrors) throw new ImportAborted({ ok: false, reason: 'errors', preview: { draft, plan } });
        if (fingerprint(plan) !== draft.fingerprint) {
          await manager.getRepository(ImportDraft).update({ id: draft.id }, { fingerprint: fingerprint(plan) });
          return { ok: false, reason: 'changed', preview: { draft, plan } } as const;
        }
        const actor = await this.audit.actor(manager, viewer);
        let written = 0;
        for (const row of plan.rows) {
          if (!row.apply) continue;
          try {
            await row.apply(manager, actor);
          } catch (e) {
            // a rule found only while writing (e.g. an organisation that would belong to itself): nothing is kept
            if (!(e instanceof FormRejected)) throw e;
            row.errors.push(...Object.values(e.errors));
            row.status = 'error';
            throw new ImportAborted({ ok: false, reason: 'errors', preview: { draft, plan } });
          }
          written++;
        }
        await manager.getRepository(ImportDraft).delete({ id: draft.id });
        return { ok: true, written, unchanged: plan.rows.length - written } as const;
      });
    } catch (e) {
      if (e instanceof ImportAborted) return e.result;
      throw e;
    }
  }

  private plan(manager: EntityManager, kind: ImportKind, content: string): Promise<ImportPlan> {
    const csv = parseCsv(content);
    switch (kind) {
      case 'organisations':
        return planOrganisations(manager, csv, this.organisations);
      case 'people':
        return planPeople(manager, csv, this.people);
      case 'memberships':
        return planMemberships(manager, csv, this.memberships);
    }
  }

  private async findDraft(manager: EntityManager, accountId: number, token: string): Promise<ImportDraft> {
    const draft = await manager.getRepository(ImportDraft).findOne({ where: { token, accountId } });
    if (!draft || draft.expiresAt.getTime() < Date.now()) {
      throw notFound('Diese hochgeladene Datei gibt es nicht (mehr). Bitte laden Sie sie noch einmal hoch.');
    }
    return draft;
  }
}

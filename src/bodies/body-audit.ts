import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuditBodyOption, AuditBodies, type AuditBodySource } from '../audit/audit-bodies.js';
import type { AuditValues } from '../audit/audit-log.service.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { BODY_KIND_LABELS } from './body-labels.js';
import { Body } from './body.entity.js';
import type { BodyInput } from './dto/body.dto.js';

export const BODY_AUDIT_LABELS: Record<string, string> = {
  name: 'Name',
  shortName: 'Kurzname',
  code: 'Kürzel',
  kind: 'Art',
  description: 'Beschreibung',
  founded: 'Gegründet',
  isPublic: 'Öffentlich',
  defaultDurationMinutes: 'Sitzungsdauer (Minuten)',
  noticePeriodDays: 'Einladungsfrist (Tage)',
};

export function bodyAuditValues(b: BodyInput): AuditValues {
  return {
    name: b.name,
    shortName: b.shortName,
    code: b.code,
    kind: BODY_KIND_LABELS[b.kind],
    description: b.description,
    founded: b.foundedOn ? (b.foundedYearOnly ? b.foundedOn.slice(0, 4) : formatGermanDate(b.foundedOn)) : null,
    isPublic: b.isPublic ? 'ja' : 'nein',
    defaultDurationMinutes: String(b.defaultDurationMinutes),
    noticePeriodDays: String(b.noticePeriodDays),
  };
}

/** Names the bodies for the audit log's body filter (registered with AuditBodies at start-up). */
@Injectable()
export class BodyAuditNames implements AuditBodySource {
  constructor(
    auditBodies: AuditBodies,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    auditBodies.provide(this);
  }

  async options(): Promise<AuditBodyOption[]> {
    const bodies = await this.dataSource.getRepository(Body).find({ select: { id: true, name: true, deletedAt: true }, withDeleted: true, order: { name: 'ASC', id: 'ASC' } });
    return bodies.map((b) => ({ id: b.id, name: b.deletedAt ? `${b.name} (entfernt)` : b.name }));
  }
}

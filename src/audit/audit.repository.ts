import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { type AccountPerson, AccountPeople } from '../auth/account-people.js';
import { type AuditAction, AuditEntry, type AuditEntityType } from './audit-entry.entity.js';

export const AUDIT_PERSON_ROLES = ['either', 'actor', 'subject'] as const;
export type AuditPersonRole = (typeof AUDIT_PERSON_ROLES)[number];

export interface AuditFilter {
  entityType?: AuditEntityType;
  action?: AuditAction;
  accountId?: number;
  /** Entries of records that belong to this body. */
  bodyId?: number;
  /** Entries made by this person's account ('actor'), about this person ('subject'), or either ('either'). */
  person?: { id: number; role: AuditPersonRole };
  /** Inclusive lower bound (UTC instant). */
  from?: Date;
  /** Exclusive upper bound (UTC instant). */
  until?: Date;
  /** Folded text to find in actor, label and values. */
  text?: string;
  offset: number;
  limit: number;
}

/** An instant as TypeORM stores it ("2026-03-01 12:00:00.000", UTC), for comparisons in raw conditions. */
function storedInstant(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads of the audit log, newest first. */
@Injectable()
export class AuditRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: AccountPeople,
  ) {}

  findPage(filter: AuditFilter): Promise<[AuditEntry[], number]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e');
    if (filter.entityType !== undefined) qb.andWhere('e.entity_type = :type', { type: filter.entityType });
    if (filter.action !== undefined) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.accountId !== undefined) qb.andWhere('e.account_id = :accountId', { accountId: filter.accountId });
    if (filter.bodyId !== undefined) qb.andWhere('e.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.person !== undefined) {
      const byAccount = 'e.account_id IN (SELECT a.id FROM accounts a WHERE a.person_id = :personId)';
      const about = 'e.subject_person_id = :personId';
      const { id, role } = filter.person;
      qb.andWhere(role === 'actor' ? byAccount : role === 'subject' ? about : `(${about} OR ${byAccount})`, { personId: id });
    }
    if (filter.from !== undefined) qb.andWhere('e.created_at >= :from', { from: storedInstant(filter.from) });
    if (filter.until !== undefined) qb.andWhere('e.created_at < :until', { until: storedInstant(filter.until) });
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("e.search_text LIKE :pattern ESCAPE '\\'", { pattern });
    }
    return qb.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC').skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  /** Every account that appears in the log, with the name it last acted under. */
  async findActors(): Promise<{ accountId: number; name: string }[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .select('e.account_id', 'accountId')
      .addSelect('MAX(e.actor_name)', 'name')
      .where('e.account_id IS NOT NULL')
      .groupBy('e.account_id')
      .getRawMany<{ accountId: number; name: string }>();
    return rows.map((r) => ({ accountId: Number(r.accountId), name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }

  /** Every person the log names: as the subject of an entry or as the person of an acting account. */
  async findPersonIds(): Promise<number[]> {
    const repo = this.dataSource.getRepository(AuditEntry);
    const subjects = await repo.createQueryBuilder('e').select('DISTINCT e.subject_person_id', 'id').where('e.subject_person_id IS NOT NULL').getRawMany<{ id: number | string }>();
    const actors = await this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .select('DISTINCT a.person_id', 'id')
      .where('a.person_id IS NOT NULL')
      .andWhere('a.id IN (SELECT DISTINCT e.account_id FROM audit_entries e WHERE e.account_id IS NOT NULL)')
      .getRawMany<{ id: number | string }>();
    return [...new Set([...subjects, ...actors].map((r) => Number(r.id)))];
  }

  /** The (live) people the log names, in directory order, for the person filter. */
  async findPeople(): Promise<AccountPerson[]> {
    const found = await this.people.byIds(this.dataSource.manager, await this.findPersonIds());
    return [...found.values()].sort((a, b) => a.sortName.localeCompare(b.sortName, 'de'));
  }

  /** Entries about one record, newest first (for the personal data export). */
  findAbout(entityType: AuditEntityType, entityId: number): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { entityType, entityId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Entries about a person (their record, consent, memberships), newest first. */
  findAboutPerson(personId: number): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { subjectPersonId: personId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { AccountPeople } from '../auth/account-people.js';
import type { Viewer } from '../auth/viewer.js';
import { foldText } from '../common/text/fold.js';
import { type AuditAction, type AuditChange, AuditEntry, type AuditEntityType } from './audit-entry.entity.js';

/** Who made a change: the account and its display name at the time. */
export interface AuditActor {
  accountId: number | null;
  name: string;
}

export interface AuditRecord {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: number | null;
  /** The record's name at the time. */
  label: string;
  /** The person the entry is about (person, consent, membership), if any. */
  subjectPersonId?: number | null;
  /** The body the record belongs to, if any (for the log's body filter). */
  bodyId?: number | null;
  changes: AuditChange[];
}

/** Display values of a record's audited fields, by field name; null = empty. */
export type AuditValues = Record<string, string | null>;

/** The placeholder left for erased people in the log (and in membership history). */
export const ERASED_PERSON_NAME = 'Gelöschte Person';
const ERASED_VALUE = '[gelöscht]';

/**
 * The fields whose display value differs between two snapshots, in the order of `labels`.
 * For a new record pass `before` = null, for a removed one `after` = null.
 */
export function auditChanges(labels: Record<string, string>, before: AuditValues | null, after: AuditValues | null): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const [field, label] of Object.entries(labels)) {
    const old = before ? (before[field] ?? null) : null;
    const now = after ? (after[field] ?? null) : null;
    if ((old ?? '') !== (now ?? '')) changes.push({ field, label, old: old === '' ? null : old, new: now === '' ? null : now });
  }
  return changes;
}

/**
 * Writes audit entries. Every caller passes the EntityManager of the write transaction that makes
 * the change, so a change and its entry are committed (or rolled back) together. Global: the
 * auth module may record account changes the same way.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly people: AccountPeople) {}

  /** The actor for a viewer, read inside the transaction (name as it is now). */
  async actor(manager: EntityManager, viewer: Viewer): Promise<AuditActor> {
    if (viewer.kind !== 'member') return { accountId: null, name: 'System' };
    const account = await manager.getRepository(Account).findOne({ where: { id: viewer.accountId } });
    if (!account) return { accountId: viewer.accountId, name: `Konto ${viewer.accountId}` };
    const person = await this.people.of(manager, account.personId);
    return { accountId: account.id, name: person ? person.displayName : account.email };
  }

  /** Records one change; an update without changed fields records nothing. */
  async record(manager: EntityManager, actor: AuditActor | Viewer, record: AuditRecord, now = new Date()): Promise<void> {
    if ((record.action === 'update' || record.action === 'import') && record.changes.length === 0) return;
    const who = 'kind' in actor ? await this.actor(manager, actor) : actor;
    await manager.getRepository(AuditEntry).insert({
      createdAt: now,
      accountId: who.accountId,
      actorName: who.name.slice(0, 254),
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      label: record.label.slice(0, 300),
      subjectPersonId: record.subjectPersonId ?? null,
      // an entry about a body belongs to that body
      bodyId: record.bodyId ?? (record.entityType === 'body' ? record.entityId : null),
      changes: JSON.stringify(record.changes),
      searchText: searchTextOf(who.name, record.label, record.changes),
    });
  }

  /**
   * After a person is erased: entries about them keep what was done and when, but no personal
   * values; their name as actor (when their account made changes) is replaced too.
   */
  async scrubPerson(manager: EntityManager, personId: number, accountId: number | null): Promise<void> {
    const repo = manager.getRepository(AuditEntry);
    const about = await repo.find({ where: { subjectPersonId: personId } });
    for (const entry of about) {
      const changes = (JSON.parse(entry.changes) as AuditChange[]).map((c) => ({
        ...c,
        // a field named after the person (attendance: "person-12") carries their name as its label
        label: c.field === `person-${personId}` ? ERASED_PERSON_NAME : c.label,
        old: c.old === null ? null : ERASED_VALUE,
        new: c.new === null ? null : ERASED_VALUE,
      }));
      const label = entry.entityType === 'person' ? ERASED_PERSON_NAME : `${ERASED_PERSON_NAME} (${entry.entityType === 'membership' ? 'Mitgliedschaft' : 'Eintrag'})`;
      await repo.update({ id: entry.id }, { label, changes: JSON.stringify(changes), searchText: searchTextOf(entry.actorName, label, changes) });
    }
    if (accountId !== null) {
      const acted = await repo.find({ where: { accountId } });
      for (const entry of acted) {
        const changes = JSON.parse(entry.changes) as AuditChange[];
        await repo.update({ id: entry.id }, { actorName: ERASED_PERSON_NAME, searchText: searchTextOf(ERASED_PERSON_NAME, entry.label, changes) });
      }
    }
  }
}

function searchTextOf(actor: string, label: string, changes: AuditChange[]): string {
  return foldText([actor, label, ...changes.flatMap((c) => [c.label, c.old ?? '', c.new ?? ''])].join(' '));
}

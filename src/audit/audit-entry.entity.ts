import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'erase',
  'import',
  'consent',
  // meetings, agenda, minutes, action items
  'postpone',
  'cancel',
  'invite',
  'held',
  'move',
  'record',
  'circulate',
  'approve',
  'withdraw',
  'amend',
  'done',
  'reopen',
  // date polls
  'answer',
  'close',
  'decide',
  // a member changed their own entry (Meine Seite)
  'self_edit',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'organisation',
  'person',
  'body',
  'membership',
  'account',
  'meeting',
  'agenda_item',
  'attendance',
  'minutes',
  'decision',
  'action_item',
  'location',
  'document',
  'date_poll',
  'circular',
  'topic',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** One changed field: display values as they were shown at the time (null = empty). */
export interface AuditChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

/**
 * Who changed what and when. Written in the same transaction as the change itself (AuditLog), so
 * there is no change without its entry. No foreign keys: the log outlives accounts and records;
 * the actor's name and the record's label are kept as they were at the time.
 */
@Entity('audit_entries')
@Index('idx_audit_entries_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_audit_entries_created_at')
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** The account that made the change; null for changes made by the system (e.g. seeds). */
  @Index('idx_audit_entries_account')
  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId: number | null;

  /** The actor's display name at the time ("Dr. Leyla Şahin" or the account's e-mail). */
  @Column({ name: 'actor_name', type: 'varchar', length: 254 })
  actorName: string;

  @Column({ type: 'varchar', length: 20 })
  action: AuditAction;

  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType: AuditEntityType;

  @Column({ name: 'entity_id', type: 'integer', nullable: true })
  entityId: number | null;

  /** The record's name at the time ("Fachstelle Integration", "Jana Köhler – Begleitbeirat"). */
  @Column({ type: 'varchar', length: 300 })
  label: string;

  /** The person an entry is about (person, consent, membership), so erasing the person can scrub it. */
  @Index('idx_audit_entries_subject_person')
  @Column({ name: 'subject_person_id', type: 'integer', nullable: true })
  subjectPersonId: number | null;

  /** The body the changed record belongs to (body, membership, meeting, minutes …), for the body filter. */
  @Index('idx_audit_entries_body')
  @Column({ name: 'body_id', type: 'integer', nullable: true })
  bodyId: number | null;

  /** JSON array of AuditChange. */
  @Column({ type: 'text' })
  changes: string;

  /** Folded label, actor and values, for the text filter. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;
}

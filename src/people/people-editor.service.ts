import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { SearchIndexer } from '../search/search-indexer.js';
import type { NewPersonConsent, PersonInput } from './dto/person.dto.js';
import { CONSENT_METHOD_LABELS, consentDateProblem, consentInstant, consentRecordedBy } from './person-consent.js';
import { findLikelyDuplicates } from './person-duplicates.js';
import { CONSENT_AUDIT_LABELS, consentAuditValues, PERSON_AUDIT_LABELS, type PersonAuditSource, personAuditValues } from './person-audit.js';
import { PersonEmail } from './person-email.entity.js';
import { PersonLanguage } from './person-language.entity.js';
import { personDisplayName, personSortKey } from './person-name.js';
import { PersonPhone } from './person-phone.entity.js';
import { Person } from './person.entity.js';
import { PersonTopic } from './person-topic.entity.js';
import { topicChanges } from '../organisations/topic-audit.js';

/** A person leaves the directory (removed or erased); handlers end what they hold about them. */
export interface PersonLeaving {
  person: Person;
  actor: AuditActor;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'person.leaving': PersonLeaving;
  }
}

/** "Person anlegen" found entries that are likely the same person: the form offers them instead. */
export class DuplicatePersonRejected extends FormRejected {
  constructor(readonly duplicates: Person[]) {
    super({ createAnyway: 'Diese Person steht vermutlich schon im Verzeichnis (gleiche E-Mail-Adresse oder gleicher Name bei derselben Organisation). Bitte prüfen Sie den vorhandenen Eintrag – oder bestätigen Sie, dass es eine andere Person ist.' });
    this.name = 'DuplicatePersonRejected';
  }
}

/** Which edit actions a viewer may see on a person's pages (decided here, not in templates). */
export interface PersonPermissions {
  canEdit: boolean;
}

/** A person with phones, e-mails and languages as the form and the audit log see them. */
export function personAuditSource(p: Person): PersonAuditSource {
  return {
    ...p,
    phones: [...(p.phones ?? [])].sort((a, b) => a.position - b.position).map((ph) => ({ kind: ph.kind, number: ph.number })),
    emails: [...(p.emails ?? [])].sort((a, b) => a.position - b.position).map((e) => e.email),
    languages: (p.languages ?? []).map((l) => l.code).sort(),
  };
}

const EDIT_RELATIONS = { phones: true, emails: true, languages: true, topics: { topic: true }, organisation: true } as const;

/**
 * Creating, changing and removing people (administrators). Every write happens in one transaction
 * with its audit entry and the search index update.
 */
@Injectable()
export class PeopleEditorService {
  constructor(
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {
    // A person's search document names their organisation.
    events.on('organisation.changed', (manager, e) => this.reindexPeopleOf(manager, e.organisationId));
    // ... and their topics: a renamed or removed topic changes it.
    events.on('topic.changed', async (manager, e) => {
      for (const id of e.personIds) await this.indexer.reindex(manager, 'person', id);
    });
  }

  permissions(viewer: Viewer): PersonPermissions {
    return { canEdit: isAdmin(viewer) };
  }

  /** The person with everything the edit form shows; administrators only. */
  async forEditing(viewer: Viewer, id: number): Promise<Person> {
    assertAdmin(viewer, `/personen/${id}/bearbeiten`);
    const person = await this.db.dataSource.getRepository(Person).findOne({ where: { id }, relations: EDIT_RELATIONS });
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    return person;
  }

  /** A new person; with `consent`, the consent the person gave is recorded in the same transaction (and audited). */
  async create(viewer: Viewer, input: PersonInput, consent: NewPersonConsent | null = null, options: { allowDuplicate?: boolean } = {}, now = new Date()): Promise<Person> {
    assertAdmin(viewer, '/personen/neu');
    const problem = consent ? consentDateProblem(consent.date, now) : null;
    if (problem) throw new FormRejected({ consentDate: problem });
    if (!options.allowDuplicate) {
      const duplicates = await findLikelyDuplicates(this.db.dataSource.manager, input);
      if (duplicates.length > 0) throw new DuplicatePersonRejected(duplicates);
    }
    return this.db.write(async (manager) => {
      const actor = await this.audit.actor(manager, viewer);
      const person = await this.saveInTransaction(manager, actor, null, input, 'create');
      if (!consent) return person;
      const after = { consentAt: consentInstant(consent.date, now), consentRecordedBy: consentRecordedBy(actor.name, CONSENT_METHOD_LABELS[consent.method]) };
      await manager.getRepository(Person).update({ id: person.id }, after);
      await this.audit.record(manager, actor, {
        action: 'consent',
        entityType: 'person',
        entityId: person.id,
        label: personDisplayName(person),
        subjectPersonId: person.id,
        changes: auditChanges(CONSENT_AUDIT_LABELS, null, consentAuditValues(after)),
      });
      return { ...person, ...after };
    });
  }

  async update(viewer: Viewer, id: number, input: PersonInput): Promise<Person> {
    assertAdmin(viewer, `/personen/${id}/bearbeiten`);
    return this.db.write(async (manager) => this.saveInTransaction(manager, await this.audit.actor(manager, viewer), id, input, 'update'));
  }

  /**
   * Creates (id null) or updates a person inside the caller's transaction, replacing phones, e-mails
   * and languages; writes the audit entry and reindexes. Nothing is written when nothing changed.
   * Used by the forms and the CSV import. FormRejected when the organisation does not exist.
   */
  async saveInTransaction(manager: EntityManager, actor: AuditActor, id: number | null, input: PersonInput, action: 'create' | 'update' | 'import' | 'self_edit'): Promise<Person> {
    const repo = manager.getRepository(Person);
    const existing = id === null ? null : await repo.findOne({ where: { id }, relations: EDIT_RELATIONS });
    if (id !== null && !existing) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    let organisationName: string | null = null;
    if (input.organisationId !== null) {
      const organisation = await manager.getRepository(Organisation).findOne({ where: { id: input.organisationId } });
      if (!organisation) throw new FormRejected({ organisationId: 'Diese Organisation gibt es nicht (mehr).' });
      organisationName = organisation.name;
    }
    const before = existing ? personAuditValues(personAuditSource(existing), existing.organisation?.name ?? null) : null;
    const changes = auditChanges(PERSON_AUDIT_LABELS, before, personAuditValues(input, organisationName));
    if (input.topicIds !== undefined) changes.push(...(await topicChanges(manager, existing?.topics ?? [], input.topicIds)));
    if (existing && changes.length === 0) return existing;

    const { phones, emails, languages, topicIds, ...fields } = input;
    const row = { ...fields, sortKey: personSortKey(input) };
    let personId: number;
    if (existing) {
      await repo.update({ id: existing.id }, row);
      personId = existing.id;
      await manager.getRepository(PersonPhone).delete({ personId });
      await manager.getRepository(PersonEmail).delete({ personId });
      await manager.getRepository(PersonLanguage).delete({ personId });
    } else {
      personId = (await repo.save(repo.create(row))).id;
    }
    if (phones.length > 0) await manager.getRepository(PersonPhone).insert(phones.map((p, position) => ({ ...p, personId, position })));
    if (emails.length > 0) await manager.getRepository(PersonEmail).insert(emails.map((email, position) => ({ email, personId, position })));
    if (languages.length > 0) await manager.getRepository(PersonLanguage).insert(languages.map((code) => ({ code, personId })));
    if (topicIds !== undefined) {
      await manager.getRepository(PersonTopic).delete({ personId });
      if (topicIds.length > 0) await manager.getRepository(PersonTopic).insert(topicIds.map((topicId) => ({ personId, topicId })));
    }

    await this.audit.record(manager, actor, {
      action,
      entityType: 'person',
      entityId: personId,
      label: personDisplayName(input),
      subjectPersonId: personId,
      changes,
    });
    await this.indexer.reindex(manager, 'person', personId);
    return repo.findOneOrFail({ where: { id: personId }, relations: EDIT_RELATIONS });
  }

  /**
   * Soft removal: the person leaves lists, pages, search and vCards. Their open memberships end today
   * (kept as history); meetings and minutes keep referring to the record.
   */
  async remove(viewer: Viewer, id: number): Promise<Person> {
    assertAdmin(viewer, `/personen/${id}/entfernen`);
    return this.db.write(async (manager) => {
      const person = await manager.getRepository(Person).findOne({ where: { id }, relations: EDIT_RELATIONS });
      if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
      const actor = await this.audit.actor(manager, viewer);
      await this.endOpenMemberships(manager, actor, person);
      await manager.getRepository(Person).softDelete({ id });
      await this.audit.record(manager, actor, {
        action: 'delete',
        entityType: 'person',
        entityId: id,
        label: personDisplayName(person),
        subjectPersonId: id,
        changes: [],
      });
      await this.indexer.reindex(manager, 'person', id);
      return person;
    });
  }

  /**
   * Announces inside the caller's transaction that the person leaves the directory (removal, erasure):
   * bodies ends their open memberships ('person.leaving'), with audit entries, in the same transaction.
   */
  async endOpenMemberships(manager: EntityManager, actor: AuditActor, person: Person): Promise<void> {
    await this.events.publish(manager, 'person.leaving', { person, actor });
  }

  private async reindexPeopleOf(manager: EntityManager, organisationId: number): Promise<void> {
    const people = await manager.getRepository(Person).find({ where: { organisationId }, select: { id: true } });
    for (const p of people) await this.indexer.reindex(manager, 'person', p.id);
  }
}

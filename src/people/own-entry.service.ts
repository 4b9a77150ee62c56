import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { Account } from '../auth/account.entity.js';
import type { AccountEmailChanged } from '../auth/email-change.service.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { PersonEmail } from './person-email.entity.js';
import { assertMember } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import type { PersonInput } from './dto/person.dto.js';
import { personAuditSource, PeopleEditorService } from './people-editor.service.js';
import { SELF_CONSENT_RECORDED_BY, SELF_CONSENT_TEXT } from './own-entry.forms.js';
import { CONSENT_AUDIT_LABELS, consentAuditValues } from './person-audit.js';
import { personDisplayName } from './person-name.js';
import { Person } from './person.entity.js';

/**
 * A member asks the coordinating office to change what only the administration may change (name,
 * organisation, e-mail addresses, memberships). Published inside the write that records nothing but
 * the request; the mail module queues the mail in that transaction.
 */
export interface PersonChangeRequested {
  personId: number;
  personName: string;
  message: string;
  /** The account that asked: its address is the mail's Reply-To. */
  requestedBy: { accountId: number; email: string };
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'person.changeRequested': PersonChangeRequested;
  }
}

const OWN_RELATIONS = { phones: true, emails: true, languages: true, organisation: true, topics: { topic: true } } as const;

/**
 * A member keeps their own entry current: contact details, function, room, languages, profile,
 * visibility and consent. Name, organisation and e-mail addresses stay the administration's; they
 * are taken from the record, never from the form. Every change is audited as a self-edit.
 */
@Injectable()
export class OwnEntryService {
  constructor(
    private readonly db: DatabaseService,
    private readonly editor: PeopleEditorService,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly indexer: SearchIndexer,
  ) {
    // a confirmed new account address replaces the old one among the entry's addresses
    events.on('account.emailChanged', (manager, e) => this.followAccountEmail(manager, e));
  }

  private async followAccountEmail(manager: EntityManager, e: AccountEmailChanged): Promise<void> {
    if (e.personId === null) return;
    const person = await manager.getRepository(Person).findOne({ where: { id: e.personId }, relations: { emails: true } });
    const old = person?.emails.find((m) => m.email.trim().toLowerCase() === e.oldEmail);
    if (!person || !old) return;
    const before = personAuditSource(person).emails;
    await manager.getRepository(PersonEmail).update({ id: old.id }, { email: e.newEmail });
    const after = before.map((m) => (m === old.email ? e.newEmail : m));
    await this.audit.record(manager, { accountId: e.accountId, name: personDisplayName(person) }, {
      action: 'self_edit',
      entityType: 'person',
      entityId: person.id,
      label: personDisplayName(person),
      subjectPersonId: person.id,
      changes: [{ field: 'emails', label: 'E-Mail-Adressen', old: before.join('; '), new: after.join('; ') }],
    });
    await this.indexer.reindex(manager, 'person', person.id);
  }

  /** The viewer's own entry for the form; 403 for anybody else's (existing or not: nothing is revealed). */
  async forSelf(viewer: Viewer, id: number): Promise<Person> {
    assertMember(viewer, `/personen/${id}/selbst-bearbeiten`);
    if (viewer.personId !== id) throw forbidden('Sie können nur Ihren eigenen Eintrag bearbeiten.');
    const person = await this.db.dataSource.getRepository(Person).findOne({ where: { id }, relations: OWN_RELATIONS });
    if (!person) throw notFound('Ihr Eintrag ist nicht mehr im Verzeichnis. Bitte wenden Sie sich an die Administration.');
    return person;
  }

  /**
   * Saves the member's changes in one transaction: the entry (administration's fields kept as they
   * are), then consent given or withdrawn. Pages, vCards and search follow at once (content version,
   * search index).
   */
  async update(viewer: Viewer, id: number, input: PersonInput, consent: boolean, now = new Date()): Promise<void> {
    await this.forSelf(viewer, id);
    await this.db.write(async (manager) => {
      const person = await manager.getRepository(Person).findOne({ where: { id }, relations: OWN_RELATIONS });
      if (!person) throw notFound('Ihr Eintrag ist nicht mehr im Verzeichnis. Bitte wenden Sie sich an die Administration.');
      const current = personAuditSource(person);
      const kept: PersonInput = {
        ...input,
        formOfAddress: person.formOfAddress,
        academicTitle: person.academicTitle,
        givenName: person.givenName,
        familyName: person.familyName,
        organisationId: person.organisationId,
        emails: current.emails,
      };
      const actor = await this.audit.actor(manager, viewer);
      await this.editor.saveInTransaction(manager, actor, id, kept, 'self_edit');
      if (consent === (person.consentAt !== null)) return;
      const after = consent ? { consentAt: now, consentRecordedBy: SELF_CONSENT_RECORDED_BY } : { consentAt: null, consentRecordedBy: null };
      await manager.getRepository(Person).update({ id }, after);
      await this.audit.record(manager, actor, {
        action: 'consent',
        entityType: 'person',
        entityId: id,
        label: personDisplayName(person),
        subjectPersonId: id,
        changes: [
          ...auditChanges(CONSENT_AUDIT_LABELS, consentAuditValues(person), consentAuditValues(after)),
          { field: 'consentText', label: consent ? 'Zugestimmt zu' : 'Widerrufen', old: null, new: consent ? SELF_CONSENT_TEXT : 'Einwilligung selbst widerrufen' },
        ],
      });
    });
  }

  /** "Änderung anfragen": a mail to the coordinating office through the outbox. */
  async requestChange(viewer: Viewer, id: number, message: string): Promise<void> {
    const person = await this.forSelf(viewer, id);
    assertMember(viewer);
    const accountId = viewer.accountId;
    await this.db.write(async (manager) => {
      const account = await manager.getRepository(Account).findOneOrFail({ where: { id: accountId } });
      await this.events.publish(manager, 'person.changeRequested', { personId: id, personName: personDisplayName(person), message, requestedBy: { accountId, email: account.email } });
    });
  }
}

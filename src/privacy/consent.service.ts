import { Injectable } from '@nestjs/common';
import { auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { CONSENT_AUDIT_LABELS, consentAuditValues } from '../people/person-audit.js';
import { consentDateProblem, consentInstant, consentRecordedBy as recordedBy } from '../people/person-consent.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';

/** A person's consent was recorded or withdrawn; `wasPublic`: consented and in the directory before. */
export interface ConsentChanged {
  personId: number;
  wasPublic: boolean;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'person.consentChanged': ConsentChanged;
  }
}

export interface ConsentInput {
  /** ISO date the person consented on (Berlin calendar day). */
  date: string;
  note: string | null;
}

/**
 * Consent to publish contact details (GDPR): recorded by an administrator with who and when; without
 * it, fields marked public are shown to members only (contact-visibility.ts). Withdrawal takes effect
 * with the next request everywhere, since pages, search results and vCards are all built per request.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: DatabaseService,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  async forPerson(viewer: Viewer, id: number): Promise<Person> {
    assertAdmin(viewer, `/personen/${id}/einwilligung`);
    const person = await this.db.dataSource.getRepository(Person).findOne({ where: { id } });
    if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    return person;
  }

  async record(viewer: Viewer, id: number, input: ConsentInput, now = new Date()): Promise<void> {
    assertAdmin(viewer, `/personen/${id}/einwilligung`);
    const problem = consentDateProblem(input.date, now);
    if (problem) throw new FormRejected({ consentDate: problem });
    await this.db.write(async (manager) => {
      const person = await manager.getRepository(Person).findOne({ where: { id } });
      if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
      const actor = await this.audit.actor(manager, viewer);
      const consentAt = consentInstant(input.date, now);
      const consentRecordedBy = recordedBy(actor.name, input.note);
      const before = consentAuditValues(person);
      await manager.getRepository(Person).update({ id }, { consentAt, consentRecordedBy });
      await this.audit.record(manager, actor, {
        action: 'consent',
        entityType: 'person',
        entityId: id,
        label: personDisplayName(person),
        subjectPersonId: id,
        changes: auditChanges(CONSENT_AUDIT_LABELS, before, consentAuditValues({ consentAt, consentRecordedBy })),
      });
      await this.events.publish(manager, 'person.consentChanged', { personId: id, wasPublic: person.consentAt !== null });
    });
  }

  async withdraw(viewer: Viewer, id: number): Promise<void> {
    assertAdmin(viewer, `/personen/${id}/einwilligung`);
    await this.db.write(async (manager) => {
      const person = await manager.getRepository(Person).findOne({ where: { id } });
      if (!person) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
      if (person.consentAt === null) throw new FormRejected({ confirm: 'Für diese Person ist keine Einwilligung erfasst.' });
      await manager.getRepository(Person).update({ id }, { consentAt: null, consentRecordedBy: null });
      await this.audit.record(manager, viewer, {
        action: 'consent',
        entityType: 'person',
        entityId: id,
        label: personDisplayName(person),
        subjectPersonId: id,
        changes: auditChanges(CONSENT_AUDIT_LABELS, consentAuditValues(person), consentAuditValues({ consentAt: null, consentRecordedBy: null })),
      });
      await this.events.publish(manager, 'person.consentChanged', { personId: id, wasPublic: true });
    });
  }
}

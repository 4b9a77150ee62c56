import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntry, type AuditChange } from '../audit/audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS } from '../audit/audit-labels.js';
import { ERASED_PERSON_NAME, AuditLog } from '../audit/audit-log.service.js';
import { assertAdmin, assertMember } from '../auth/access.js';
import { Account } from '../auth/account.entity.js';
import { DevicePasswordsService } from '../auth/device-passwords.service.js';
import { LoginFailure } from '../auth/login-failure.entity.js';
import { Session } from '../auth/session.entity.js';
import { memberViewer, type Viewer } from '../auth/viewer.js';
import { Membership } from '../bodies/membership.entity.js';
import { notFound } from '../common/errors/user-facing.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { languageLabel, PHONE_KIND_LABELS } from '../people/person-labels.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import { DatabaseService } from '../database/database.service.js';
import { PeopleEditorService } from '../people/people-editor.service.js';
import { VISIBILITY_LABELS } from '../people/people.forms.js';
import { type PersonContact, visibleContact } from '../people/person-contact.js';
import { PersonEmail } from '../people/person-email.entity.js';
import { PersonLanguage } from '../people/person-language.entity.js';
import { personSortKey } from '../people/person-name.js';
import { PersonPhone } from '../people/person-phone.entity.js';
import { Person } from '../people/person.entity.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { MailService } from '../mail/mail.service.js';
import { CircularsService } from '../circulars/circulars.service.js';
import { PollsService } from '../polls/polls.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { GeneratedDocumentsService } from '../documents/generated-documents.service.js';

const ALL_RELATIONS = { phones: true, emails: true, languages: true, organisation: { parent: true } } as const;

/** Everything stored about a person, for the data subject (GDPR Art. 15 and 20). Keys are German. */
export interface PersonDataExport {
  exportiertAm: string;
  person: Record<string, unknown>;
  mitgliedschaften: Record<string, unknown>[];
  konto: Record<string, unknown> | null;
  aenderungsprotokoll: Record<string, unknown>[];
}

export interface PrivacyOverview {
  person: Person;
  hasAccount: boolean;
}

/**
 * GDPR for administrators: a full export of a person's data (JSON and vCard) and erasure — personal
 * data replaced by a neutral placeholder ("Gelöschte Person") that membership history keeps, the
 * linked account disabled and its sessions ended, the audit log scrubbed of the person's values.
 * People removed from the directory (soft) can still be exported and erased.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger('Privacy');

  constructor(
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
    private readonly audit: AuditLog,
    private readonly editor: PeopleEditorService,
    private readonly mail: MailService,
    private readonly polls: PollsService,
    private readonly circulars: CircularsService,
    private readonly devices: DevicePasswordsService,
    private readonly documents: DocumentsService,
    private readonly generatedDocuments: GeneratedDocumentsService,
  ) {}

  async overview(viewer: Viewer, id: number): Promise<PrivacyOverview> {
    assertAdmin(viewer, `/personen/${id}/datenschutz`);
    const person = await this.findErasable(this.db.dataSource.manager, id);
    const hasAccount = await this.db.dataSource.getRepository(Account).exists({ where: { personId: id } });
    return { person, hasAccount };
  }

  async exportData(viewer: Viewer, id: number, now = new Date()): Promise<PersonDataExport> {
    assertAdmin(viewer, `/personen/${id}/datenschutz`);
    return this.exportFor(id, now);
  }

  /** The viewer's own data (GDPR Art. 15 and 20): the same export, for the member's own person; 404 without one. */
  async exportOwnData(viewer: Viewer, now = new Date()): Promise<PersonDataExport> {
    assertMember(viewer, '/meine-seite');
    if (viewer.personId === null) throw notFound('Ihr Konto ist mit keinem Eintrag im Verzeichnis verbunden.');
    return this.exportFor(viewer.personId, now);
  }

  private async exportFor(id: number, now: Date): Promise<PersonDataExport> {
    const manager = this.db.dataSource.manager;
    const p = await this.findErasable(manager, id, true);
    const memberships = await manager.getRepository(Membership).find({ where: { personId: id }, relations: { body: true, onBehalfOf: true }, withDeleted: true, order: { startDate: 'ASC', id: 'ASC' } });
    const account = await manager.getRepository(Account).findOne({ where: { personId: id } });
    const log = await manager.getRepository(AuditEntry).find({ where: { subjectPersonId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      exportiertAm: now.toISOString(),
      person: {
        id: p.id,
        anrede: p.formOfAddress,
        titel: p.academicTitle,
        vorname: p.givenName,
        nachname: p.familyName,
        funktion: p.functionTitle,
        organisation: p.organisation ? { id: p.organisation.id, name: p.organisation.name, gehoertZu: p.organisation.parent?.name ?? null } : null,
        raum: p.room,
        strasse: p.street,
        postleitzahl: p.postalCode,
        ort: p.locality,
        telefonnummern: [...p.phones].sort((a, b) => a.position - b.position).map((ph) => ({ art: PHONE_KIND_LABELS[ph.kind], nummer: ph.number })),
        emailAdressen: [...p.emails].sort((a, b) => a.position - b.position).map((e) => e.email),
        sprachen: p.languages.map((l) => ({ code: l.code, name: languageLabel(l.code) })),
        profil: p.profile,
        sichtbarkeit: {
          telefon: VISIBILITY_LABELS[p.phoneVisibility],
          email: VISIBILITY_LABELS[p.emailVisibility],
          anschrift: VISIBILITY_LABELS[p.addressVisibility],
        },
        einwilligung: p.consentAt ? { erteiltAm: p.consentAt.toISOString(), erfasstVon: p.consentRecordedBy } : null,
        angelegtAm: p.createdAt.toISOString(),
        geaendertAm: p.updatedAt.toISOString(),
        ausDemVerzeichnisEntferntAm: p.deletedAt ? p.deletedAt.toISOString() : null,
      },
      mitgliedschaften: memberships.map((m) => ({
        gremium: m.body.name,
        rolle: MEMBERSHIP_ROLE_LABELS[m.role],
        stimmrecht: m.votingRight,
        fuerOrganisation: m.onBehalfOf?.name ?? null,
        beginn: formatGermanDate(m.startDate) || null,
        ende: formatGermanDate(m.endDate) || null,
        anmerkung: m.note,
      })),
      konto: account
        ? {
            email: account.email,
            administration: account.isAdmin,
            angelegtAm: account.createdAt.toISOString(),
            letzteAnmeldung: account.lastLoginAt?.toISOString() ?? null,
            passwortGeaendertAm: account.passwordChangedAt?.toISOString() ?? null,
            gesperrtSeit: account.disabledAt?.toISOString() ?? null,
          }
        : null,
      aenderungsprotokoll: log.map((e) => ({
        zeitpunkt: e.createdAt.toISOString(),
        von: e.actorName,
        aktion: AUDIT_ACTION_LABELS[e.action],
        datensatz: `${AUDIT_ENTITY_TYPE_LABELS[e.entityType]}: ${e.label}`,
        aenderungen: (JSON.parse(e.changes) as AuditChange[]).map((c) => ({ feld: c.label, alt: c.old, neu: c.new })),
      })),
    };
  }

  /** Every contact field, hidden ones included (the export is for the person themselves). */
  async exportContact(viewer: Viewer, id: number): Promise<PersonContact> {
    assertAdmin(viewer, `/personen/${id}/datenschutz`);
    const p = await this.findErasable(this.db.dataSource.manager, id, true);
    const everything = { ...p, phoneVisibility: 'members', emailVisibility: 'members', addressVisibility: 'members' } as const;
    return visibleContact(Object.assign(new Person(), everything), memberViewer(0, null, true));
  }

  async erase(viewer: Viewer, id: number, now = new Date()): Promise<void> {
    assertAdmin(viewer, `/personen/${id}/datenschutz`);
    const namingMeetings = await this.db.write(async (manager) => {
      const person = await this.findErasable(manager, id, true);
      // [documents] meetings whose generated PDFs may name the person (written again below)
      const meetings = await this.documents.meetingsNamingPerson(manager, id);
      const actor = await this.audit.actor(manager, viewer);
      await this.editor.endOpenMemberships(manager, actor, person);

      const account = await manager.getRepository(Account).findOne({ where: { personId: id } });
      if (account) {
        await manager.getRepository(LoginFailure).delete({ accountKey: account.email });
        await manager.getRepository(Account).update(
          { id: account.id },
          { email: `geloescht-${account.id}@konto.invalid`, personId: null, disabledAt: account.disabledAt ?? now, calendarToken: null },
        );
        await manager.getRepository(Session).delete({ accountId: account.id });
        await this.devices.revokeAllForAccount(manager, account.id); // CardDAV/CalDAV devices stop at once
        await this.audit.record(manager, actor, {
          action: 'erase',
          entityType: 'account',
          entityId: account.id,
          label: `Konto von ${ERASED_PERSON_NAME}`,
          changes: [
            { field: 'email', label: 'E-Mail-Adresse', old: '[gelöscht]', new: `geloescht-${account.id}@konto.invalid` },
            { field: 'disabled', label: 'Gesperrt', old: account.disabledAt ? 'ja' : 'nein', new: 'ja' },
          ],
        });
      }

      await manager.getRepository(PersonPhone).delete({ personId: id });
      await manager.getRepository(PersonEmail).delete({ personId: id });
      await manager.getRepository(PersonLanguage).delete({ personId: id });
      const placeholder = { givenName: '', familyName: ERASED_PERSON_NAME };
      await manager.getRepository(Person).update(
        { id },
        {
          ...placeholder,
          sortKey: personSortKey(placeholder),
          formOfAddress: '',
          academicTitle: null,
          functionTitle: null,
          organisationId: null,
          room: null,
          street: null,
          postalCode: null,
          locality: null,
          profile: null,
          phoneVisibility: 'hidden',
          emailVisibility: 'hidden',
          addressVisibility: 'hidden',
          consentAt: null,
          consentRecordedBy: null,
          deletedAt: person.deletedAt ?? now,
        },
      );
      await this.audit.scrubPerson(manager, id, account?.id ?? null);
      // [mail] Their mails lose address, name and text; unsent ones are never sent (src/mail).
      await this.mail.erasePerson(manager, id, account?.id ?? null, now);
      // [polls, circulars] their poll answers go; recipient lists and sender lines lose name and address
      await this.polls.erasePerson(manager, id);
      await this.circulars.erasePerson(manager, id, account?.id ?? null, ERASED_PERSON_NAME);
      await this.audit.record(manager, actor, { action: 'erase', entityType: 'person', entityId: id, label: ERASED_PERSON_NAME, changes: [] }, now);
      await this.indexer.reindex(manager, 'person', id);
      return meetings;
    });
    // [documents] Generated PDFs (invitation letters, approved minutes) are snapshots: written again
    // from the erased data, keeping only that version. After the commit, because the minutes are read
    // through the read connection; should it fail, the erasure itself stands and the log says so.
    try {
      await this.generatedDocuments.renewAfterErasure(namingMeetings, now);
    } catch (e) {
      this.logger.error(`Erzeugte PDFs nach der Löschung von Person ${id} nicht neu geschrieben: ${String(e)}`);
    }
  }

  /** The person (also when removed from the directory), unless already erased; 404 otherwise. */
  private async findErasable(manager: EntityManager, id: number, withRelations = false): Promise<Person> {
    const person = await manager.getRepository(Person).findOne({ where: { id }, withDeleted: true, relations: withRelations ? ALL_RELATIONS : {} });
    const erased = await manager.getRepository(AuditEntry).exists({ where: { entityType: 'person', entityId: id, action: 'erase' } });
    if (!person || erased) throw notFound('Diese Person gibt es nicht (mehr) im Verzeichnis.');
    return person;
  }
}

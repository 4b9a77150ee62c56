import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../migrations/postgres/index.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../migrations/sqlite/index.js';
import { type DatabaseLocation, type DatabaseSchema, dataSourceOptions } from './database/database-options.js';
import { ContentVersionSubscriber } from './page-cache/content-version.subscriber.js';
// Declares the accounts → people foreign key (people sits above auth, so the key is declared there).
import './people/account-person.js';
import { Body } from './bodies/body.entity.js';
import { Membership } from './bodies/membership.entity.js';
import { Organisation } from './organisations/organisation.entity.js';
import { PersonEmail } from './people/person-email.entity.js';
import { PersonLanguage } from './people/person-language.entity.js';
import { PersonPhone } from './people/person-phone.entity.js';
import { Person } from './people/person.entity.js';
import { SearchDocument } from './search/search-document.entity.js';
import { SeedRun } from './database/seed-run.entity.js';
import { AgendaItem } from './meetings/agenda-item.entity.js';
import { Attendance } from './meetings/attendance.entity.js';
import { Location } from './meetings/location.entity.js';
import { Meeting } from './meetings/meeting.entity.js';
import { Account } from './auth/account.entity.js';
import { AuthSecret } from './auth/auth-secret.entity.js';
import { LoginFailure } from './auth/login-failure.entity.js';
import { PasswordSetToken } from './auth/password-set-token.entity.js';
import { Session } from './auth/session.entity.js';
import { ActionItem } from './minutes/action-item.entity.js';
import { DecisionCounter } from './minutes/decision-counter.entity.js';
import { Decision } from './minutes/decision.entity.js';
import { MinutesAmendment } from './minutes/minutes-amendment.entity.js';
import { MinutesItem } from './minutes/minutes-item.entity.js';
import { Minutes } from './minutes/minutes.entity.js';
import { PendingMinutesDraft } from './minutes/pending-minutes-draft.entity.js';
import { BodyQuorumRule } from './bodies/quorum-rule.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { ImportDraft } from './transfer/import-draft.entity.js';
import { BodyMailSettings } from './mail/body-mail-settings.entity.js';
import { OutboxMail } from './mail/outbox-mail.entity.js';
import { ContentVersion } from './page-cache/content-version.entity.js';
import { DocumentBlob, DocumentVersion, MeetingDocument } from './documents/document.entity.js';
import { DatePoll, DatePollResponse, DatePollSlot, DatePollVote } from './polls/date-poll.entity.js';
import { PasswordResetRequest } from './auth/password-reset-request.entity.js';
import { DevicePassword } from './auth/device-password.entity.js';
import { DavCollection } from './dav/dav-collection.entity.js';
import { DavResource } from './dav/dav-resource.entity.js';
import { OparlTombstone } from './oparl/oparl-tombstone.entity.js';
import { EmailChangeToken } from './auth/email-change-token.entity.js';
import { Circular, CircularRecipient, CircularTarget, CircularUnsubscribe } from './circulars/circular.entity.js';
import { OrganisationTopic, Topic } from './organisations/topic.entity.js';
import { PersonTopic } from './people/person-topic.entity.js';

/** Every entity, listed explicitly (no globs: the same list works under tsc output, the CLI and jest). */
const ENTITIES = [SeedRun, Organisation, Person, PersonPhone, PersonEmail, PersonLanguage, Body, Membership, SearchDocument,
  Location, Meeting, AgendaItem, Attendance,
  Account, Session, LoginFailure, PasswordSetToken, AuthSecret,
  Minutes, MinutesItem, MinutesAmendment, Decision, DecisionCounter, ActionItem, PendingMinutesDraft, BodyQuorumRule,
  AuditEntry, ImportDraft,
  OutboxMail, BodyMailSettings,
  ContentVersion,
  DocumentBlob, MeetingDocument, DocumentVersion,
  DatePoll, DatePollSlot, DatePollResponse, DatePollVote,
  PasswordResetRequest,
  DevicePassword, DavCollection, DavResource,
  OparlTombstone,
  EmailChangeToken,
  Circular, CircularTarget, CircularRecipient, CircularUnsubscribe,
  Topic, OrganisationTopic, PersonTopic];

/**
 * What the database holds, owned by the composition root: every module's entities, the subscribers
 * and each engine's migrations. The database module takes it as a parameter and imports no domain.
 */
export const APP_SCHEMA: DatabaseSchema = {
  entities: ENTITIES,
  subscribers: [ContentVersionSubscriber],
  migrations: { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS },
};

/** The app's data source options for a location (app, TypeORM CLI, tests, benchmark). */
export function appDataSourceOptions(location: DatabaseLocation): ReturnType<typeof dataSourceOptions> {
  return dataSourceOptions(location, APP_SCHEMA);
}

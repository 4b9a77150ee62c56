import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { notFound, forbidden } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { assertAdmin } from './access.js';
import { Account, normalizeEmail } from './account.entity.js';
import { type AccountPerson, AccountPeople } from './account-people.js';
import { AccountsRepository } from './accounts.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblem } from './password-policy.js';
import { PasswordSetToken } from './password-set-token.entity.js';
import { TypeOrmSessionStore } from './session-store.js';
import type { Viewer } from './viewer.js';
import type { AuditChange } from '../audit/audit-entry.entity.js';
import { type AuditActor, AuditLog } from '../audit/audit-log.service.js';
import { DevicePasswordsService } from './device-passwords.service.js';

/** How long a set-password link works. */
export const SET_PASSWORD_LINK_HOURS = 72;

/** How long a link asked for through "Passwort vergessen" works (short: whoever reads the mailbox could use it). */
export const RESET_LINK_MINUTES = 60;

export interface NewAccount {
  email: string;
  personId: number | null;
  isAdmin: boolean;
}

export interface SetPasswordLink {
  url: string;
  expiresAt: Date;
  account: Account;
}

/** An account with the person it belongs to (null: none linked, or the person is gone). */
export interface AccountWithPerson {
  account: Account;
  person: AccountPerson | null;
}

/**
 * Published when a set-password link is issued, inside the write that stores it; the mail module
 * queues the link to the account's address in that same transaction.
 */
export type PasswordSetRequested = SetPasswordLink;

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'account.passwordSetRequested': PasswordSetRequested;
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Accounts and passwords: the rules (who may, what is allowed) and every write. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly db: DatabaseService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: TypeOrmSessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly people: AccountPeople,
    private readonly audit: AuditLog,
    private readonly devicePasswords: DevicePasswordsService,
  ) {}

  /** Every account change goes into the audit log, in the transaction that makes it; never a password. */
  private recordAccount(m: EntityManager, viewer: Viewer | AuditActor, account: Pick<Account, 'id' | 'email'>, action: 'create' | 'update', changes: AuditChange[]): Promise<void> {
    return this.audit.record(m, viewer, { action, entityType: 'account', entityId: account.id, label: account.email, changes });
  }

  findById(id: number): Promise<Account | null> {
    return this.repository.findById(id);
  }

  /** An account with its person, for the viewer and the header; null when gone. */
  async findWithPerson(id: number): Promise<AccountWithPerson | null> {
    const account = await this.repository.findById(id);
    if (!account) return null;
    return { account, person: await this.people.of(this.db.dataSource.manager, account.personId) };
  }

  findByEmail(email: string): Promise<Account | null> {
    return this.repository.findByEmail(normalizeEmail(email));
  }

  async list(viewer: Viewer): Promise<AccountWithPerson[]> {
    assertAdmin(viewer, '/admin/konten');
    const accounts = await this.repository.findAll();
    const people = await this.people.byIds(this.db.dataSource.manager, accounts.map((a) => a.personId));
    return accounts.map((account) => ({ account, person: account.personId === null ? null : (people.get(account.personId) ?? null) }));
  }

  async peopleWithoutAccount(viewer: Viewer): Promise<AccountPerson[]> {
    assertAdmin(viewer, '/admin/konten/neu');
    return this.people.withoutAccount(this.db.dataSource.manager);
  }

  /**
   * Creates an account nobody knows the password of (random); the administrator hands over a
   * set-password link instead. FormRejected for a taken email or person.
   */
  async create(viewer: Viewer, input: NewAccount): Promise<SetPasswordLink> {
    assertAdmin(viewer, '/admin/konten/neu');
    const email = normalizeEmail(input.email);
    if (await this.repository.findByEmail(email)) {
      throw new FormRejected({ email: 'Für diese E-Mail-Adresse gibt es schon ein Konto.' });
    }
    if (input.personId !== null) {
      if (!(await this.people.of(this.db.dataSource.manager, input.personId))) {
        throw new FormRejected({ personId: 'Diese Person gibt es nicht (mehr).' });
      }
      if (await this.repository.isPersonLinked(input.personId)) {
        throw new FormRejected({ personId: 'Diese Person hat schon ein Konto.' });
      }
    }
    const passwordHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
    const account = await this.db.write(async (m) => {
      const saved = await m.getRepository(Account).save(m.getRepository(Account).create({ email, passwordHash, personId: input.personId, isAdmin: input.isAdmin }));
      await this.recordAccount(m, viewer, saved, 'create', [
        { field: 'email', label: 'E-Mail', old: null, new: email },
        { field: 'isAdmin', label: 'Administrator', old: null, new: input.isAdmin ? 'ja' : 'nein' },
        ...(input.personId !== null ? [{ field: 'personId', label: 'Person', old: null, new: String(input.personId) }] : []),
      ]);
      return saved;
    });
    return this.createLink(viewer, account);
  }

  /** A new one-time link to set the password of an account (older unused links stay valid until used or expired). */
  async createSetPasswordLink(viewer: Viewer, accountId: number): Promise<SetPasswordLink> {
    assertAdmin(viewer, '/admin/konten');
    const account = await this.repository.findById(accountId);
    if (!account) throw notFound('Dieses Konto gibt es nicht.');
    return this.createLink(viewer, account);
  }

  /**
   * "Passwort vergessen": a short-lived one-time link to the account's own address. Nobody is logged
   * in; the audit log names the request as the actor. The caller decides whether to ask (throttling,
   * disabled accounts) and answers the same either way.
   */
  async issueResetLink(account: Account): Promise<void> {
    await this.createLink({ accountId: null, name: 'Anfrage „Passwort vergessen“' }, account, RESET_LINK_MINUTES, 'über „Passwort vergessen“ angefordert');
  }

  private async createLink(viewer: Viewer | AuditActor, account: Account, validMinutes = SET_PASSWORD_LINK_HOURS * 60, how = 'ausgestellt'): Promise<SetPasswordLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + validMinutes * 60_000);
    const url = `${this.config.baseUrl}/konto/passwort-setzen/${token}`;
    await this.db.write(async (m) => {
      await m.getRepository(PasswordSetToken).insert({
        accountId: account.id,
        tokenHash: tokenHash(token),
        expiresAt,
        createdById: 'kind' in viewer ? (viewer.kind === 'member' ? viewer.accountId : null) : viewer.accountId,
      });
      await this.recordAccount(m, viewer, account, 'update', [{ field: 'setPasswordLink', label: 'Link zum Passwortsetzen', old: null, new: how }]);
      // The link also goes out by mail: the mail module queues it in this same transaction.
      await this.events.publish(m, 'account.passwordSetRequested', { account, url, expiresAt });
    });
    return { url, expiresAt, account };
  }

  /** The account a set-password link is for; 404 when unknown, used or expired. */
  async accountForToken(token: string): Promise<Account> {
    const found = await this.repository.findUsableToken(tokenHash(token), new Date());
    if (!found) throw notFound('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Über „Passwort vergessen“ auf der Anmeldeseite können Sie einen neuen Link anfordern.');
    return found.account;
  }

  /**
   * Sets the password through a one-time link. The link (and every other open link of the account)
   * is used up, all sessions of the account end.
   */
  async setPasswordWithToken(token: string, newPassword: string): Promise<Account> {
    const account = await this.accountForToken(token);
    this.checkNewPassword(newPassword, account.email);
    const passwordHash = await this.hasher.hash(newPassword);
    const now = new Date();
    const used = await this.db.write(async (m) => {
      // single use even under concurrent submits: only one UPDATE finds the token unused
      const claimed = await m.getRepository(PasswordSetToken).update({ tokenHash: tokenHash(token), usedAt: IsNull() }, { usedAt: now });
      if ((claimed.affected ?? 0) === 0) return false;
      await m.getRepository(PasswordSetToken).update({ accountId: account.id, usedAt: IsNull() }, { usedAt: now });
      await m.getRepository(Account).update({ id: account.id }, { passwordHash, mustChangePassword: false, passwordChangedAt: now });
      // A reset ends every way in: the sessions (below) and the CardDAV/CalDAV device passwords.
      await this.devicePasswords.revokeAllForAccount(m, account.id);
      await this.recordAccount(m, { accountId: account.id, name: account.email }, account, 'update', [
        { field: 'password', label: 'Passwort', old: null, new: 'über Link neu gesetzt' },
      ]);
      return true;
    });
    if (!used) throw notFound('Dieser Link wurde gerade schon benutzt.');
    await this.sessions.destroyAllOf(account.id);
    return account;
  }

  /**
   * Changes the viewer's own password after checking the current one. Other sessions of the account
   * end; the caller regenerates the current session's id.
   */
  async changeOwnPassword(viewer: Viewer, currentPassword: string, newPassword: string, currentSid: string): Promise<void> {
    if (viewer.kind !== 'member') throw forbidden('Bitte melden Sie sich an.');
    const account = await this.repository.findById(viewer.accountId);
    if (!account) throw notFound('Dieses Konto gibt es nicht mehr.');
    if (!(await this.hasher.verify(account.passwordHash, currentPassword))) {
      throw new FormRejected({ currentPassword: 'Das aktuelle Passwort ist nicht richtig.' });
    }
    this.checkNewPassword(newPassword, account.email);
    if (newPassword === currentPassword) {
      throw new FormRejected({ newPassword: 'Das neue Passwort muss sich vom aktuellen unterscheiden.' });
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.write(async (m) => {
      await m.getRepository(Account).update({ id: account.id }, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
      await this.recordAccount(m, viewer, account, 'update', [{ field: 'password', label: 'Passwort', old: null, new: 'geändert' }]);
    });
    await this.sessions.destroyAllOf(account.id, currentSid);
  }

  /** Disables or enables an account; disabling ends its sessions. Administrators cannot disable themselves. */
  async setDisabled(viewer: Viewer, accountId: number, disabled: boolean): Promise<Account> {
    assertAdmin(viewer, '/admin/konten');
    if (viewer.accountId === accountId && disabled) throw forbidden('Sie können Ihr eigenes Konto nicht sperren.');
    const account = await this.repository.findById(accountId);
    if (!account) throw notFound('Dieses Konto gibt es nicht.');
    await this.db.write(async (m) => {
      await m.getRepository(Account).update({ id: accountId }, { disabledAt: disabled ? new Date() : null });
      await this.recordAccount(m, viewer, account, 'update', [
        { field: 'disabled', label: 'Gesperrt', old: account.disabledAt ? 'ja' : 'nein', new: disabled ? 'ja' : 'nein' },
      ]);
    });
    if (disabled) await this.sessions.destroyAllOf(accountId);
    return account;
  }

  private checkNewPassword(password: string, email: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw new FormRejected({ newPassword: problem });
  }
}

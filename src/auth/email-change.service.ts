import { createHash, randomBytes } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { assertMember } from './access.js';
import { Account, normalizeEmail } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { EmailChangeToken } from './email-change-token.entity.js';
import { PasswordHasher } from './password-hasher.js';
import type { Viewer } from './viewer.js';

/** How long the confirmation link to a new address works. */
export const EMAIL_CHANGE_LINK_HOURS = 24;

const LINK_GONE = 'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Sie können die Änderung unter „Mein Konto“ neu anfragen.';

/** A member asked to change the account's address: the link goes to the new address, a notice to the old one. */
export interface EmailChangeRequested {
  accountId: number;
  personId: number | null;
  oldEmail: string;
  newEmail: string;
  url: string;
  expiresAt: Date;
}

/** The account's address changed (confirmed by the link); the people module updates the entry's address to match. */
export interface AccountEmailChanged {
  accountId: number;
  personId: number | null;
  oldEmail: string;
  newEmail: string;
}

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    'account.emailChangeRequested': EmailChangeRequested;
    'account.emailChanged': AccountEmailChanged;
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Changing the e-mail address of one's own account: only after the new address is confirmed through
 * a one-time link sent to it; the old address is told at once, so a hijacked session cannot move the
 * account away unnoticed. The current password is asked for.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly db: DatabaseService,
    private readonly hasher: PasswordHasher,
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(viewer: Viewer, rawEmail: string, currentPassword: string, now = new Date()): Promise<{ newEmail: string }> {
    assertMember(viewer, '/konto/email');
    const account = await this.repository.findById(viewer.accountId);
    if (!account) throw notFound('Dieses Konto gibt es nicht mehr.');
    if (!(await this.hasher.verify(account.passwordHash, currentPassword))) throw new FormRejected({ currentPassword: 'Das aktuelle Passwort ist nicht richtig.' });
    const newEmail = normalizeEmail(rawEmail);
    if (newEmail === account.email) throw new FormRejected({ newEmail: 'Das ist schon die Adresse Ihres Kontos.' });
    if (await this.repository.findByEmail(newEmail)) throw new FormRejected({ newEmail: 'Diese Adresse gehört schon zu einem anderen Konto.' });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LINK_HOURS * 3_600_000);
    const url = `${this.config.baseUrl}/konto/email-bestaetigen/${token}`;
    await this.db.write(async (m) => {
      await m.getRepository(EmailChangeToken).insert({ accountId: account.id, newEmail, tokenHash: tokenHash(token), expiresAt });
      await this.audit.record(m, viewer, { action: 'update', entityType: 'account', entityId: account.id, label: account.email, changes: [{ field: 'emailChange', label: 'Neue E-Mail-Adresse angefragt', old: null, new: newEmail }] });
      await this.events.publish(m, 'account.emailChangeRequested', { accountId: account.id, personId: account.personId, oldEmail: account.email, newEmail, url, expiresAt });
    });
    return { newEmail };
  }

  /** The pending change a link stands for; 404 (revealing nothing) when unknown, used or expired. */
  async pending(token: string, now = new Date()): Promise<EmailChangeToken> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound(LINK_GONE);
    const found = await this.db.dataSource.getRepository(EmailChangeToken).findOne({ where: { tokenHash: tokenHash(token), usedAt: IsNull(), expiresAt: MoreThan(now) }, relations: { account: true } });
    if (!found) throw notFound(LINK_GONE);
    return found;
  }

  /** Confirms the new address: the account's address changes, this and every other pending link of the account is used up. */
  async confirm(token: string, now = new Date()): Promise<AccountEmailChanged> {
    const pending = await this.pending(token, now);
    return this.db.write(async (m) => {
      const claimed = await m.getRepository(EmailChangeToken).update({ id: pending.id, usedAt: IsNull() }, { usedAt: now });
      if ((claimed.affected ?? 0) === 0) throw notFound(LINK_GONE);
      if (await m.getRepository(Account).exists({ where: { email: pending.newEmail } })) {
        throw new HttpException({ userMessage: 'Diese Adresse gehört inzwischen zu einem anderen Konto. Bitte wählen Sie unter „Mein Konto“ eine andere.' }, HttpStatus.CONFLICT);
      }
      const account = await m.getRepository(Account).findOneOrFail({ where: { id: pending.accountId } });
      await m.getRepository(EmailChangeToken).update({ accountId: account.id, usedAt: IsNull() }, { usedAt: now });
      await m.getRepository(Account).update({ id: account.id }, { email: pending.newEmail });
      await this.audit.record(m, { accountId: account.id, name: pending.newEmail }, { action: 'update', entityType: 'account', entityId: account.id, label: pending.newEmail, changes: [{ field: 'email', label: 'E-Mail', old: account.email, new: pending.newEmail }] });
      const changed = { accountId: account.id, personId: account.personId, oldEmail: account.email, newEmail: pending.newEmail };
      await this.events.publish(m, 'account.emailChanged', changed);
      return changed;
    });
  }
}

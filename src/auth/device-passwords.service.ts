import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { Account, normalizeEmail } from './account.entity.js';
import { DevicePassword } from './device-password.entity.js';
import { LoginThrottleService, type ThrottleReason } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import type { Viewer } from './viewer.js';

/** At most this many device passwords per account. */
export const MAX_DEVICE_PASSWORDS = 20;
/** Characters of the password that are stored in clear to find its row (not secret: ~6 of ~116 bits). */
const SELECTOR_LENGTH = 4;
/** last_used_at is written at most this often per password (a sync makes many requests). */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;
/** A verified password is trusted this long in this process without another argon2 run. */
const VERIFIED_TTL_MS = 60_000;

/** The password as shown once: 5 groups of 4 characters (20 of 56 symbols ≈ 116 bits). */
export function formatDevicePassword(raw: string): string {
  return raw.match(/.{1,4}/g)?.join('-') ?? raw;
}

/** What the user typed (with or without dashes and spaces) in the stored form. */
function compact(password: string): string {
  return password.replace(/[\s-]/g, '');
}

export interface DevicePasswordListItem {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface CreatedDevicePassword {
  id: number;
  name: string;
  /** Shown once, never stored. */
  password: string;
}

export type DeviceLogin =
  | { kind: 'ok'; accountId: number; personId: number | null; email: string; devicePasswordId: number }
  | { kind: 'invalid' }
  | { kind: 'throttled'; reason: ThrottleReason };

/**
 * Device passwords: a member creates one per device for CardDAV/CalDAV (shown once, stored as an
 * argon2 hash), sees when each was created and last used, and revokes it at once. Only the DAV module
 * checks them (`authenticate`); the web login never does.
 */
@Injectable()
export class DevicePasswordsService {
  private readonly verified = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditLog,
  ) {}

  list(accountId: number): Promise<DevicePasswordListItem[]> {
    return this.dataSource.getRepository(DevicePassword).find({
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      where: { accountId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async create(viewer: Viewer, rawName: string): Promise<CreatedDevicePassword> {
    if (viewer.kind !== 'member') throw notFound('Dieses Konto gibt es nicht mehr.');
    const name = rawName.trim().replace(/\s+/g, ' ');
    if (name === '') throw new FormRejected({ name: 'Bitte geben Sie dem Gerät einen Namen, z. B. „iPhone“.' });
    if (name.length > 60) throw new FormRejected({ name: 'Der Name darf höchstens 60 Zeichen lang sein.' });
    const raw = PasswordHasher.randomPassword(20);
    const passwordHash = await this.hasher.hash(raw);
    return this.db.write(async (m) => {
      const account = await m.getRepository(Account).findOne({ where: { id: viewer.accountId } });
      if (!account) throw notFound('Dieses Konto gibt es nicht mehr.');
      const repo = m.getRepository(DevicePassword);
      if ((await repo.count({ where: { accountId: account.id } })) >= MAX_DEVICE_PASSWORDS) {
        throw new FormRejected({ name: `Sie haben schon ${MAX_DEVICE_PASSWORDS} Gerätepasswörter. Bitte widerrufen Sie erst eines, das Sie nicht mehr brauchen.` });
      }
      if (await repo.exists({ where: { accountId: account.id, name } })) {
        throw new FormRejected({ name: 'Ein Gerätepasswort mit diesem Namen gibt es schon. Bitte wählen Sie einen anderen Namen.' });
      }
      const saved = await repo.save(repo.create({ accountId: account.id, name, selector: raw.slice(0, SELECTOR_LENGTH), passwordHash, lastUsedAt: null }));
      await this.audit.record(m, viewer, {
        action: 'create',
        entityType: 'account',
        entityId: account.id,
        label: account.email,
        changes: [{ field: 'devicePassword', label: 'Gerätepasswort', old: null, new: name }],
      });
      return { id: saved.id, name, password: formatDevicePassword(raw) };
    });
  }

  /** Revokes one of the viewer's own device passwords; 404 for any other id. */
  async revoke(viewer: Viewer, id: number): Promise<string> {
    if (viewer.kind !== 'member') throw notFound('Dieses Gerätepasswort gibt es nicht (mehr).');
    return this.db.write(async (m) => {
      const row = await m.getRepository(DevicePassword).findOne({ where: { id, accountId: viewer.accountId }, relations: { account: true } });
      if (!row) throw notFound('Dieses Gerätepasswort gibt es nicht (mehr).');
      await m.getRepository(DevicePassword).delete({ id: row.id });
      await this.audit.record(m, viewer, {
        action: 'delete',
        entityType: 'account',
        entityId: row.accountId,
        label: row.account.email,
        changes: [{ field: 'devicePassword', label: 'Gerätepasswort', old: row.name, new: null }],
      });
      return row.name;
    });
  }

  /**
   * Revokes every device password of an account inside the caller's transaction (password reset,
   * disabling an account). Returns how many were revoked.
   */
  async revokeAllForAccount(manager: EntityManager, accountId: number): Promise<number> {
    const result = await manager.getRepository(DevicePassword).delete({ accountId });
    return result.affected ?? 0;
  }

  /**
   * HTTP Basic credentials of a DAV client: the account's e-mail address and one of its device
   * passwords. Failures are throttled per account and per client address like the web login.
   */
  async authenticate(email: string, password: string, ip: string, now = new Date()): Promise<DeviceLogin> {
    const accountKey = normalizeEmail(email).slice(0, 254);
    // Own counter per account: a DAV client retrying an old password does not lock the web login out.
    const throttleKey = `dav:${accountKey}`.slice(0, 254);
    const blocked = await this.throttle.blockedBy(throttleKey, ip, now);
    if (blocked) return { kind: 'throttled', reason: blocked };

    const typed = compact(password);
    const account = await this.dataSource.getRepository(Account).findOne({ where: { email: accountKey } });
    const candidates =
      account && typed.length >= SELECTOR_LENGTH && typed.length <= 128
        ? await this.dataSource.getRepository(DevicePassword).find({ where: { accountId: account.id, selector: typed.slice(0, SELECTOR_LENGTH) } })
        : [];
    let match: DevicePassword | null = null;
    for (const candidate of candidates) {
      if (await this.verify(candidate, typed, now)) {
        match = candidate;
        break;
      }
    }
    if (candidates.length === 0) await this.hasher.verifyNothing(typed); // same time whether or not anything matched
    if (!account || !match || account.disabledAt !== null) {
      await this.throttle.recordFailure(throttleKey, ip, now);
      return { kind: 'invalid' };
    }
    if (match.lastUsedAt === null || now.getTime() - match.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
      await this.db.write((m) => m.getRepository(DevicePassword).update({ id: match.id }, { lastUsedAt: now }));
    }
    return { kind: 'ok', accountId: account.id, personId: account.personId, email: account.email, devicePasswordId: match.id };
  }

  /** argon2 once per password and minute: a client's sync burst costs one verification, not dozens. */
  private async verify(row: DevicePassword, typed: string, now: Date): Promise<boolean> {
    const key = createHash('sha256').update(`${row.id}\0${row.passwordHash}\0${typed}`).digest('base64');
    const until = this.verified.get(key);
    if (until !== undefined && until > now.getTime()) return true;
    if (!(await this.hasher.verify(row.passwordHash, typed))) return false;
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(key, now.getTime() + VERIFIED_TTL_MS);
    return true;
  }
}

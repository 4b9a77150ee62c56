import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { Account, normalizeEmail } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthSecret } from './auth-secret.entity.js';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblem } from './password-policy.js';

/** Raised at start when the app must not run; main.ts exits non-zero with its German message. */
export class StartupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefusedError';
  }
}

const SESSION_SECRET_NAME = 'session';

/** The id of a demo account's fictional person, or null when the demo data lacks it (given by the composition root, which knows the seeds). */
export type DemoPersonLookup = (personKey: DemoAccount['personKey']) => Promise<number | null>;

/**
 * What the auth module needs before the first request: the session secret, the first administrator,
 * the demo accounts (only with demo data) and the production check against public demo passwords.
 */
@Injectable()
export class AuthBootstrapService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly db: DatabaseService,
    private readonly repository: AccountsRepository,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** SESSION_SECRET, or one generated once and kept in the database (same for every instance and restart). */
  async sessionSecret(): Promise<string> {
    if (this.config.sessionSecret) return this.config.sessionSecret;
    return this.db.write(async (m) => {
      const repo = m.getRepository(AuthSecret);
      const existing = await repo.findOne({ where: { name: SESSION_SECRET_NAME } });
      if (existing) return existing.value;
      const value = randomBytes(48).toString('base64url');
      await repo.insert({ name: SESSION_SECRET_NAME, value });
      return value;
    });
  }

  /**
   * First start (no administrator yet): creates ADMIN_EMAIL's account with ADMIN_PASSWORD, or with a
   * generated password that is logged once and must be changed at first login.
   */
  async ensureAdmin(): Promise<void> {
    if ((await this.repository.countAdmins()) > 0) return;
    const email = normalizeEmail(this.config.adminEmail);
    const given = this.config.adminPassword;
    if (given !== null) {
      const problem = passwordProblem(given, email);
      if (problem) throw new StartupRefusedError(`ADMIN_PASSWORD ist nicht zulässig: ${problem}`);
    }
    const password = given ?? PasswordHasher.randomPassword();
    const passwordHash = await this.hasher.hash(password);
    const existing = await this.repository.findByEmail(email);
    await this.db.write(async (m) => {
      const repo = m.getRepository(Account);
      if (existing) {
        await repo.update({ id: existing.id }, { isAdmin: true, passwordHash, mustChangePassword: given === null, disabledAt: null });
      } else {
        await repo.insert({ email, passwordHash, isAdmin: true, mustChangePassword: given === null });
      }
    });
    if (given === null) {
      this.logger.warn(
        `Erstes Administratorkonto angelegt: ${email} mit dem Passwort ${password} — es wird nur dieses eine Mal angezeigt ` +
          'und muss bei der ersten Anmeldung geändert werden. (Mit ADMIN_PASSWORD lässt sich ein eigenes Passwort vorgeben.)',
      );
    } else {
      this.logger.log(`Erstes Administratorkonto angelegt: ${email} (Passwort aus ADMIN_PASSWORD).`);
    }
  }

  /**
   * Demo logins for the fictional demo people (only called with demo data). Existing accounts are
   * left alone (a changed password stays changed), but get linked once their person exists.
   */
  async ensureDemoAccounts(demoPersonId: DemoPersonLookup): Promise<void> {
    for (const demo of DEMO_ACCOUNTS) {
      const personOfDemo = await demoPersonId(demo.personKey);
      if (personOfDemo === null) {
        this.logger.warn(`Demo-Person „${demo.personKey}“ nicht gefunden; ${demo.email} wird ohne Person angelegt.`);
      }
      const personId = personOfDemo !== null && !(await this.repository.isPersonLinked(personOfDemo)) ? personOfDemo : null;
      const existing = await this.repository.findByEmail(demo.email);
      if (existing) {
        if (existing.personId === null && personId !== null) {
          await this.db.write((m) => m.getRepository(Account).update({ id: existing.id }, { personId }));
        }
        continue;
      }
      const passwordHash = await this.hasher.hash(demo.password);
      await this.db.write((m) => m.getRepository(Account).insert({ email: demo.email, passwordHash, personId, isAdmin: false }));
      this.logger.log(`Demo-Zugang angelegt: ${demo.email}`);
    }
  }

  /** Enabled demo accounts whose password is still the public one. */
  async accountsWithDemoPasswords(): Promise<string[]> {
    const accounts = await this.repository.findByEmails(DEMO_ACCOUNTS.map((d) => d.email));
    const found: string[] = [];
    for (const demo of DEMO_ACCOUNTS) {
      const account = accounts.find((a) => a.email === demo.email);
      if (account && account.disabledAt === null && (await this.hasher.verify(account.passwordHash, demo.password))) found.push(account.email);
    }
    return found;
  }

  /** In production, refuses to start while a documented demo password still opens an account. */
  async refuseDemoPasswordsInProduction(): Promise<void> {
    if (this.config.nodeEnv !== 'production') return;
    const emails = await this.accountsWithDemoPasswords();
    if (emails.length === 0) return;
    const message =
      `Start abgebrochen: In der Produktion haben diese Konten noch ihr öffentlich dokumentiertes Demo-Passwort: ${emails.join(', ')}. ` +
      'Bitte ändern Sie die Passwörter oder sperren bzw. löschen Sie die Demo-Konten und starten Sie ohne SEED_DEMO=true.';
    this.logger.error(message);
    throw new StartupRefusedError(message);
  }
}

import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthSecret } from '../auth/auth-secret.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';

const RSVP_SECRET_NAME = 'rsvp';

/**
 * The HMAC key of the RSVP links: RSVP_SECRET, or one generated once and kept in the database (the
 * auth module's secrets table, like the session secret) so restarts and other instances agree.
 */
@Injectable()
export class RsvpSecretService implements OnApplicationBootstrap {
  private cached: string | null;

  constructor(
    private readonly db: DatabaseService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cached = config.mail.rsvpSecret;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.cached === null) await this.db.write((m) => this.within(m));
  }

  /** The secret, read (or created) inside the caller's transaction when not known yet. */
  async within(manager: EntityManager): Promise<string> {
    if (this.cached !== null) return this.cached;
    const repo = manager.getRepository(AuthSecret);
    await repo
      .createQueryBuilder()
      .insert()
      .into(AuthSecret)
      .values({ name: RSVP_SECRET_NAME, value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    const row = await repo.findOneOrFail({ where: { name: RSVP_SECRET_NAME } });
    this.cached = row.value;
    return row.value;
  }

  /** For reading requests: the secret once known (after start), else null. */
  known(): string | null {
    return this.cached;
  }
}

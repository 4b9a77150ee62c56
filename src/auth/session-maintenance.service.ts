import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordSetToken } from './password-set-token.entity.js';
import { TypeOrmSessionStore } from './session-store.js';

const EVERY_MS = 10 * 60_000;
/** Used or expired set-password links are kept this long for the record, then deleted. */
const TOKEN_RETENTION_MS = 30 * 24 * 3_600_000;

/** Deletes expired sessions, old login failures and stale set-password links, at start and every 10 minutes. */
@Injectable()
export class SessionMaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionMaintenance');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: TypeOrmSessionStore,
    private readonly throttle: LoginThrottleService,
    private readonly db: DatabaseService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.cleanUp().catch((err: unknown) => this.logger.error(`Aufräumen fehlgeschlagen: ${String(err)}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async cleanUp(now = new Date()): Promise<{ sessions: number; failures: number; tokens: number }> {
    const sessions = await this.sessions.deleteExpired(now);
    const failures = await this.throttle.deleteOld(now);
    const tokens = await this.db.write(async (m) => {
      const result = await m.getRepository(PasswordSetToken).delete({ expiresAt: LessThan(new Date(now.getTime() - TOKEN_RETENTION_MS)) });
      return result.affected ?? 0;
    });
    return { sessions, failures, tokens };
  }
}

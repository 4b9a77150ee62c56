import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { backupDatabase } from './backup.js';
import { nextBackupAt } from './backup-schedule.js';

/**
 * The optional daily backup inside the app (BACKUP_TIME, off by default), for installations
 * without cron. SQLite only: on PostgreSQL, pg_dump is the tool (see README).
 */
@Injectable()
export class BackupSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Backup');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (!this.config.backupTime) return;
    if (this.config.databaseUrl) {
      this.logger.warn('BACKUP_TIME gilt nur für SQLite; PostgreSQL bitte mit pg_dump sichern.');
      return;
    }
    this.schedule(new Date());
  }

  /** Writes one backup now (also what the timer calls). */
  async runOnce(): Promise<string> {
    const result = await backupDatabase(this.config.databasePath, this.config.backupDir, this.config.backupKeep);
    this.logger.log(`Tägliche Sicherung geschrieben: ${result.file}`);
    return result.file;
  }

  /** The time of the next scheduled run, or null when off. */
  nextRun(now = new Date()): Date | null {
    return this.config.backupTime && !this.config.databaseUrl ? nextBackupAt(this.config.backupTime, now) : null;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(now: Date): void {
    const next = this.nextRun(now);
    if (!next) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((e: unknown) => this.logger.error(`Die tägliche Sicherung ist fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => this.schedule(new Date()));
    }, next.getTime() - now.getTime());
    this.timer.unref();
  }
}

import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { describeSendError, retryDelaySeconds } from './delivery-rules.js';
import { SCRUBBED_BODY } from './mail-texts.js';
import { MailSignal } from './mail-signal.js';
import { createMailTransport, type MailTransport, outboxDir, sendTimeoutMs } from './mail-transport.js';
import { OutboxMail } from './outbox-mail.entity.js';

/**
 * Which mails a worker may take: queued and due, or being sent by a worker whose lease ran out.
 * The one condition for picking candidates and for the atomic claim (parameters :now, :leaseCutoff);
 * `prefix` is the table alias with its dot, or '' in an UPDATE.
 */
function claimableSql(prefix: string): Brackets {
  return new Brackets((w) =>
    w
      .where(new Brackets((q) => q.where(`${prefix}status = :queued`, { queued: 'queued' }).andWhere(`${prefix}next_attempt_at <= :now`)))
      .orWhere(new Brackets((q) => q.where(`${prefix}status = :sending`, { sending: 'sending' }).andWhere(`${prefix}claimed_at < :leaseCutoff`))),
  );
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost-claim';

/**
 * Sends what the outbox holds, one mail at a time per app instance; several instances may share one
 * database.
 *
 * Claiming: a conditional UPDATE … SET status='sending', claim_token=<random>, claimed_at=now,
 * attempts=attempts+1 WHERE id=? AND (status='queued' AND next_attempt_at<=now OR status='sending'
 * AND claimed_at<now−lease). Only one instance's UPDATE matches (affected = 1); the others move on.
 * The outcome is recorded only under the same claim token.
 *
 * Crash safety: a mail is committed with the change that caused it, so nothing is lost before sending.
 * A worker that dies after claiming leaves status 'sending'; after the lease (MAIL_LEASE_SECONDS)
 * another worker takes the mail over. A send is aborted after half the lease, so a live worker never
 * outlives its own claim.
 *
 * The remaining at-least-once window: if the process dies after the SMTP server accepted the message
 * (250) but before 'sent' is committed, the mail is sent again after the lease. It then carries the
 * same Message-ID, Date and — for meetings — the same UID/SEQUENCE, so calendars update the same
 * event and many mail systems drop the copy; it cannot be closed without the server's help.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport: MailTransport | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private woken = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly signal: MailSignal,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.worker) return;
    this.start();
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = this.signal.subscribe(() => this.wake());
    const where = this.config.mail.smtp
      ? `SMTP ${this.config.mail.smtp.host}:${this.config.mail.smtp.port}`
      : `kein SMTP_HOST gesetzt, Mails werden als .eml-Dateien in ${outboxDir(this.config)} abgelegt`;
    this.logger.log(`Mailversand gestartet: ${where}`);
    this.loop = this.run();
  }

  /**
   * Graceful shutdown: takes no new mail, lets the one in flight finish (bounded by the send timeout)
   * and records its outcome. Runs before TypeORM closes the database (onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.transport?.close();
    this.transport = null;
  }

  /** Whether the loop is running in this instance. */
  get running(): boolean {
    return this.loop !== null && !this.stopping;
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = (await this.runOnce()) !== null;
      } catch (e) {
        this.logger.error(`Mailversand: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!worked && !this.stopping) await this.sleep(this.config.mail.pollSeconds * 1000);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        this.woken = false;
        done();
      };
    });
  }

  /** Claims and delivers one due mail; null when none is due. */
  async runOnce(now: Date = new Date()): Promise<DeliveryOutcome | null> {
    const mail = await this.claimNext(now);
    if (!mail) return null;
    return this.deliver(mail);
  }

  /** Delivers due mails until none is left (tests, and the admin's "send now"). */
  async drain(limit = 1000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOnce()) !== null) n++;
    return n;
  }

  /** Takes one due mail for this worker, or null. Safe against other workers on the same database. */
  async claimNext(now: Date = new Date()): Promise<OutboxMail | null> {
    const leaseCutoff = new Date(now.getTime() - this.config.mail.leaseSeconds * 1000);
    const candidates = await this.dataSource
      .getRepository(OutboxMail)
      .createQueryBuilder('o')
      .select(['o.id'])
      .where(claimableSql('o.'))
      .setParameters({ now, leaseCutoff })
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(5)
      .getMany();
    for (const candidate of candidates) {
      const claimed = await this.tryClaim(candidate.id, now);
      if (claimed) return claimed;
    }
    return null;
  }

  /**
   * The atomic claim of one mail: a single conditional UPDATE. It matches only while the mail is due
   * (queued) or its lease has run out (sending), so of several workers — in this process or another
   * one on the same database — exactly one gets affected = 1.
   */
  async tryClaim(id: number, now: Date = new Date()): Promise<OutboxMail | null> {
    const leaseCutoff = new Date(now.getTime() - this.config.mail.leaseSeconds * 1000);
    const claimToken = randomUUID();
    const claimed = await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(OutboxMail)
        .set({ status: 'sending', claimToken, claimedAt: now, attempts: () => 'attempts + 1', updatedAt: now })
        .where('id = :id', { id })
        .andWhere(claimableSql(''))
        .setParameters({ now, leaseCutoff })
        .execute(),
    );
    if ((claimed.affected ?? 0) !== 1) return null;
    return this.dataSource.getRepository(OutboxMail).findOne({ where: { id, claimToken } });
  }

  private transportNow(): MailTransport {
    this.transport ??= createMailTransport(this.config);
    return this.transport;
  }

  /** Sends a claimed mail and records the outcome under its claim token. */
  async deliver(mail: OutboxMail): Promise<DeliveryOutcome> {
    const transport = this.transportNow();
    const token = mail.claimToken;
    if (token === null) throw new Error('deliver: mail is not claimed');
    if (mail.attempts > this.config.mail.maxAttempts) {
      return this.record(mail.id, token, { status: 'failed', lastError: `Abgebrochen nach ${mail.attempts - 1} Versuchen.` }, 'failed');
    }
    let note: string;
    try {
      note = await transport.send(mail, AbortSignal.timeout(sendTimeoutMs(this.config.mail.leaseSeconds)));
    } catch (e) {
      const failure = describeSendError(e);
      const now = new Date();
      if (failure.permanent || mail.attempts >= this.config.mail.maxAttempts) {
        this.logger.warn(`Mail ${mail.id} an ${mail.toAddress} endgültig fehlgeschlagen: ${failure.reason}`);
        return this.record(mail.id, token, { status: 'failed', lastError: failure.reason }, 'failed');
      }
      const next = new Date(now.getTime() + retryDelaySeconds(mail.attempts, this.config.mail.retrySeconds) * 1000);
      this.logger.warn(`Mail ${mail.id} an ${mail.toAddress}: Versuch ${mail.attempts} fehlgeschlagen (${failure.reason}); nächster Versuch ${next.toISOString()}`);
      return this.record(mail.id, token, { status: 'queued', lastError: failure.reason, nextAttemptAt: next }, 'retry');
    }
    const sent: Partial<OutboxMail> = { status: 'sent', sentAt: new Date(), deliveredVia: transport.kind, deliveryNote: note.slice(0, 500), lastError: null };
    if (mail.scrubAfterSend) sent.textBody = SCRUBBED_BODY;
    return this.record(mail.id, token, sent, 'sent');
  }

  private async record(id: number, token: string, values: Partial<OutboxMail>, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    const result = await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(OutboxMail)
        .set({ ...values, claimToken: null, claimedAt: null, updatedAt: new Date() })
        .where('id = :id AND claim_token = :token', { id, token })
        .execute(),
    );
    if ((result.affected ?? 0) === 0) {
      this.logger.warn(`Mail ${id}: Der Anspruch war abgelaufen und wurde von einem anderen Prozess übernommen.`);
      return 'lost-claim';
    }
    return outcome;
  }
}

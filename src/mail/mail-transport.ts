import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { AppConfig, SmtpConfig } from '../config/app-config.js';
import type { MailKind, OutboxMail } from './outbox-mail.entity.js';

/** How long one send may take at most; kept well below the lease so a live worker never loses its claim. */
export function sendTimeoutMs(leaseSeconds: number): number {
  return Math.max(1000, Math.min(120_000, Math.floor((leaseSeconds * 1000) / 2)));
}

/** Delivers one message; resolves with a note (the SMTP server's answer, or the file name). */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutboxMail, signal: AbortSignal): Promise<string>;
  close(): void;
}

/** German names of the .eml files' kinds, so the outbox folder reads well in a file manager. */
const FILE_KIND: Record<MailKind, string> = {
  invitation: 'einladung',
  update: 'aenderung',
  cancellation: 'absage',
  reminder: 'erinnerung',
  action_item_reminder: 'aufgabe',
  set_password: 'passwort-link',
  minutes_circulated: 'protokoll',
  poll: 'terminumfrage',
  poll_reminder: 'terminumfrage-erinnerung',
  poll_outcome: 'terminumfrage-ergebnis',
  change_request: 'aenderungswunsch',
  email_change: 'email-aenderung',
  circular: 'rundschreiben',
};

/** The message exactly as queued: Message-ID and Date are the ones fixed at queue time. */
export function messageOptions(mail: OutboxMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.toName ? { name: mail.toName, address: mail.toAddress } : mail.toAddress,
    replyTo: mail.replyTo ?? undefined,
    subject: mail.subject,
    text: mail.textBody,
    html: mail.htmlBody ?? undefined,
    messageId: mail.messageId,
    date: mail.createdAt,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
      ...(mail.listId ? { 'List-Id': mail.listId } : {}),
      // RFC 8058: one click (a POST of "List-Unsubscribe=One-Click" to this https URL) unsubscribes
      ...(mail.listUnsubscribe ? { 'List-Unsubscribe': `<${mail.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    icalEvent:
      mail.calendarMethod && mail.calendarContent
        ? { method: mail.calendarMethod, filename: mail.calendarMethod === 'CANCEL' ? 'absage.ics' : 'einladung.ics', content: mail.calendarContent }
        : undefined,
  };
}

/** The .eml file name of a mail: creation time, id and kind — the same on every attempt. */
export function outboxFileName(mail: Pick<OutboxMail, 'id' | 'kind' | 'createdAt'>): string {
  const stamp = DateTime.fromJSDate(mail.createdAt, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  return `${stamp}-${String(mail.id).padStart(6, '0')}-${FILE_KIND[mail.kind]}.eml`;
}

/** SMTP with nodemailer: host, port, implicit TLS or STARTTLS, optional login, bounded timeouts. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter;

  constructor(
    smtp: SmtpConfig,
    private readonly from: string,
    heloName: string,
  ) {
    this.transporter = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      auth: smtp.user !== null && smtp.password !== null ? { user: smtp.user, pass: smtp.password } : undefined,
      // certificates are always checked; an in-house CA can be added with SMTP_CA_FILE
      tls: { minVersion: 'TLSv1.2', ...(smtp.caFile ? { ca: readFileSync(smtp.caFile) } : {}) },
      name: heloName,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      dnsTimeout: 30_000,
    });
  }

  async send(mail: OutboxMail, signal: AbortSignal): Promise<string> {
    const info = await this.transporter.sendMail({ ...messageOptions(mail, this.from), signal });
    return (typeof info.response === 'string' ? info.response : 'angenommen').slice(0, 500);
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Without an SMTP server: each mail becomes an .eml file in the outbox folder (written to a temporary
 * name and renamed, so a file is either complete or absent). Sending the same mail again rewrites the
 * same file — never a second copy.
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'file' as const;
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {}

  async send(mail: OutboxMail): Promise<string> {
    const info = await this.composer.sendMail(messageOptions(mail, this.from));
    const message = info.message;
    if (!Buffer.isBuffer(message)) throw new Error('Die Nachricht konnte nicht zusammengesetzt werden.');
    await mkdir(this.dir, { recursive: true });
    const name = outboxFileName(mail);
    const temporary = join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(temporary, message);
    await rename(temporary, join(this.dir, name));
    return name;
  }

  close(): void {
    this.composer.close();
  }
}

/** The outbox folder: MAIL_OUTBOX_DIR, else `outbox` beside the SQLite file (data/outbox by default). */
export function outboxDir(config: AppConfig): string {
  return config.mail.outboxDir ?? join(config.databasePath === ':memory:' ? 'data' : join(config.databasePath, '..'), 'outbox');
}

export function createMailTransport(config: AppConfig): MailTransport {
  if (config.mail.smtp) return new SmtpMailTransport(config.mail.smtp, config.mail.from, new URL(config.baseUrl).hostname);
  return new FileMailTransport(outboxDir(config), config.mail.from);
}

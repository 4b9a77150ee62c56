import { existsSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { Transform } from 'class-transformer';
import { GERMAN_STATE_CODES, type GermanState } from './german-states.js';

export type NodeEnv = 'development' | 'production' | 'test';

/** The validated, typed configuration of one running app. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  baseUrl: string;
  databasePath: string;
  seedOnStart: boolean;
  seedDemo: boolean;
  siteName: string;
  backupDir: string;
  backupKeep: number;
  /** Daily backup inside the app at this Berlin time ("03:00"); null → off (the default). */
  backupTime: string | null;
  /** Email of the administrator account created on first start (auth). */
  adminEmail: string;
  /** Its password; null → a random one is generated, logged once and must be changed at first login. */
  adminPassword: string | null;
  /** Where visitors report accessibility barriers (Erklärung zur Barrierefreiheit); default: adminEmail. */
  accessibilityContact: string;
  /** Signs the session cookie; null → a random secret is created once and kept in the database. */
  sessionSecret: string | null;
  /** A session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** …and at the latest this many hours after login. */
  sessionMaxHours: number;
  /** Express "trust proxy" setting (hop count, "loopback", addresses/subnets); null → no proxy trusted. */
  trustProxy: string | null;
  /** `text` (coloured lines for a terminal) or `json` (one object per line, for log collectors). */
  logFormat: 'text' | 'json';
  logLevel: LogLevelName;
  /** postgres://… to run on PostgreSQL instead of the SQLite file; null → SQLite at databasePath. */
  databaseUrl: string | null;
  /** Outgoing mail (src/mail): SMTP when smtp.host is set, else .eml files in the outbox folder. */
  mail: MailConfig;
  /** Rendered answers for anonymous visitors, kept per data version (src/page-cache). */
  pageCache: PageCacheConfig;
  /** The German state whose public holidays the meeting planner warns about (REGION, default MV). */
  region: GermanState;
  /** Locality of a new meeting location and the place line of invitation letters without one (DEFAULT_LOCALITY). */
  defaultLocality: string;
  /** Meeting documents (src/documents): size limit per file and quota for all stored files. */
  documents: DocumentsConfig;
}

/** DOCUMENT_MAX_BYTES, DOCUMENT_QUOTA_BYTES. */
export interface DocumentsConfig {
  /** Largest file accepted (default 20 MB). */
  maxBytes: number;
  /** All stored files together (each distinct content counted once; default 2 GB). */
  quotaBytes: number;
  /** Whether this instance extracts the text of uploaded documents in the background (DOCUMENT_TEXT_WORKER, default true). */
  textWorker: boolean;
}

export interface PageCacheConfig {
  /** An answer is rendered again after this many seconds even without a change; 0 turns the cache off. */
  ttlSeconds: number;
  /** Memory for stored answers, in MB. */
  maxMegabytes: number;
}

/** Mail settings (SMTP_*, MAIL_*, RSVP_*, REMINDER_*). */
export interface MailConfig {
  smtp: SmtpConfig | null;
  /** From header: "Name <address>". */
  from: string;
  /** Folder for .eml files when no SMTP server is configured; null → `outbox` beside the SQLite file. */
  outboxDir: string | null;
  /** Whether this instance runs the sending worker and the reminder job (several instances may). */
  worker: boolean;
  pollSeconds: number;
  maxAttempts: number;
  /** First retry after this many seconds, doubling with every further attempt (capped at 6 hours). */
  retrySeconds: number;
  /** A claimed mail may be taken over by another worker after this many seconds (crash recovery). */
  leaseSeconds: number;
  /** Signs the RSVP links in invitations; null → a random secret kept in the database. */
  rsvpSecret: string | null;
  /** Reminder to members who have not answered, this many days before a meeting (0 = none); a body may set its own. */
  reminderDaysBefore: number;
  /** Reminder to the responsible person this many days before an action item is due (0 = none). */
  actionItemReminderDays: number;
  /** How often the reminder job looks for due reminders. */
  reminderIntervalMinutes: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: boolean;
  /** true: refuse to send without STARTTLS. */
  requireTls: boolean;
  /** PEM file with the CA certificate(s) to trust besides the system's (a mail server with an in-house CA); null → system CAs only. */
  caFile: string | null;
  user: string | null;
  password: string | null;
}

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const toBool = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'ja'].includes(v)) return true;
  if (['false', '0', 'no', 'nein'].includes(v)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
};

/** The environment variables we read; every one is optional and has a default. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV muss development, production oder test sein' })
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PORT muss eine ganze Zahl sein' })
  @Min(0, { message: 'PORT muss zwischen 0 und 65535 liegen' })
  @Max(65535, { message: 'PORT muss zwischen 0 und 65535 liegen' })
  PORT?: number;

  @IsOptional()
  @IsString({ message: 'HOST muss ein Text sein' })
  @MinLength(1, { message: 'HOST darf nicht leer sein' })
  HOST?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'BASE_URL muss eine http(s)-Adresse sein, z. B. https://netzwerk.example.org' })
  BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'DATABASE_PATH darf nicht leer sein' })
  DATABASE_PATH?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SEED_DEMO muss true oder false sein' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SEED_ON_START muss true oder false sein' })
  SEED_ON_START?: boolean;

  @IsOptional()
  @IsString({ message: 'SITE_NAME muss ein Text sein' })
  @MinLength(1, { message: 'SITE_NAME darf nicht leer sein' })
  SITE_NAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'BACKUP_DIR darf nicht leer sein' })
  BACKUP_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'BACKUP_KEEP muss eine ganze Zahl sein' })
  @Min(1, { message: 'BACKUP_KEEP muss mindestens 1 sein' })
  @Max(1000, { message: 'BACKUP_KEEP darf höchstens 1000 sein' })
  BACKUP_KEEP?: number;

  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'BACKUP_TIME muss eine Uhrzeit im Format HH:MM sein, z. B. 03:00' })
  BACKUP_TIME?: string;

  @IsOptional()
  @IsEmail({ require_tld: false }, { message: 'ADMIN_EMAIL muss eine E-Mail-Adresse sein, z. B. admin@example.org' })
  @MaxLength(254, { message: 'ADMIN_EMAIL darf höchstens 254 Zeichen lang sein' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsEmail({ require_tld: false }, { message: 'ACCESSIBILITY_CONTACT muss eine E-Mail-Adresse sein, z. B. barrierefreiheit@example.org' })
  @MaxLength(254, { message: 'ACCESSIBILITY_CONTACT darf höchstens 254 Zeichen lang sein' })
  ACCESSIBILITY_CONTACT?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD muss mindestens 10 Zeichen lang sein' })
  @MaxLength(256, { message: 'ADMIN_PASSWORD darf höchstens 256 Zeichen lang sein' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET muss mindestens 32 Zeichen lang sein' })
  SESSION_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SESSION_IDLE_MINUTES muss eine ganze Zahl sein' })
  @Min(5, { message: 'SESSION_IDLE_MINUTES muss zwischen 5 und 1440 liegen' })
  @Max(1440, { message: 'SESSION_IDLE_MINUTES muss zwischen 5 und 1440 liegen' })
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SESSION_MAX_HOURS muss eine ganze Zahl sein' })
  @Min(1, { message: 'SESSION_MAX_HOURS muss zwischen 1 und 168 liegen' })
  @Max(168, { message: 'SESSION_MAX_HOURS muss zwischen 1 und 168 liegen' })
  SESSION_MAX_HOURS?: number;

  @IsOptional()
  @IsString()
  @Matches(/^(\d{1,2}|true|false|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/, {
    message: 'TRUST_PROXY muss eine Anzahl Proxys (z. B. 1), loopback, uniquelocal oder eine Liste von Adressen/Netzen sein',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['text', 'json'], { message: 'LOG_FORMAT muss text oder json sein' })
  LOG_FORMAT?: 'text' | 'json';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: 'LOG_LEVEL muss error, warn, log, debug oder verbose sein' })
  LOG_LEVEL?: LogLevelName;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL muss eine postgres://-Adresse sein, z. B. postgres://netzwerk:geheim@localhost:5432/netzwerk' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PAGE_CACHE_SECONDS muss eine ganze Zahl sein' })
  @Min(0, { message: 'PAGE_CACHE_SECONDS muss zwischen 0 und 3600 liegen (0: kein Seitencache)' })
  @Max(3600, { message: 'PAGE_CACHE_SECONDS muss zwischen 0 und 3600 liegen (0: kein Seitencache)' })
  PAGE_CACHE_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PAGE_CACHE_MB muss eine ganze Zahl sein' })
  @Min(1, { message: 'PAGE_CACHE_MB muss zwischen 1 und 1024 liegen' })
  @Max(1024, { message: 'PAGE_CACHE_MB muss zwischen 1 und 1024 liegen' })
  PAGE_CACHE_MB?: number;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value))
  @IsIn(GERMAN_STATE_CODES, { message: `REGION muss das Kürzel eines Bundeslandes sein (${GERMAN_STATE_CODES.join(', ')}), z. B. MV` })
  REGION?: GermanState;

  @IsOptional()
  @Matches(/^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u, { message: 'DEFAULT_LOCALITY muss ein Ortsname sein, z. B. Schwerin' })
  @MaxLength(100, { message: 'DEFAULT_LOCALITY darf höchstens 100 Zeichen lang sein' })
  DEFAULT_LOCALITY?: string;

  // --- documents (src/documents) ---

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'DOCUMENT_MAX_BYTES muss eine ganze Zahl (Bytes) sein, z. B. 20971520 für 20 MB' })
  @Min(1, { message: 'DOCUMENT_MAX_BYTES muss zwischen 1 und 209715200 (200 MB) liegen' })
  @Max(209715200, { message: 'DOCUMENT_MAX_BYTES muss zwischen 1 und 209715200 (200 MB) liegen' })
  DOCUMENT_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'DOCUMENT_QUOTA_BYTES muss eine ganze Zahl (Bytes) sein, z. B. 2147483648 für 2 GB' })
  @Min(1, { message: 'DOCUMENT_QUOTA_BYTES muss mindestens 1 sein' })
  DOCUMENT_QUOTA_BYTES?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DOCUMENT_TEXT_WORKER muss true oder false sein' })
  DOCUMENT_TEXT_WORKER?: boolean;

  // --- mail (src/mail) ---

  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]+\]?$/, { message: 'SMTP_HOST muss ein Rechnername oder eine IP-Adresse sein, z. B. mail.example.org' })
  SMTP_HOST?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SMTP_PORT muss eine ganze Zahl sein' })
  @Min(1, { message: 'SMTP_PORT muss zwischen 1 und 65535 liegen' })
  @Max(65535, { message: 'SMTP_PORT muss zwischen 1 und 65535 liegen' })
  SMTP_PORT?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SMTP_SECURE muss true oder false sein (true: TLS ab dem ersten Byte, üblich auf Port 465)' })
  SMTP_SECURE?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SMTP_REQUIRE_TLS muss true oder false sein' })
  SMTP_REQUIRE_TLS?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'SMTP_CA_FILE darf nicht leer sein' })
  SMTP_CA_FILE?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'SMTP_USER darf nicht leer sein' })
  @MaxLength(254, { message: 'SMTP_USER darf höchstens 254 Zeichen lang sein' })
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'SMTP_PASSWORD darf nicht leer sein' })
  @MaxLength(1000, { message: 'SMTP_PASSWORD darf höchstens 1000 Zeichen lang sein' })
  SMTP_PASSWORD?: string;

  @IsOptional()
  @Matches(/^(?:[^<>\r\n]{0,200}<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM muss eine Absenderadresse sein, z. B. netzwerk@example.org oder "Netzwerk Migration <netzwerk@example.org>"',
  })
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'MAIL_OUTBOX_DIR darf nicht leer sein' })
  MAIL_OUTBOX_DIR?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'MAIL_WORKER muss true oder false sein' })
  MAIL_WORKER?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAIL_POLL_SECONDS muss eine ganze Zahl sein' })
  @Min(1, { message: 'MAIL_POLL_SECONDS muss zwischen 1 und 3600 liegen' })
  @Max(3600, { message: 'MAIL_POLL_SECONDS muss zwischen 1 und 3600 liegen' })
  MAIL_POLL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAIL_MAX_ATTEMPTS muss eine ganze Zahl sein' })
  @Min(1, { message: 'MAIL_MAX_ATTEMPTS muss zwischen 1 und 50 liegen' })
  @Max(50, { message: 'MAIL_MAX_ATTEMPTS muss zwischen 1 und 50 liegen' })
  MAIL_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAIL_RETRY_SECONDS muss eine ganze Zahl sein' })
  @Min(1, { message: 'MAIL_RETRY_SECONDS muss zwischen 1 und 86400 liegen' })
  @Max(86400, { message: 'MAIL_RETRY_SECONDS muss zwischen 1 und 86400 liegen' })
  MAIL_RETRY_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAIL_LEASE_SECONDS muss eine ganze Zahl sein' })
  @Min(60, { message: 'MAIL_LEASE_SECONDS muss zwischen 60 und 86400 liegen' })
  @Max(86400, { message: 'MAIL_LEASE_SECONDS muss zwischen 60 und 86400 liegen' })
  MAIL_LEASE_SECONDS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'RSVP_SECRET muss mindestens 32 Zeichen lang sein' })
  RSVP_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'REMINDER_DAYS_BEFORE muss eine ganze Zahl sein' })
  @Min(0, { message: 'REMINDER_DAYS_BEFORE muss zwischen 0 und 60 liegen (0: keine Erinnerung)' })
  @Max(60, { message: 'REMINDER_DAYS_BEFORE muss zwischen 0 und 60 liegen (0: keine Erinnerung)' })
  REMINDER_DAYS_BEFORE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'ACTION_ITEM_REMINDER_DAYS muss eine ganze Zahl sein' })
  @Min(0, { message: 'ACTION_ITEM_REMINDER_DAYS muss zwischen 0 und 60 liegen (0: keine Erinnerung)' })
  @Max(60, { message: 'ACTION_ITEM_REMINDER_DAYS muss zwischen 0 und 60 liegen (0: keine Erinnerung)' })
  ACTION_ITEM_REMINDER_DAYS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'REMINDER_INTERVAL_MINUTES muss eine ganze Zahl sein' })
  @Min(1, { message: 'REMINDER_INTERVAL_MINUTES muss zwischen 1 und 1440 liegen' })
  @Max(1440, { message: 'REMINDER_INTERVAL_MINUTES muss zwischen 1 und 1440 liegen' })
  REMINDER_INTERVAL_MINUTES?: number;
}

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set(['ADMIN_PASSWORD', 'SESSION_SECRET', 'DATABASE_URL', 'SMTP_PASSWORD', 'SMTP_USER', 'RSVP_SECRET']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Die Konfiguration ist ungültig:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) => `${msg} (gesetzt: ${SECRET_VARIABLES.has(e.property) ? '(verborgen)' : JSON.stringify(env[e.property])})`),
    );
    // Min and Max share one message ("zwischen … liegen"); say it once.
    throw new ConfigError([...new Set(problems)]);
  }
  const mailProblems = mailConfigProblems(raw);
  if (mailProblems.length > 0) throw new ConfigError(mailProblems);
  const nodeEnv: NodeEnv = raw.NODE_ENV ?? 'development';
  const port = raw.PORT ?? 3000;
  const host = raw.HOST ?? '127.0.0.1';
  const baseUrl = (raw.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    nodeEnv,
    port,
    host,
    baseUrl,
    databasePath: raw.DATABASE_PATH ?? 'data/netzwerk.sqlite',
    seedOnStart: raw.SEED_ON_START ?? true,
    seedDemo: raw.SEED_DEMO ?? nodeEnv !== 'production',
    siteName: raw.SITE_NAME ?? 'Netzwerk Migration',
    backupDir: raw.BACKUP_DIR ?? 'data/backups',
    backupKeep: raw.BACKUP_KEEP ?? 14,
    backupTime: raw.BACKUP_TIME ?? null,
    adminEmail: (raw.ADMIN_EMAIL ?? 'admin@localhost').trim().toLowerCase(),
    adminPassword: raw.ADMIN_PASSWORD ?? null,
    accessibilityContact: (raw.ACCESSIBILITY_CONTACT ?? raw.ADMIN_EMAIL ?? 'admin@localhost').trim(),
    sessionSecret: raw.SESSION_SECRET ?? null,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES ?? 120,
    sessionMaxHours: raw.SESSION_MAX_HOURS ?? 12,
    trustProxy: raw.TRUST_PROXY?.trim() ?? null,
    logFormat: raw.LOG_FORMAT ?? 'text',
    logLevel: raw.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'log'),
    databaseUrl: raw.DATABASE_URL ?? null,
    mail: mailConfig(raw, baseUrl, raw.SITE_NAME ?? 'Netzwerk Migration'),
    pageCache: { ttlSeconds: raw.PAGE_CACHE_SECONDS ?? 60, maxMegabytes: raw.PAGE_CACHE_MB ?? 32 },
    region: raw.REGION ?? 'MV',
    defaultLocality: raw.DEFAULT_LOCALITY ?? 'Schwerin',
    documents: { maxBytes: raw.DOCUMENT_MAX_BYTES ?? 20 * 1024 * 1024, quotaBytes: raw.DOCUMENT_QUOTA_BYTES ?? 2 * 1024 * 1024 * 1024, textWorker: raw.DOCUMENT_TEXT_WORKER ?? true },
  };
}

/** Rules that span several mail variables (each variable alone is valid). */
function mailConfigProblems(raw: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const smtpOnly = (['SMTP_PORT', 'SMTP_SECURE', 'SMTP_REQUIRE_TLS', 'SMTP_CA_FILE', 'SMTP_USER', 'SMTP_PASSWORD'] as const).filter((k) => raw[k] !== undefined);
  if (raw.SMTP_HOST === undefined && smtpOnly.length > 0) {
    problems.push(`${smtpOnly.join(', ')} ${smtpOnly.length === 1 ? 'ist' : 'sind'} gesetzt, aber SMTP_HOST fehlt: ohne SMTP_HOST gehen Mails in den lokalen Postausgang`);
  }
  if ((raw.SMTP_USER === undefined) !== (raw.SMTP_PASSWORD === undefined)) {
    problems.push('SMTP_USER und SMTP_PASSWORD gehören zusammen: bitte beide setzen oder beide weglassen');
  }
  if (raw.SMTP_CA_FILE !== undefined && !existsSync(raw.SMTP_CA_FILE)) {
    problems.push(`SMTP_CA_FILE: Die Datei ${JSON.stringify(raw.SMTP_CA_FILE)} gibt es nicht`);
  }
  if (raw.SMTP_SECURE === true && raw.SMTP_REQUIRE_TLS === true) {
    problems.push('SMTP_REQUIRE_TLS gilt nur für STARTTLS; mit SMTP_SECURE=true ist die Verbindung ohnehin verschlüsselt – bitte nur eins von beiden setzen');
  }
  return problems;
}

function mailConfig(raw: EnvironmentVariables, baseUrl: string, siteName: string): MailConfig {
  const secure = raw.SMTP_SECURE ?? raw.SMTP_PORT === 465;
  const host = new URL(baseUrl).hostname;
  const neutralFrom = `${siteName.replace(/["<>\r\n]/g, '')} <noreply@${host.includes('.') ? host : `${host}.invalid`}>`;
  return {
    smtp: raw.SMTP_HOST
      ? {
          host: raw.SMTP_HOST,
          port: raw.SMTP_PORT ?? (secure ? 465 : 587),
          secure,
          requireTls: raw.SMTP_REQUIRE_TLS ?? false,
          caFile: raw.SMTP_CA_FILE ?? null,
          user: raw.SMTP_USER ?? null,
          password: raw.SMTP_PASSWORD ?? null,
        }
      : null,
    from: raw.MAIL_FROM?.trim() ?? neutralFrom,
    outboxDir: raw.MAIL_OUTBOX_DIR ?? null,
    worker: raw.MAIL_WORKER ?? true,
    pollSeconds: raw.MAIL_POLL_SECONDS ?? 5,
    maxAttempts: raw.MAIL_MAX_ATTEMPTS ?? 8,
    retrySeconds: raw.MAIL_RETRY_SECONDS ?? 60,
    leaseSeconds: raw.MAIL_LEASE_SECONDS ?? 300,
    rsvpSecret: raw.RSVP_SECRET ?? null,
    reminderDaysBefore: raw.REMINDER_DAYS_BEFORE ?? 3,
    actionItemReminderDays: raw.ACTION_ITEM_REMINDER_DAYS ?? 3,
    reminderIntervalMinutes: raw.REMINDER_INTERVAL_MINUTES ?? 60,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { Transform } from 'class-transformer';

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
  /** Email of the administrator account created on first start (auth). */
  adminEmail: string;
  /** Its password; null → a random one is generated, logged once and must be changed at first login. */
  adminPassword: string | null;
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
  @IsEmail({ require_tld: false }, { message: 'ADMIN_EMAIL muss eine E-Mail-Adresse sein, z. B. admin@example.org' })
  @MaxLength(254, { message: 'ADMIN_EMAIL darf höchstens 254 Zeichen lang sein' })
  ADMIN_EMAIL?: string;

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
}

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set(['ADMIN_PASSWORD', 'SESSION_SECRET', 'DATABASE_URL']);

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
    adminEmail: (raw.ADMIN_EMAIL ?? 'admin@localhost').trim().toLowerCase(),
    adminPassword: raw.ADMIN_PASSWORD ?? null,
    sessionSecret: raw.SESSION_SECRET ?? null,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES ?? 120,
    sessionMaxHours: raw.SESSION_MAX_HOURS ?? 12,
    trustProxy: raw.TRUST_PROXY?.trim() ?? null,
    logFormat: raw.LOG_FORMAT ?? 'text',
    logLevel: raw.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'log'),
    databaseUrl: raw.DATABASE_URL ?? null,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

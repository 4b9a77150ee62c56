import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';
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
}

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
  @IsString()
  @MinLength(1)
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
  @IsString()
  @MinLength(1)
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
}

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
      Object.values(e.constraints ?? {}).map((msg) => `${msg} (gesetzt: ${JSON.stringify(env[e.property])})`),
    );
    throw new ConfigError(problems);
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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

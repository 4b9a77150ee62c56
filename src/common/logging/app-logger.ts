import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { type AppConfig, LOG_LEVELS } from '../../config/app-config.js';

/** Nest's own logger: JSON lines with LOG_FORMAT=json, coloured text otherwise; levels from LOG_LEVEL up. */
export function createAppLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): ConsoleLogger {
  const upTo = LOG_LEVELS.indexOf(config.logLevel);
  const levels: LogLevel[] = [...LOG_LEVELS.slice(0, upTo + 1), 'fatal'];
  return new ConsoleLogger({ json: config.logFormat === 'json', colors: config.logFormat !== 'json', logLevels: levels, prefix: 'Netzwerk' });
}

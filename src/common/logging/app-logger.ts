import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { type AppConfig, LOG_LEVELS } from '../../config/app-config.js';

/**
 * Nest's console logger with its timestamp formatted once per second: Nest formats it with
 * Intl.DateTimeFormat for every line, which was 3 % of a cached member page's CPU time (one request
 * line per request). Same text, to the second.
 */
class AppLogger extends ConsoleLogger {
  private second = -1;
  private stamp = '';

  protected override getTimestamp(): string {
    const now = Math.floor(Date.now() / 1000);
    if (now !== this.second) {
      this.second = now;
      this.stamp = super.getTimestamp();
    }
    return this.stamp;
  }
}

/** Nest's own logger: JSON lines with LOG_FORMAT=json, coloured text otherwise; levels from LOG_LEVEL up. */
export function createAppLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): ConsoleLogger {
  const upTo = LOG_LEVELS.indexOf(config.logLevel);
  const levels: LogLevel[] = [...LOG_LEVELS.slice(0, upTo + 1), 'fatal'];
  return new AppLogger({ json: config.logFormat === 'json', colors: config.logFormat !== 'json', logLevels: levels, prefix: 'Netzwerk' });
}

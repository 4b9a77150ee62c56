import { type EntityManager, EventSubscriber } from 'typeorm';
import { VersionRowSubscriber } from '../database/version-row.js';
import { bumpCalendarVersion } from './calendar-data-version.js';

/** Tables whose rows end up in a feed: meetings and their agendas and places, bodies, members, names and emails. */
const FEED_TABLES = new Set(['meetings', 'agenda_items', 'locations', 'attendances', 'bodies', 'memberships', 'people', 'person_emails']);

/**
 * Raises the calendar data version with every write to a table that feeds are built from, so a
 * feed's cache key is one primary-key read instead of scanning those tables on every poll.
 */
@EventSubscriber()
export class CalendarVersionSubscriber extends VersionRowSubscriber {
  protected watches(tableName: string): boolean {
    return FEED_TABLES.has(tableName);
  }
  protected bump(manager: EntityManager): Promise<void> {
    return bumpCalendarVersion(manager);
  }
}

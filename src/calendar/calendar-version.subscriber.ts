import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type RemoveEvent, type SoftRemoveEvent, type UpdateEvent } from 'typeorm';
import { bumpCalendarVersion } from './calendar-data-version.js';

/** Tables whose rows end up in a feed: meetings and their agendas and places, bodies, members, names and emails. */
const FEED_TABLES = new Set(['meetings', 'agenda_items', 'locations', 'attendances', 'bodies', 'memberships', 'people', 'person_emails']);

type AnyEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown> | SoftRemoveEvent<unknown>;

/**
 * Raises the calendar data version in the same transaction as every write to a table that feeds
 * are built from — through repositories and query builders alike — so a feed's cache key is one
 * primary-key read instead of scanning those tables on every poll, and no writer can forget it.
 */
@EventSubscriber()
export class CalendarVersionSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterUpdate(event: UpdateEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterRemove(event: RemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterSoftRemove(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }
  afterRecover(event: SoftRemoveEvent<unknown>): Promise<void> {
    return this.bump(event);
  }

  private async bump(event: AnyEvent): Promise<void> {
    if (FEED_TABLES.has(event.metadata.tableName)) await bumpCalendarVersion(event.manager);
  }
}

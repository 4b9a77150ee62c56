import type { EntityManager } from 'typeorm';
import { bumpVersionRow } from '../database/version-row.js';
import { CalendarDataVersion } from './calendar-data-version.entity.js';

/**
 * Raise the calendar data version inside the caller's write transaction. Every write that can
 * change a feed (meetings, agenda, locations) calls this, so cached feeds on every app instance
 * see that they are stale.
 */
export function bumpCalendarVersion(manager: EntityManager, now: Date = new Date()): Promise<void> {
  return bumpVersionRow(manager, CalendarDataVersion, now);
}

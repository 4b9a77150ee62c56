import type { EntityManager } from 'typeorm';
import { CalendarDataVersion } from './calendar-data-version.entity.js';

/**
 * Raise the calendar data version inside the caller's write transaction. Every write that can
 * change a feed (meetings, agenda, locations) calls this, so cached feeds on every app instance
 * see that they are stale.
 */
export async function bumpCalendarVersion(manager: EntityManager, now: Date = new Date()): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(CalendarDataVersion)
    .set({ version: () => 'version + 1', changedAt: now })
    .where('id = :id', { id: 1 })
    .execute();
  if (!result.affected) {
    await manager.getRepository(CalendarDataVersion).insert({ id: 1, version: 1, changedAt: now });
  }
}

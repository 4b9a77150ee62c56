import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';

/** The next moment after `now` at which the Berlin wall clock shows `time` ("03:00"), correct across DST. */
export function nextBackupAt(time: string, now: Date): Date {
  const [hour, minute] = time.split(':').map(Number);
  const local = DateTime.fromJSDate(now).setZone(ZONE);
  let next = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 }).set({ hour, minute });
  return next.toJSDate();
}

import { getHolidays } from 'feiertagejs';
import { isoDate, type LocalDate } from '../common/berlin-time.js';
import type { GermanState } from '../config/german-states.js';

export interface PublicHoliday {
  date: LocalDate;
  /** The German name, as the warnings and the month view show it. */
  name: string;
}

/** Names as the holiday laws write them where feiertagejs uses a colloquial one. */
const OFFICIAL_NAMES: Readonly<Record<string, string>> = {
  NEUJAHRSTAG: 'Neujahr',
  WELTFRAUENTAG: 'Internationaler Frauentag',
};

/** Holidays by region and year, each list computed once (the month view asks for every day). */
const cache = new Map<string, readonly PublicHoliday[]>();

/** Statutory public holidays of one German state in one year, in date order (from feiertagejs). */
export function publicHolidays(year: number, region: GermanState): readonly PublicHoliday[] {
  const key = `${region} ${year}`;
  let list = cache.get(key);
  if (!list) {
    list = getHolidays(year, region)
      .map((h): PublicHoliday => {
        const [y, m, d] = h.dateString.split('-').map(Number);
        return { date: { year: y, month: m, day: d }, name: OFFICIAL_NAMES[h.name] ?? h.translate('de') ?? h.name };
      })
      .sort((a, b) => (isoDate(a.date) < isoDate(b.date) ? -1 : 1));
    if (cache.size >= 200) cache.clear();
    cache.set(key, list);
  }
  return list;
}

/** The name of the public holiday in that German state on that date, or null. */
export function holidayOn(date: LocalDate, region: GermanState): string | null {
  const key = isoDate(date);
  return publicHolidays(date.year, region).find((h) => isoDate(h.date) === key)?.name ?? null;
}

import { DateTime } from 'luxon';
import { ZONE } from './dates.js';

/** A calendar date without a time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time without a date. */
export interface LocalTime {
  hour: number;
  minute: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A Berlin wall-clock time resolved to one UTC instant; `notice` explains an ambiguous (doubled) hour. */
export interface ResolvedInstant {
  instant: Date;
  notice: string | null;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-03-26" */
export function isoDate(d: LocalDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** "26.03.2026" */
export function germanDate(d: LocalDate): string {
  return `${pad(d.day)}.${pad(d.month)}.${d.year}`;
}

/** "18:00" */
export function formatTime(t: LocalTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * Reads a date as browsers send it from <input type="date"> ("2026-03-26") or as people type it
 * ("26.03.2026", "26.3.2026"). Rejects dates that do not exist, such as 31.02.
 */
export function parseLocalDate(raw: unknown): Parsed<LocalDate> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: false, error: 'Bitte ein Datum angeben.' };
  let parts: [number, number, number] | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const german = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (german) parts = [Number(german[3]), Number(german[2]), Number(german[1])];
  if (!parts) return { ok: false, error: 'Bitte das Datum im Format TT.MM.JJJJ angeben, z. B. 26.03.2026.' };
  const [year, month, day] = parts;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, error: `Bitte ein Jahr zwischen ${MIN_YEAR} und ${MAX_YEAR} angeben.` };
  }
  const dt = DateTime.fromObject({ year, month, day }, { zone: ZONE });
  if (!dt.isValid || dt.month !== month || dt.day !== day) {
    return { ok: false, error: `Den ${pad(day)}.${pad(month)}.${year} gibt es nicht. Bitte ein gültiges Datum angeben.` };
  }
  return { ok: true, value: { year, month, day } };
}

/** Reads "18:00", "9:30", "18.00" or "18" (whole hour). */
export function parseLocalTime(raw: unknown): Parsed<LocalTime> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: false, error: 'Bitte eine Uhrzeit angeben.' };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?$/i.exec(text);
  if (!m) return { ok: false, error: 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 18:00.' };
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return { ok: false, error: `Die Uhrzeit ${text} gibt es nicht. Bitte zwischen 00:00 und 23:59 angeben.` };
  return { ok: true, value: { hour, minute } };
}

/** Every UTC instant whose Berlin wall clock shows exactly this date and time: none (gap), one, or two (fold). */
export function berlinInstantsFor(date: LocalDate, time: LocalTime): Date[] {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set<number>();
  for (const probeHours of [-26, -3, 0, 3, 26]) {
    offsets.add(DateTime.fromMillis(wallAsUtc + probeHours * 3_600_000, { zone: ZONE }).offset);
  }
  const found: number[] = [];
  for (const offset of offsets) {
    const candidate = wallAsUtc - offset * 60_000;
    const back = DateTime.fromMillis(candidate, { zone: ZONE });
    if (
      back.year === date.year &&
      back.month === date.month &&
      back.day === date.day &&
      back.hour === time.hour &&
      back.minute === time.minute &&
      !found.includes(candidate)
    ) {
      found.push(candidate);
    }
  }
  return found.sort((a, b) => a - b).map((ms) => new Date(ms));
}

/**
 * A Berlin wall-clock date and time → the UTC instant to store.
 * A time skipped when the clocks go forward (e.g. 29.03.2026 02:30) is an error; a time that occurs
 * twice when they go back (e.g. 25.10.2026 02:30) resolves to the first occurrence (summer time) and
 * carries a notice for the user.
 */
export function berlinToUtc(date: LocalDate, time: LocalTime): Parsed<ResolvedInstant> {
  const instants = berlinInstantsFor(date, time);
  if (instants.length === 0) {
    return {
      ok: false,
      error: `Am ${germanDate(date)} gibt es die Uhrzeit ${formatTime(time)} in Deutschland nicht: In dieser Nacht wird die Uhr von 2:00 auf 3:00 Uhr vorgestellt (Beginn der Sommerzeit). Bitte eine andere Uhrzeit wählen.`,
    };
  }
  const notice =
    instants.length > 1
      ? `Die Uhrzeit ${formatTime(time)} gibt es am ${germanDate(date)} zweimal, weil die Uhr von 3:00 auf 2:00 Uhr zurückgestellt wird (Ende der Sommerzeit). Eingetragen ist die erste, noch in der Sommerzeit (MESZ).`
      : null;
  return { ok: true, value: { instant: instants[0], notice } };
}

/** A stored instant as Berlin form values: { date: "2026-03-26", time: "18:00" }. */
export function utcToBerlinFields(instant: Date): { date: string; time: string } {
  const dt = DateTime.fromJSDate(instant).setZone(ZONE);
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** The Berlin calendar date of an instant. */
export function berlinDateOf(instant: Date): LocalDate {
  const dt = DateTime.fromJSDate(instant).setZone(ZONE);
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** A calendar date moved by n days. */
export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(d: LocalDate): number {
  const w = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return isoDate(a) < isoDate(b) ? -1 : isoDate(a) > isoDate(b) ? 1 : 0;
}

import { formatDateTime } from '../common/dates.js';
import { addDays, berlinDateOf, compareDates, germanDate } from '../common/berlin-time.js';
import { GERMAN_STATES, type GermanState } from '../config/german-states.js';
import { holidayOn } from './holidays.js';
import type { MeetingState } from './meeting.entity.js';

/** A warning the chair sees before saving; they may save anyway. */
export interface MeetingWarning {
  code: 'same_location' | 'same_body' | 'shared_members' | 'holiday' | 'agenda_too_long' | 'notice_period' | 'ambiguous_time';
  message: string;
}

export interface PlannedMeeting {
  /** Absent for a meeting not saved yet. */
  id?: number;
  bodyId: number;
  startsAt: Date;
  endsAt: Date;
  locationId: number | null;
}

export interface ExistingMeeting {
  id: number;
  bodyId: number;
  bodyName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  locationId: number | null;
  locationName: string | null;
  state: MeetingState;
}

export interface ConflictContext {
  /** Current members (person ids) of every body involved. */
  membersByBody: ReadonlyMap<number, ReadonlySet<number>>;
  personNames: ReadonlyMap<number, string>;
  /** The installation's state (REGION), whose public holidays count. */
  region: GermanState;
}

export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

function describe(m: ExistingMeeting): string {
  return `„${m.title}“ (${m.bodyName}, ${formatDateTime(m.startsAt)})`;
}

/** Public holidays of the region on any Berlin calendar day the meeting touches. */
export function holidayWarnings(startsAt: Date, endsAt: Date, region: GermanState): MeetingWarning[] {
  const warnings: MeetingWarning[] = [];
  const last = berlinDateOf(new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1)));
  for (let d = berlinDateOf(startsAt), n = 0; compareDates(d, last) <= 0 && n < 31; d = addDays(d, 1), n++) {
    const name = holidayOn(d, region);
    if (name) {
      warnings.push({ code: 'holiday', message: `Der ${germanDate(d)} ist ${GERMAN_STATES[region].in} ein gesetzlicher Feiertag (${name}).` });
    }
  }
  return warnings;
}

/**
 * Conflicts of a planned meeting with existing ones: same location at an overlapping time, the same
 * body overlapping, members it shares with another body's overlapping meeting, and public holidays.
 * Cancelled meetings and the meeting itself never conflict.
 */
export function findConflicts(planned: PlannedMeeting, existing: readonly ExistingMeeting[], ctx: ConflictContext): MeetingWarning[] {
  const warnings: MeetingWarning[] = [];
  const others = existing.filter((m) => m.id !== planned.id && m.state !== 'cancelled' && overlaps(planned, m));
  for (const m of others) {
    if (planned.locationId !== null && m.locationId === planned.locationId) {
      warnings.push({
        code: 'same_location',
        message: `Der Ort ${m.locationName ? `„${m.locationName}“ ` : ''}ist zur selben Zeit schon belegt: ${describe(m)}.`,
      });
    }
    if (m.bodyId === planned.bodyId) {
      warnings.push({ code: 'same_body', message: `Das Gremium hat zur selben Zeit schon eine Sitzung: ${describe(m)}.` });
    } else {
      const mine = ctx.membersByBody.get(planned.bodyId) ?? new Set<number>();
      const theirs = ctx.membersByBody.get(m.bodyId) ?? new Set<number>();
      const shared = [...mine].filter((id) => theirs.has(id));
      if (shared.length > 0) {
        const names = shared.map((id) => ctx.personNames.get(id) ?? `Person ${id}`).sort((a, b) => a.localeCompare(b, 'de'));
        warnings.push({
          code: 'shared_members',
          message: `${names.join(', ')} ${shared.length === 1 ? 'ist' : 'sind'} auch Mitglied in „${m.bodyName}“, das zur selben Zeit tagt: ${describe(m)}.`,
        });
      }
    }
  }
  warnings.push(...holidayWarnings(planned.startsAt, planned.endsAt, ctx.region));
  return warnings;
}

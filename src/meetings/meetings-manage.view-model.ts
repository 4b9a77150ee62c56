import type { Body } from '../bodies/body.entity.js';
import type { SelectOption } from '../common/forms/form.js';
import type { Location } from './location.entity.js';
import type { Meeting } from './meeting.entity.js';
import { utcToBerlinFields } from '../common/berlin-time.js';
import type { MeetingField } from './meetings.forms.js';

export const bodyOptions = (bodies: Body[]): SelectOption[] => bodies.map((b) => ({ value: String(b.id), label: b.name }));

export const locationOptions = (locations: Location[]): SelectOption[] =>
  locations.map((l) => ({ value: String(l.id), label: [l.name, l.room ? `Raum ${l.room}` : null, l.locality].filter(Boolean).join(', ') }));

/** The meeting form filled from a stored meeting (times back in Berlin). */
export function meetingFormValues(m: Meeting): Record<MeetingField, string> {
  const start = utcToBerlinFields(m.startsAt);
  const end = utcToBerlinFields(m.endsAt);
  return {
    bodyId: String(m.bodyId),
    title: m.title,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    locationId: m.locationId === null ? '' : String(m.locationId),
    onlineLink: m.onlineLink ?? '',
    isPublic: m.isPublic ? 'on' : '',
    description: m.description ?? '',
  };
}

/** Start time + duration as end time ("18:00" + 120 → "20:00"); capped at 23:59. */
export function endTimeAfter(start: string, minutes: number): string {
  const m = /^(\d{2}):(\d{2})$/.exec(start);
  if (!m) return '';
  const total = Math.min(Number(m[1]) * 60 + Number(m[2]) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export const emptyToNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
export const optionalId = (s: string): number | null => (/^[1-9]\d{0,14}$/.test(s) ? Number(s) : null);

import type { Attended } from '../meetings/attendance.entity.js';

/** What the minutes say about one member: the four choices of the attendance form. */
export const ATTENDANCE_CHOICES = ['present', 'excused', 'absent', 'represented'] as const;
export type AttendanceChoice = (typeof ATTENDANCE_CHOICES)[number];

export const ATTENDANCE_CHOICE_LABELS: Record<AttendanceChoice, string> = {
  present: 'anwesend',
  excused: 'entschuldigt',
  absent: 'abwesend (unentschuldigt)',
  represented: 'vertreten durch',
};

/** The Attendance columns for a choice: represented = excused with a deputy. */
export function attendanceFields(choice: AttendanceChoice, deputyPersonId: number | null): { attended: Attended; deputyPersonId: number | null } {
  switch (choice) {
    case 'present':
      return { attended: 'yes', deputyPersonId: null };
    case 'excused':
      return { attended: 'excused', deputyPersonId: null };
    case 'absent':
      return { attended: 'no', deputyPersonId: null };
    case 'represented':
      return { attended: 'excused', deputyPersonId };
  }
}

/** The choice an Attendance row stands for; null when nothing was recorded yet. */
export function attendanceChoice(a: { attended: Attended | null; deputyPersonId: number | null } | null | undefined): AttendanceChoice | null {
  if (!a || a.attended === null) return null;
  if (a.attended === 'yes') return 'present';
  if (a.deputyPersonId !== null) return 'represented';
  return a.attended === 'excused' ? 'excused' : 'absent';
}

export const MAX_GUESTS = 100;
export const MAX_GUEST_NAME = 200;

/** Why a typed guest list cannot be stored (German, for the field), or null. */
export function guestListError(text: string): string | null {
  const guests = parseGuests(text);
  if (guests.length > MAX_GUESTS) return `Höchstens ${MAX_GUESTS} Gäste (eingegeben: ${guests.length}).`;
  const long = guests.find((g) => g.length > MAX_GUEST_NAME);
  if (long !== undefined) return `Ein Name darf höchstens ${MAX_GUEST_NAME} Zeichen lang sein („${long.slice(0, 40)}…“).`;
  return null;
}

/** Guests typed one per line: trimmed, blank lines dropped, duplicates (same spelling) once. */
export function parseGuests(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().replace(/\s+/g, ' ');
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

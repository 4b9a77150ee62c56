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

/** Short column headings of the attendance table (the radio buttons carry the full labels). */
export const ATTENDANCE_COLUMN_LABELS: Record<AttendanceChoice, string> = {
  present: 'anwesend',
  excused: 'entschuldigt',
  absent: 'unentschuldigt',
  represented: 'vertreten',
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

/** A person as the attendance form needs them: id, organisation, display name. */
export interface DeputyCandidate {
  id: number;
  organisationId: number | null;
  name: string;
}

/**
 * Deputies suggested for one member: the body's deputy members on the meeting day, then the people of
 * the member's own organisation; never the member. Everyone else is reached through the person search.
 */
export function deputySuggestions(member: DeputyCandidate, bodyDeputyIds: ReadonlySet<number>, people: readonly DeputyCandidate[]): DeputyCandidate[] {
  const deputies = people.filter((p) => p.id !== member.id && bodyDeputyIds.has(p.id));
  const colleagues =
    member.organisationId === null ? [] : people.filter((p) => p.id !== member.id && !bodyDeputyIds.has(p.id) && p.organisationId === member.organisationId);
  return [...deputies, ...colleagues];
}

/** The text the person search offers (and accepts) for a person: the name with the id, so equal names stay apart. */
export function personSearchValue(p: DeputyCandidate): string {
  return `${p.name} (Nr. ${p.id})`;
}

/**
 * The person a typed search text names: the offered "Name (Nr. id)" or a name that only one person has.
 * 'ambiguous' when several people have that name, null when nobody does.
 */
export function resolvePersonSearch(text: string, people: readonly DeputyCandidate[]): DeputyCandidate | 'ambiguous' | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  const withId = /^(.*)\(Nr\. (\d{1,9})\)$/.exec(typed);
  if (withId) {
    const person = people.find((p) => p.id === Number(withId[2]));
    return person && person.name.toLocaleLowerCase('de') === withId[1].trim().toLocaleLowerCase('de') ? person : null;
  }
  const named = people.filter((p) => p.name.toLocaleLowerCase('de') === typed.toLocaleLowerCase('de'));
  if (named.length > 1) return 'ambiguous';
  return named[0] ?? null;
}

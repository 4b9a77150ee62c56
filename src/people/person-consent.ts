import { DateTime } from 'luxon';
import { berlinDay, todayInBerlin, ZONE } from '../common/dates.js';
import { formatGermanDate } from '../common/forms/field-formats.js';

/** How a person gave consent, as the administration records it. */
export const CONSENT_METHODS = ['form', 'email', 'paper'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  form: 'Formular',
  email: 'E-Mail',
  paper: 'unterschriebenes Papier',
};

/** Why a consent date cannot be recorded, or null. */
export function consentDateProblem(isoDate: string, now: Date): string | null {
  return isoDate > todayInBerlin(now) ? 'Das Datum der Einwilligung darf nicht in der Zukunft liegen.' : null;
}

/** The instant a consent of that Berlin day is stored as: today's keeps the time of recording, an earlier day starts at midnight. */
export function consentInstant(isoDate: string, now: Date): Date {
  return isoDate === todayInBerlin(now) ? now : DateTime.fromISO(isoDate, { zone: ZONE }).toJSDate();
}

/** "Dr. Leyla Şahin (unterschriebenes Papier)" — who recorded the consent and how it was given, at most 200 characters. */
export function consentRecordedBy(actorName: string, note: string | null): string {
  return `${actorName}${note ? ` (${note})` : ''}`.slice(0, 200);
}

/** "12.03.2026": a consent is a day, never a time (midnight of an earlier day is no "00:00 Uhr"). */
export function consentDay(consentAt: Date): string {
  return formatGermanDate(berlinDay(consentAt));
}

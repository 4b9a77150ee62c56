import type { BodyKind, } from '../bodies/body.entity.js';
import type { MembershipRole } from '../bodies/membership.entity.js';
import type { OrganisationKind } from '../organisations/organisation.entity.js';
import type { PhoneKind } from '../people/person-phone.entity.js';
import type { Attended, RsvpResponse } from '../meetings/attendance.entity.js';
import type { MeetingState } from '../meetings/meeting.entity.js';
import type { ActionItemStatus } from '../minutes/action-item.entity.js';
import type { DecisionResult } from '../minutes/decision.entity.js';
import type { MinutesStatus } from '../minutes/minutes.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  authority: 'Behörde',
  ngo: 'Freier Träger / NGO',
  association: 'Verein',
  migrant_organisation: 'Migrantenorganisation',
  religious_community: 'Religionsgemeinschaft',
  education: 'Bildungsträger',
  other: 'Sonstige',
};

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  network: 'Netzwerk',
  advisory_board: 'Beirat',
  round_table: 'Runder Tisch',
  alliance: 'Bündnis',
  conference: 'Konferenz',
  working_group: 'Arbeitsgruppe',
  other: 'Sonstiges Gremium',
};

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chair: 'Vorsitz',
  deputy_chair: 'Stellvertretender Vorsitz',
  secretary: 'Geschäftsführung / Schriftführung',
  member: 'Mitglied',
  deputy_member: 'Stellvertretendes Mitglied',
  advisory_member: 'Beratendes Mitglied',
  guest: 'Gast',
};

/** Plural headings for a body's member list, in the same order as MEMBERSHIP_ROLES. */
export const MEMBERSHIP_ROLE_HEADINGS: Record<MembershipRole, string> = {
  chair: 'Vorsitz',
  deputy_chair: 'Stellvertretender Vorsitz',
  secretary: 'Geschäftsführung / Schriftführung',
  member: 'Mitglieder',
  deputy_member: 'Stellvertretende Mitglieder',
  advisory_member: 'Beratende Mitglieder',
  guest: 'Gäste',
};

export const PHONE_KIND_LABELS: Record<PhoneKind, string> = {
  work: 'Telefon',
  mobile: 'Mobil',
  fax: 'Fax',
};

/** Languages a migration network asks for most, ISO 639-1 → German name. */
export const LANGUAGE_LABELS: Record<string, string> = {
  de: 'Deutsch',
  en: 'Englisch',
  fr: 'Französisch',
  es: 'Spanisch',
  it: 'Italienisch',
  pt: 'Portugiesisch',
  ar: 'Arabisch',
  fa: 'Persisch (Farsi/Dari)',
  ps: 'Paschtu',
  ku: 'Kurdisch',
  tr: 'Türkisch',
  ru: 'Russisch',
  uk: 'Ukrainisch',
  pl: 'Polnisch',
  ro: 'Rumänisch',
  bg: 'Bulgarisch',
  sq: 'Albanisch',
  sr: 'Serbisch',
  hr: 'Kroatisch',
  bs: 'Bosnisch',
  vi: 'Vietnamesisch',
  zh: 'Chinesisch',
  ti: 'Tigrinya',
  am: 'Amharisch',
  so: 'Somali',
  ur: 'Urdu',
  hi: 'Hindi',
  ka: 'Georgisch',
  hy: 'Armenisch',
  az: 'Aserbaidschanisch',
  ce: 'Tschetschenisch',
};

export function languageLabel(code: string): string {
  return LANGUAGE_LABELS[code] ?? code;
}

export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = {
  draft: 'Entwurf',
  circulated: 'Verschickt, noch nicht genehmigt',
  approved: 'Genehmigt',
};

export const DECISION_RESULT_LABELS: Record<DecisionResult, string> = {
  adopted: 'angenommen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
};

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'offen',
  done: 'erledigt',
};

export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  scheduled: 'Geplant',
  invited: 'Eingeladen',
  held: 'Hat stattgefunden',
  cancelled: 'Abgesagt',
};

export const RSVP_RESPONSE_LABELS: Record<RsvpResponse, string> = {
  accepted: 'Zugesagt',
  declined: 'Abgesagt',
  tentative: 'Vielleicht',
  none: 'Keine Antwort',
};

export const ATTENDED_LABELS: Record<Attended, string> = {
  yes: 'Anwesend',
  no: 'Nicht anwesend',
  excused: 'Entschuldigt',
};

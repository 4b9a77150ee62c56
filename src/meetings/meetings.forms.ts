import { defineForm } from '../common/forms/form.js';
import { ORDINAL_NAMES, WEEKDAY_NAMES } from './series.js';

const PUBLIC_HINT = 'Öffentliche Sitzungen sehen alle Besucherinnen und Besucher; interne nur angemeldete Mitglieder.';

export const MEETING_FORM = defineForm('sitzung', {
  bodyId: { label: 'Gremium', control: 'select', required: true, emptyOption: 'Bitte wählen' },
  title: { label: 'Titel', required: true, maxLength: 200, hint: 'z. B. „1. Sitzung 2026“ oder „Sondersitzung Integrationskonzept“' },
  date: { label: 'Datum', type: 'date', required: true, hint: 'TT.MM.JJJJ' },
  startTime: { label: 'Beginn', type: 'time', required: true, hint: 'Uhrzeit, z. B. 18:00 (deutsche Zeit)' },
  endTime: { label: 'Ende', type: 'time', required: true, hint: 'Uhrzeit, z. B. 20:00' },
  locationId: { label: 'Ort', control: 'select', emptyOption: 'Kein Ort (nur online oder noch offen)' },
  onlineLink: { label: 'Link zur Online-Teilnahme', type: 'url', maxLength: 500, hint: 'Optional, beginnend mit https://' },
  isPublic: { label: 'Öffentliche Sitzung', control: 'checkbox', hint: PUBLIC_HINT },
  description: { label: 'Hinweise für die Teilnehmenden', control: 'textarea', rows: 4, maxLength: 5000 },
});
export type MeetingField = keyof typeof MEETING_FORM.fields;

/**
 * What happens to the members' answers (zugesagt, abgesagt, vielleicht) when a meeting moves. 'auto'
 * (the default) resets them when the Berlin day changes — who can come on Tuesday may not on Thursday —
 * and keeps them when only the clock time moves on the same day.
 */
export const POSTPONE_ANSWER_OPTIONS = [
  { value: 'auto', label: 'Automatisch: zurücksetzen, wenn sich der Tag ändert; behalten, wenn sich nur die Uhrzeit ändert' },
  { value: 'keep', label: 'Behalten: die bisherigen Antworten gelten weiter' },
  { value: 'reset', label: 'Zurücksetzen: alle Mitglieder werden gebeten, neu zu antworten' },
] as const;
export type PostponeAnswers = (typeof POSTPONE_ANSWER_OPTIONS)[number]['value'];

export const POSTPONE_FORM = defineForm('verschieben', {
  date: { label: 'Neues Datum', type: 'date', required: true, hint: 'TT.MM.JJJJ' },
  startTime: { label: 'Beginn', type: 'time', required: true, hint: 'Uhrzeit, z. B. 18:00' },
  endTime: { label: 'Ende', type: 'time', required: true, hint: 'Uhrzeit, z. B. 20:00' },
  answers: { label: 'Bisherige Antworten der Mitglieder', control: 'select', options: [...POSTPONE_ANSWER_OPTIONS] },
});

export const CANCEL_FORM = defineForm('absagen', {
  reason: { label: 'Grund der Absage', control: 'textarea', rows: 3, required: true, maxLength: 1000, hint: 'Erscheint auf der Sitzungsseite und in den Kalendern.' },
});
export type CancelField = keyof typeof CANCEL_FORM.fields;

export const RHYTHMS = [
  { value: 'weekly', label: 'Jede Woche' },
  { value: 'biweekly', label: 'Alle 2 Wochen' },
  { value: 'monthly', label: 'Jeden Monat' },
  { value: 'bimonthly', label: 'Alle 2 Monate' },
  { value: 'quarterly', label: 'Vierteljährlich (alle 3 Monate)' },
  { value: 'halfyearly', label: 'Halbjährlich (alle 6 Monate)' },
] as const;
export type Rhythm = (typeof RHYTHMS)[number]['value'];

export const SERIES_FORM = defineForm('serie', {
  bodyId: { label: 'Gremium', control: 'select', required: true, emptyOption: 'Bitte wählen' },
  title: { label: 'Titel jeder Sitzung', required: true, maxLength: 180, hint: 'Die Termine werden durchnummeriert: „Titel (1/6)“ …' },
  startDate: { label: 'Erster möglicher Tag', type: 'date', required: true, hint: 'Ab diesem Tag (TT.MM.JJJJ) wird der erste passende Termin gesucht.' },
  startTime: { label: 'Beginn', type: 'time', required: true },
  endTime: { label: 'Ende', type: 'time', required: true },
  rhythm: { label: 'Rhythmus', control: 'select', required: true, options: RHYTHMS.map((r) => ({ value: r.value, label: r.label })) },
  ordinal: {
    label: 'Woche im Monat',
    control: 'select',
    hint: 'Nur bei monatlichem oder selteneren Rhythmus, z. B. „zweiten“ Dienstag.',
    options: ['1', '2', '3', '4', '-1'].map((v) => ({ value: v, label: ORDINAL_NAMES[v] })),
  },
  weekday: {
    label: 'Wochentag',
    control: 'select',
    hint: 'Bei wöchentlichem Rhythmus gilt der Wochentag des ersten Tags.',
    options: WEEKDAY_NAMES.map((name, i) => ({ value: String(i + 1), label: name })),
  },
  endKind: {
    label: 'Ende der Serie',
    control: 'select',
    options: [
      { value: 'count', label: 'Nach einer Anzahl von Terminen' },
      { value: 'until', label: 'An einem Datum' },
    ],
  },
  count: { label: 'Anzahl der Termine', type: 'number', hint: '1 bis 100' },
  until: { label: 'Letzter möglicher Tag', type: 'date', hint: 'TT.MM.JJJJ' },
  locationId: { label: 'Ort', control: 'select', emptyOption: 'Kein Ort (nur online oder noch offen)' },
  onlineLink: { label: 'Link zur Online-Teilnahme', type: 'url', maxLength: 500 },
  isPublic: { label: 'Öffentliche Sitzungen', control: 'checkbox', hint: PUBLIC_HINT },
});
export type SeriesField = keyof typeof SERIES_FORM.fields;

export const AGENDA_ITEM_FORM = defineForm('top', {
  title: { label: 'Thema', required: true, maxLength: 300 },
  level: {
    label: 'Ebene',
    control: 'select',
    options: [
      { value: '0', label: 'Hauptpunkt (TOP 1, 2, 3 …)' },
      { value: '1', label: 'Unterpunkt (TOP 1.1, 1.2 …)' },
    ],
  },
  presenter: { label: 'Vortrag / Berichterstattung', maxLength: 200 },
  plannedMinutes: { label: 'Geplante Minuten', type: 'number', hint: 'Optional, ganze Zahl' },
  isPublic: { label: 'Öffentlicher Tagesordnungspunkt', control: 'checkbox', hint: 'Nicht öffentliche Punkte sehen nur angemeldete Mitglieder.' },
  description: { label: 'Erläuterung', control: 'textarea', rows: 4, maxLength: 5000 },
  /** Shown only once the invitation went out (the chair's choice, ticked by default). */
  notify: { label: 'Eingeladene über die Änderung benachrichtigen', control: 'checkbox', hint: 'Alle Eingeladenen erhalten die geänderte Tagesordnung per E-Mail, mit aktualisiertem Kalendereintrag.' },
});
export type AgendaItemField = keyof typeof AGENDA_ITEM_FORM.fields;

/** The choice for reordering and removing items of an agenda whose invitation went out. */
export const AGENDA_ORDER_FORM = defineForm('reihenfolge', {
  notify: { label: 'Eingeladene über die Änderung benachrichtigen', control: 'checkbox', hint: 'Alle Eingeladenen erhalten die geänderte Tagesordnung per E-Mail, mit aktualisiertem Kalendereintrag.' },
});
export type AgendaOrderField = keyof typeof AGENDA_ORDER_FORM.fields;

export const LOCATION_FORM = defineForm('ort', {
  name: { label: 'Bezeichnung', required: true, maxLength: 200, hint: 'z. B. „Stadthaus, Demmlersaal“' },
  room: { label: 'Raum', maxLength: 100 },
  street: { label: 'Straße und Hausnummer', maxLength: 200, autocomplete: 'address-line1' },
  postalCode: { label: 'Postleitzahl', maxLength: 10, autocomplete: 'postal-code' },
  locality: { label: 'Ort', maxLength: 100, autocomplete: 'address-level2' },
  accessibilityNotes: { label: 'Barrierefreiheit', control: 'textarea', rows: 3, maxLength: 2000, hint: 'z. B. stufenloser Zugang, Aufzug, Induktionsschleife, barrierefreies WC' },
  onlineLink: { label: 'Fester Link zur Online-Teilnahme', type: 'url', maxLength: 500, hint: 'Optional, beginnend mit https://' },
});
export type LocationField = keyof typeof LOCATION_FORM.fields;

export const RSVP_FORM = defineForm('antwort', {
  response: {
    label: 'Ihre Antwort',
    control: 'select',
    required: true,
    options: [
      { value: 'accepted', label: 'Ich komme' },
      { value: 'tentative', label: 'Vielleicht' },
      { value: 'declined', label: 'Ich komme nicht' },
    ],
  },
  deputyPersonId: { label: 'Vertretung', control: 'select', emptyOption: 'Keine Vertretung', hint: 'Wenn Sie nicht kommen: wer vertritt Sie?' },
});
export type RsvpField = keyof typeof RSVP_FORM.fields;

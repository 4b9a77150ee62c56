import { defineForm } from '../common/forms/form.js';
import { DECISION_RESULT_LABELS } from './minutes-labels.js';
import { DECISION_RESULTS } from './decision.entity.js';

export const DECISION_FORM = defineForm('beschluss', {
  agendaItemId: { label: 'Tagesordnungspunkt', control: 'select', required: true, emptyOption: 'Bitte wählen' },
  text: {
    label: 'Wortlaut des Beschlusses',
    control: 'textarea',
    rows: 6,
    required: true,
    hint: 'Markdown ist möglich: **fett**, *kursiv*, Listen mit „- “, Links als [Text](https://…).',
  },
  result: {
    label: 'Ergebnis',
    control: 'select',
    required: true,
    options: DECISION_RESULTS.map((r) => ({ value: r, label: DECISION_RESULT_LABELS[r] })),
  },
  unanimous: { label: 'Einstimmig (alle Stimmen dafür)', control: 'checkbox' },
  votesYes: { label: 'Ja-Stimmen', type: 'number', hint: 'Bei „einstimmig“ oder „vertagt“ kann das Feld leer bleiben.' },
  votesNo: { label: 'Nein-Stimmen', type: 'number' },
  votesAbstain: { label: 'Enthaltungen', type: 'number' },
});
export type DecisionField = keyof typeof DECISION_FORM.fields;

export const ACTION_ITEM_FORM = defineForm('aufgabe', {
  what: { label: 'Aufgabe', control: 'textarea', rows: 3, required: true },
  agendaItemId: { label: 'Tagesordnungspunkt', control: 'select', emptyOption: 'Kein bestimmter Tagesordnungspunkt' },
  responsiblePersonId: { label: 'Verantwortliche Person', control: 'select', emptyOption: 'Keine Person', hint: 'Eine Person oder eine Organisation (oder beide) angeben.' },
  responsibleOrganisationId: { label: 'Verantwortliche Organisation', control: 'select', emptyOption: 'Keine Organisation' },
  dueDate: { label: 'Erledigen bis', type: 'date', hint: 'Leer lassen, wenn es keine Frist gibt.' },
});
export type ActionItemField = keyof typeof ACTION_ITEM_FORM.fields;

export const AMENDMENT_FORM = defineForm('berichtigung', {
  agendaItemId: { label: 'Betrifft', control: 'select', emptyOption: 'Das Protokoll allgemein (z. B. Anwesenheit, Eröffnung)' },
  reason: { label: 'Grund der Berichtigung', control: 'textarea', rows: 3, required: true, hint: 'Zum Beispiel: „Stimmenzahl falsch übertragen, Hinweis von Frau Şahin vom 12.05.“' },
  text: { label: 'Berichtigter Text', control: 'textarea', rows: 6, required: true, hint: 'Der genehmigte Text bleibt unverändert; die Berichtigung wird daneben angezeigt. Markdown ist möglich.' },
});

export const APPROVE_FORM = defineForm('genehmigen', {
  approvedInMeetingId: { label: 'Genehmigt in der Sitzung', control: 'select', required: true, emptyOption: 'Bitte wählen' },
});
export type ApproveField = keyof typeof APPROVE_FORM.fields;

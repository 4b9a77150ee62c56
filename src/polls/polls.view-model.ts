import { formatDateTime } from '../common/dates.js';
import { defineForm, type FieldSpec, type FormErrors, type FormValues, formView, type FormView, pageTitleFor, type SelectOption } from '../common/forms/form.js';
import type { MeetingWarning } from '../meetings/conflicts.js';
import { locationText } from '../meetings/location-view.js';
import { quorumForecast } from '../meetings/meeting-rules.js';
import { quorumRuleText } from '../bodies/quorum.js';
import { personDisplayName } from '../people/person-name.js';
import type { DatePoll, DatePollResponse, DatePollSlot, PollAnswer } from './date-poll.entity.js';
import { POLL_ANSWERS } from './date-poll.entity.js';
import { asRsvp, effectiveState, INITIAL_ROWS, MAX_SLOTS, POLL_ANSWER_LABELS, POLL_ANSWER_SYMBOLS, POLL_STATE_LABELS, ROWS_STEP, slotField, type SlotRowInput } from './poll-rules.js';
import type { PollData, PollSeat } from './polls.service.js';
import { deadlineText, slotLine } from './poll-texts.js';

// ------------------------------------------------------------------ the new-poll form

function slotFields(): Record<string, FieldSpec> {
  const fields: Record<string, FieldSpec> = {};
  for (let row = 1; row <= MAX_SLOTS; row++) {
    fields[slotField('date', row)] = { label: `Datum (Termin ${row})`, type: 'date', hint: 'TT.MM.JJJJ' };
    fields[slotField('start', row)] = { label: `Beginn (Termin ${row})`, type: 'time' };
    fields[slotField('end', row)] = { label: `Ende (Termin ${row})`, type: 'time' };
    fields[slotField('place', row)] = { label: `Ort (Termin ${row})`, control: 'select', emptyOption: 'Kein Ort / noch offen' };
  }
  return fields;
}

/** The fixed fields and 20 slot rows (date1, start1, end1, place1 …); the page shows the rows in use. */
export const POLL_FORM = defineForm<string>('umfrage', {
  title: { label: 'Titel der Sitzung', required: true, maxLength: 200, hint: 'Wird zum Titel der Sitzung, wenn der Termin feststeht.' },
  deadline: { label: 'Antworten bis (einschließlich)', type: 'date', required: true, hint: 'TT.MM.JJJJ; spätestens am Tag vor dem ersten Termin.' },
  note: { label: 'Hinweis an die Mitglieder', control: 'textarea', rows: 3, maxLength: 2000 },
  ...slotFields(),
});
type PollFormField = string;

/** The slot rows of a submitted form. */
export function slotRows(values: FormValues<PollFormField>): SlotRowInput[] {
  const rows: SlotRowInput[] = [];
  for (let row = 1; row <= MAX_SLOTS; row++) {
    rows.push({ date: values[slotField('date', row)], start: values[slotField('start', row)], end: values[slotField('end', row)], locationId: values[slotField('place', row)] });
  }
  return rows;
}

/** Rows to show: at least the initial ones and every filled row; `more` adds a few (at most 20). */
export function rowCount(rows: readonly SlotRowInput[], more: boolean): number {
  let last = 0;
  rows.forEach((r, i) => {
    if (r.date.trim() || r.start.trim() || r.end.trim() || r.locationId.trim()) last = i + 1;
  });
  return Math.min(MAX_SLOTS, Math.max(INITIAL_ROWS, last) + (more ? ROWS_STEP : 0));
}

export interface NewPollPage {
  pageTitle: string;
  bodyName: string;
  bodyHref: string;
  listHref: string;
  action: string;
  form: FormView<PollFormField>;
  rows: { number: number; date: unknown; start: unknown; end: unknown; place: unknown; warnings: string[] }[];
  canAddRows: boolean;
  hasWarnings: boolean;
  maxSlots: number;
}

export function newPollPage(
  body: { id: number; name: string },
  values: Partial<FormValues<PollFormField>>,
  errors: FormErrors<PollFormField>,
  places: SelectOption[],
  shownRows: number,
  warnings: Map<number, MeetingWarning[]> = new Map(),
): NewPollPage {
  const dynamic: Partial<Record<PollFormField, SelectOption[]>> = {};
  for (let row = 1; row <= MAX_SLOTS; row++) dynamic[slotField('place', row)] = places;
  const form = formView(POLL_FORM, values, errors, dynamic);
  const rows = [];
  for (let row = 1; row <= shownRows; row++) {
    rows.push({
      number: row,
      date: form.fields[slotField('date', row)],
      start: form.fields[slotField('start', row)],
      end: form.fields[slotField('end', row)],
      place: form.fields[slotField('place', row)],
      warnings: (warnings.get(row) ?? []).map((w) => w.message),
    });
  }
  return {
    pageTitle: pageTitleFor(`Neue Terminumfrage – ${body.name}`, form),
    bodyName: body.name,
    bodyHref: `/gremien/${body.id}`,
    listHref: `/gremien/${body.id}/terminumfragen`,
    action: `/gremien/${body.id}/terminumfragen/neu`,
    form,
    rows,
    canAddRows: shownRows < MAX_SLOTS,
    hasWarnings: warnings.size > 0,
    maxSlots: MAX_SLOTS,
  };
}

// ------------------------------------------------------------------ the list

export function pollListPage(body: { id: number; name: string }, polls: readonly DatePoll[], canManage: boolean, now: Date): Record<string, unknown> {
  return {
    pageTitle: `Terminumfragen – ${body.name}`,
    bodyName: body.name,
    bodyHref: `/gremien/${body.id}`,
    newHref: canManage ? `/gremien/${body.id}/terminumfragen/neu` : null,
    polls: polls.map((p) => ({
      title: p.title,
      href: `/terminumfragen/${p.id}`,
      state: POLL_STATE_LABELS[effectiveState(p, now)],
      deadline: deadlineText(p.deadline),
      slotCount: p.slots?.length ?? 0,
    })),
  };
}

// ------------------------------------------------------------------ answering

export const ANSWER_FORM = defineForm('antwort', {
  comment: { label: 'Kommentar (freiwillig)', control: 'textarea', rows: 3, maxLength: 1000, hint: 'z. B. „Am 12. nur bis 19 Uhr“' },
  forPersonId: { label: 'Antwort für', control: 'select' },
});

function slotLabel(s: DatePollSlot): string {
  return slotLine(s.startsAt, s.endsAt, locationText(s.location));
}

export interface AnswerChoiceView {
  id: string;
  value: PollAnswer;
  label: string;
  symbol: string;
  checked: boolean;
}

export interface AnswerSlotView {
  legendId: string;
  label: string;
  name: string;
  choices: AnswerChoiceView[];
  chosen: boolean;
  picked: boolean;
}

/** The radio groups of the answer form, one per slot, checked as answered (or as just typed). */
export function answerSlots(slots: readonly DatePollSlot[], current: ReadonlyMap<number, PollAnswer>, pickedSlotId: number | null): AnswerSlotView[] {
  return slots.map((s) => ({
    legendId: `termin-${s.id}`,
    label: slotLabel(s),
    name: `slot-${s.id}`,
    chosen: current.has(s.id),
    picked: s.id === pickedSlotId,
    choices: POLL_ANSWERS.map((a) => ({ id: `termin-${s.id}-${a}`, value: a, label: POLL_ANSWER_LABELS[a], symbol: POLL_ANSWER_SYMBOLS[a], checked: current.get(s.id) === a })),
  }));
}

export function votesOf(response: DatePollResponse | undefined): Map<number, PollAnswer> {
  return new Map((response?.votes ?? []).map((v) => [v.slotId, v.answer]));
}

export interface AnswerPageInput {
  data: PollData;
  personName: string;
  action: string;
  current: Map<number, PollAnswer>;
  comment: string;
  saved: boolean;
  errors: { answers?: string; comment?: string; forPersonId?: string };
  /** For logged-in members: whom they answer for (themselves, and members they represent). */
  forOptions: SelectOption[] | null;
  forPersonId: string;
  answeredByDeputy: string | null;
  viaLink: boolean;
  now: Date;
}

export function answerPage(p: AnswerPageInput): Record<string, unknown> {
  const { data } = p;
  const form = formView(ANSWER_FORM, { comment: p.comment, forPersonId: p.forPersonId }, p.errors, p.forOptions ? { forPersonId: p.forOptions } : {});
  const errorList = [...(p.errors.answers ? [{ href: `#${data.slots[0] ? `termin-${data.slots[0].id}-yes` : 'antwort-comment'}`, message: p.errors.answers }] : []), ...form.errorList];
  const picked = data.slots.find((s) => s.id === data.poll.pickedSlotId) ?? null;
  const title = `Terminumfrage: ${data.poll.title}`;
  return {
    pageTitle: errorList.length > 0 ? `Fehler: ${title}` : title,
    heading: title,
    bodyName: data.body.name,
    bodyHref: p.viaLink ? null : `/gremien/${data.body.id}`,
    listHref: p.viaLink ? null : `/gremien/${data.body.id}/terminumfragen`,
    personName: p.personName,
    deadline: deadlineText(data.poll.deadline),
    state: POLL_STATE_LABELS[effectiveState(data.poll, p.now)],
    note: data.poll.note,
    closedReason: data.closedReason,
    picked: picked ? slotLabel(picked) : null,
    meetingHref: data.poll.meetingId !== null && !p.viaLink ? `/sitzungen/${data.poll.meetingId}` : null,
    action: p.action,
    saved: p.saved ? 'Vielen Dank, Ihre Antwort ist gespeichert. Sie können sie bis zum Ende der Umfrage ändern.' : null,
    slots: answerSlots(data.slots, p.current, data.poll.pickedSlotId),
    answersError: p.errors.answers ?? null,
    form: { ...form, errorList, hasErrors: errorList.length > 0 },
    showFor: p.forOptions !== null && p.forOptions.length > 1,
    answeredByDeputy: p.answeredByDeputy,
    matrixHref: data.canManage ? `/terminumfragen/${data.poll.id}/auswertung` : null,
  };
}

// ------------------------------------------------------------------ the matrix

export interface MatrixCell {
  text: string;
  symbol: string;
  answer: PollAnswer | 'none';
}

function seatLabel(seat: PollSeat): string {
  const notes = [seat.voting ? 'stimmberechtigt' : null, seat.deputyOnly ? 'Stellvertretung' : null, seat.former ? 'nicht mehr Mitglied' : null].filter((n): n is string => n !== null);
  return `${personDisplayName(seat.person)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

export function matrixPage(data: PollData, now: Date, warnings: Map<number, MeetingWarning[]>, pickError: string | null = null): Record<string, unknown> {
  const byPerson = new Map<number, DatePollResponse>(data.responses.map((r) => [r.personId, r]));
  const rows = data.seats.map((seat) => {
    const response = byPerson.get(seat.person.id);
    const votes = votesOf(response);
    return {
      name: seatLabel(seat),
      byDeputy: response?.answeredBy ? `beantwortet durch ${personDisplayName(response.answeredBy)} (Vertretung)` : null,
      cells: data.slots.map((s): MatrixCell => {
        const a = votes.get(s.id);
        return a ? { text: POLL_ANSWER_LABELS[a], symbol: POLL_ANSWER_SYMBOLS[a], answer: a } : { text: 'keine Antwort', symbol: '–', answer: 'none' };
      }),
      comment: response?.comment ?? '',
      answeredAt: response ? formatDateTime(response.respondedAt) : 'noch nicht geantwortet',
    };
  });
  const voting = data.seats.filter((s) => s.voting && !s.former);
  const sums = data.slots.map((s) => {
    const count = (answer: PollAnswer, seats: readonly PollSeat[]): number => seats.filter((seat) => votesOf(byPerson.get(seat.person.id)).get(s.id) === answer).length;
    const forecast = quorumForecast(
      voting.map((seat) => ({ response: asRsvp(votesOf(byPerson.get(seat.person.id)).get(s.id) ?? null), hasDeputy: false })),
      data.quorumRule,
    );
    const quorum =
      forecast.votingMembers === 0
        ? 'keine stimmberechtigten Mitglieder'
        : forecast.reached
          ? `voraussichtlich beschlussfähig (${forecast.expected} von ${forecast.needed} nötigen)`
          : forecast.reachableWithTentative
            ? `nur mit „Wenn nötig“ beschlussfähig (${forecast.expected} + ${forecast.tentative} von ${forecast.needed} nötigen)`
            : `voraussichtlich nicht beschlussfähig (${forecast.expected} von ${forecast.needed} nötigen)`;
    return {
      yes: count('yes', data.seats),
      maybe: count('maybe', data.seats),
      no: count('no', data.seats),
      votingYes: count('yes', voting),
      votingMaybe: count('maybe', voting),
      quorum,
      quorumReached: forecast.reached,
    };
  });
  const state = effectiveState(data.poll, now);
  const best = Math.max(0, ...sums.map((s) => s.yes));
  const title = `Auswertung: ${data.poll.title}`;
  return {
    pageTitle: pickError ? `Fehler: ${title}` : title,
    heading: title,
    bodyName: data.body.name,
    bodyHref: `/gremien/${data.body.id}`,
    pollHref: `/terminumfragen/${data.poll.id}`,
    state: POLL_STATE_LABELS[state],
    deadline: deadlineText(data.poll.deadline),
    quorumRule: quorumRuleText(data.quorumRule),
    answeredCount: data.responses.length,
    seatCount: data.seats.filter((s) => !s.former).length,
    slots: data.slots.map((s, i) => ({
      id: s.id,
      label: slotLabel(s),
      short: formatDateTime(s.startsAt),
      warnings: (warnings.get(s.id) ?? []).map((w) => w.message),
      sums: sums[i],
      mostYes: best > 0 && sums[i].yes === best,
      picked: s.id === data.poll.pickedSlotId,
      pickValue: String(s.id),
    })),
    rows,
    canClose: data.canManage && data.poll.state === 'open' && state === 'open',
    canPick: data.canManage && data.poll.state !== 'decided',
    closeAction: `/terminumfragen/${data.poll.id}/schliessen`,
    pickAction: `/terminumfragen/${data.poll.id}/festlegen`,
    pickError,
    meetingHref: data.poll.meetingId !== null ? `/sitzungen/${data.poll.meetingId}` : null,
  };
}

import { DateTime } from 'luxon';
import type { Body } from '../bodies/body.entity.js';
import { ZONE } from '../common/dates.js';
import { ACTION_ITEM_STATUS_LABELS, DECISION_RESULT_LABELS, MINUTES_STATUS_LABELS } from './minutes-labels.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Location } from '../meetings/location.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { personDisplayName } from '../people/person-name.js';
import type { Person } from '../people/person.entity.js';
import type { ActionItem } from './action-item.entity.js';
import { ATTENDANCE_CHOICE_LABELS } from './attendance-record.js';
import { votesAgainstAttendance, votesCast, votesText } from './decision-votes.js';
import type { Decision } from './decision.entity.js';
import { renderMarkdown } from './markdown.js';
import type { MinutesAmendment } from './minutes-amendment.entity.js';
import type { AttendanceRow, MinutesDetail, MinutesLinkInfo } from './minutes.service.js';

const berlin = (d: Date): DateTime => DateTime.fromJSDate(d).setZone(ZONE).setLocale('de');

/** "Donnerstag, 26. März 2026" */
export function longDate(d: Date): string {
  return berlin(d).toFormat('cccc, d. MMMM yyyy');
}

/** "18:00" */
export function clockTime(d: Date): string {
  return berlin(d).toFormat('HH:mm');
}

/** "26.03.2026" from a date column ("2026-03-26"). */
export function germanDay(iso: string): string {
  const d = DateTime.fromISO(iso, { zone: ZONE });
  return d.isValid ? d.toFormat('dd.MM.yyyy') : iso;
}

export function meetingPath(meetingId: number): string {
  return `/sitzungen/${meetingId}`;
}

export function minutesPath(meetingId: number): string {
  return `/sitzungen/${meetingId}/protokoll`;
}

export function locationLines(location: Location | null, onlineLink: string | null): string[] {
  const lines: string[] = [];
  if (location) {
    lines.push([location.name, location.room].filter(Boolean).join(', '));
    const address = [location.street, [location.postalCode, location.locality].filter(Boolean).join(' ')].filter((s) => s && s.length > 0).join(', ');
    if (address) lines.push(address);
  }
  if (onlineLink) lines.push('Online-Teilnahme möglich');
  return lines;
}

/** The id of an agenda item's section on the minutes page ("top-2-1"). */
export function agendaAnchor(a: Pick<AgendaItem, 'number'>): string {
  return `top-${a.number.replace(/[^0-9a-z]/gi, '-')}`;
}

export function agendaLabel(a: Pick<AgendaItem, 'number' | 'title'>): string {
  return `TOP ${a.number}: ${a.title}`;
}

export interface DecisionView {
  id: number;
  number: string;
  anchor: string;
  textHtml: string;
  votesText: string;
  resultLabel: string;
  resultClass: string;
  editHref: string;
  deleteHref: string;
  /** For editors: the votes exceed the voting members present, or cannot be checked yet. */
  voteWarning: string | null;
}

export function decisionView(d: Decision, meetingId: number, votersPresent?: number | null): DecisionView {
  const checked = votersPresent === undefined ? null : votesAgainstAttendance(votesCast({ yes: d.votesYes, no: d.votesNo, abstain: d.votesAbstain }), votersPresent);
  return {
    voteWarning: checked && checked.kind !== 'ok' ? checked.message : null,
    id: d.id,
    number: d.number,
    anchor: `beschluss-${d.number}`,
    textHtml: renderMarkdown(d.text),
    votesText: votesText({ unanimous: d.unanimous, yes: d.votesYes, no: d.votesNo, abstain: d.votesAbstain }),
    resultLabel: DECISION_RESULT_LABELS[d.result],
    resultClass: `result result--${d.result}`,
    editHref: `${minutesPath(meetingId)}/beschluesse/${d.id}/bearbeiten`,
    deleteHref: `${minutesPath(meetingId)}/beschluesse/${d.id}/loeschen`,
  };
}

/** The id of an action item's entry on the minutes page (where saving it lands). */
export function actionItemAnchor(itemId: number): string {
  return `aufgabe-${itemId}`;
}

export interface ActionItemView {
  id: number;
  anchor: string;
  whatHtml: string;
  what: string;
  responsible: string;
  dueText: string;
  overdue: boolean;
  statusLabel: string;
  done: boolean;
  doneText: string | null;
  meetingTitle: string | null;
  meetingHref: string;
  agendaText: string | null;
  bodyName: string | null;
  editHref: string;
  deleteHref: string;
  doneHref: string;
  reopenHref: string;
}

export function responsibleText(a: Pick<ActionItem, 'responsiblePerson' | 'responsibleOrganisation'>): string {
  const parts = [a.responsiblePerson ? personDisplayName(a.responsiblePerson) : null, a.responsibleOrganisation?.name ?? null].filter((s): s is string => s !== null);
  return parts.length > 0 ? parts.join(' (') + (parts.length > 1 ? ')' : '') : 'nicht festgelegt';
}

export function actionItemView(a: ActionItem, today: string): ActionItemView {
  const overdue = a.status === 'open' && a.dueDate !== null && a.dueDate < today;
  return {
    id: a.id,
    anchor: actionItemAnchor(a.id),
    whatHtml: renderMarkdown(a.what),
    what: a.what,
    responsible: responsibleText(a),
    dueText: a.dueDate ? germanDay(a.dueDate) : 'ohne Frist',
    overdue,
    statusLabel: overdue ? 'überfällig' : ACTION_ITEM_STATUS_LABELS[a.status],
    done: a.status === 'done',
    doneText: a.doneAt ? `erledigt am ${berlin(a.doneAt).toFormat('dd.MM.yyyy')}` : null,
    meetingTitle: a.meeting ? `${a.meeting.title}, ${berlin(a.meeting.startsAt).toFormat('dd.MM.yyyy')}` : null,
    meetingHref: minutesPath(a.meetingId),
    agendaText: a.agendaItem ? agendaLabel(a.agendaItem) : null,
    bodyName: a.body ? a.body.name : null,
    editHref: `${minutesPath(a.meetingId)}/aufgaben/${a.id}/bearbeiten`,
    deleteHref: `${minutesPath(a.meetingId)}/aufgaben/${a.id}/loeschen`,
    doneHref: `/aufgaben/${a.id}/erledigt`,
    reopenHref: `/aufgaben/${a.id}/offen`,
  };
}

function amendmentView(a: MinutesAmendment) {
  return {
    reason: a.reason,
    textHtml: renderMarkdown(a.text),
    author: a.authorName,
    when: `${berlin(a.createdAt).toFormat('dd.MM.yyyy')}, ${clockTime(a.createdAt)} Uhr`,
  };
}

function attendanceGroups(rows: AttendanceRow[]) {
  const name = (p: Person): string => personDisplayName(p);
  const roleOf = (r: AttendanceRow): string | null => (r.membership ? MEMBERSHIP_ROLE_LABELS[r.membership.role] : 'weitere Teilnahme');
  const entry = (r: AttendanceRow) => ({
    name: name(r.person),
    role: roleOf(r),
    voting: r.membership?.votingRight === true,
    organisation: r.membership?.onBehalfOf?.name ?? null,
    deputy: r.deputy ? name(r.deputy) : null,
  });
  return {
    present: rows.filter((r) => r.choice === 'present').map(entry),
    represented: rows.filter((r) => r.choice === 'represented').map(entry),
    excused: rows.filter((r) => r.choice === 'excused').map(entry),
    absent: rows.filter((r) => r.choice === 'absent').map(entry),
    unrecorded: rows.filter((r) => r.choice === null).map(entry),
    recorded: rows.some((r) => r.choice !== null),
  };
}

export { ATTENDANCE_CHOICE_LABELS };

/** Everything the minutes page and the print view show; nothing is computed in the templates. */
export function minutesPageModel(d: MinutesDetail, today: string) {
  const { meeting, minutes, body } = d;
  const opened = minutes.openedAt ?? meeting.startsAt;
  const closed = minutes.closedAt ?? meeting.endsAt;
  const decisionsByItem = new Map<number, Decision[]>();
  for (const dec of d.decisions) decisionsByItem.set(dec.agendaItemId, [...(decisionsByItem.get(dec.agendaItemId) ?? []), dec]);
  const actionsByItem = new Map<number | null, ActionItem[]>();
  for (const a of d.actionItems) actionsByItem.set(a.agendaItemId, [...(actionsByItem.get(a.agendaItemId) ?? []), a]);
  const amendmentsByItem = new Map<number | null, MinutesAmendment[]>();
  for (const a of d.amendments) amendmentsByItem.set(a.agendaItemId, [...(amendmentsByItem.get(a.agendaItemId) ?? []), a]);
  const quorumRecorded = minutes.quorumReached !== null;
  return {
    meetingId: meeting.id,
    title: `Protokoll: ${meeting.title}`,
    bodyName: body.name,
    bodyHref: `/gremien/${body.id}`,
    meetingHref: meetingPath(meeting.id),
    meetingTitle: meeting.title,
    minutesNumber: `${body.code} ${d.minutesNumber}`,
    dateText: longDate(meeting.startsAt),
    timeText: `${clockTime(opened)} bis ${clockTime(closed)} Uhr`,
    timeIsActual: minutes.openedAt !== null,
    locationLines: locationLines(meeting.location, meeting.onlineLink),
    statusLabel: MINUTES_STATUS_LABELS[minutes.status],
    isDraft: minutes.status === 'draft',
    isCirculated: minutes.status === 'circulated',
    isApproved: minutes.status === 'approved',
    approvedText:
      minutes.status === 'approved' && minutes.approvedInMeeting
        ? `Genehmigt in der Sitzung „${minutes.approvedInMeeting.title}“ am ${berlin(minutes.approvedInMeeting.startsAt).toFormat('dd.MM.yyyy')}`
        : null,
    approvedInHref: minutes.approvedInMeetingId ? minutesPath(minutes.approvedInMeetingId) : null,
    publicOnly: d.access === 'public-items',
    chair: minutes.chairPerson ? personDisplayName(minutes.chairPerson) : 'nicht angegeben',
    recorder: minutes.recorderPerson ? personDisplayName(minutes.recorderPerson) : 'nicht angegeben',
    attendance: attendanceGroups(d.attendance),
    guests: d.guests,
    quorum: {
      ...d.quorum,
      computedText: `${d.quorum.votes} von ${d.quorum.votingMembers} Stimmberechtigten anwesend oder vertreten${d.quorum.represented > 0 ? ` (davon ${d.quorum.represented} durch Vertretung)` : ''}; erforderlich: ${d.quorum.needed} (${d.quorum.ruleText}).`,
      recordedText: quorumRecorded
        ? `${minutes.quorumReached ? 'Die Beschlussfähigkeit wurde festgestellt' : 'Die Beschlussfähigkeit wurde nicht festgestellt'}${minutes.quorumCheckedAt ? ` um ${clockTime(minutes.quorumCheckedAt)} Uhr` : ''}.`
        : null,
      computedLabel: d.quorum.reached ? 'beschlussfähig' : 'nicht beschlussfähig',
      mismatch: quorumRecorded && minutes.quorumReached !== d.quorum.reached,
    },
    openingHtml: renderMarkdown(minutes.openingText),
    otherBusinessHtml: renderMarkdown(minutes.otherBusinessText),
    generalAmendments: (amendmentsByItem.get(null) ?? []).map(amendmentView),
    generalActionItems: (actionsByItem.get(null) ?? []).map((a) => actionItemView(a, today)),
    items: d.agenda.map((a) => ({
      id: a.id,
      anchor: agendaAnchor(a),
      label: agendaLabel(a),
      number: a.number,
      title: a.title,
      internal: !a.isPublic,
      subItem: a.level > 0,
      presenter: a.presenter,
      textHtml: renderMarkdown(d.texts.get(a.id)),
      // vote warnings only for editors, while they can still correct the votes
      decisions: (decisionsByItem.get(a.id) ?? []).map((dec) => decisionView(dec, meeting.id, d.editable ? d.votersPresent : undefined)),
      actionItems: (actionsByItem.get(a.id) ?? []).map((x) => actionItemView(x, today)),
      amendments: (amendmentsByItem.get(a.id) ?? []).map(amendmentView),
    })),
    counts: { decisions: d.decisions.length, actionItems: d.actionItems.length },
    editor: d.isEditor
      ? {
          editable: d.editable,
          editHref: `${minutesPath(meeting.id)}/bearbeiten`,
          attendanceHref: `${minutesPath(meeting.id)}/anwesenheit`,
          newDecisionHref: `${minutesPath(meeting.id)}/beschluesse/neu`,
          newActionItemHref: `${minutesPath(meeting.id)}/aufgaben/neu`,
          circulateHref: minutes.status === 'draft' ? `${minutesPath(meeting.id)}/verschicken` : null,
          withdrawHref: minutes.status === 'circulated' ? `${minutesPath(meeting.id)}/zuruecknehmen` : null,
          approveHref: minutes.status === 'circulated' ? `${minutesPath(meeting.id)}/genehmigen` : null,
          amendmentHref: minutes.status === 'approved' ? `${minutesPath(meeting.id)}/berichtigung` : null,
        }
      : null,
    printHref: `${minutesPath(meeting.id)}/druck`,
  };
}


export function bodyOptionLabel(b: Pick<Body, 'name' | 'code'>): string {
  return `${b.name} (${b.code})`;
}

export function meetingOptionLabel(m: Pick<Meeting, 'title' | 'startsAt'>): string {
  return `${berlin(m.startsAt).toFormat('dd.MM.yyyy')} – ${m.title}`;
}

export interface MinutesLinkView {
  href: string;
  text: string;
  statusLabel: string | null;
}

/** The meeting page's link to its minutes (partial minutes/meeting-link), or null when there is none for the viewer. */
export function minutesLinkView(info: MinutesLinkInfo): MinutesLinkView | null {
  if (info.readable && info.status) {
    return { href: minutesPath(info.meetingId), text: 'Protokoll lesen', statusLabel: info.status === 'approved' ? null : MINUTES_STATUS_LABELS[info.status] };
  }
  if (info.canStart) return { href: minutesPath(info.meetingId), text: 'Protokoll anlegen', statusLabel: null };
  return null;
}

export interface RecentDecisionView {
  number: string;
  href: string;
  summary: string;
  dateText: string;
  resultLabel: string;
}

/** The body page's latest decisions (partial minutes/recent-decisions); decisions loaded with minutes.meeting. */
export function recentDecisionsView(decisions: Decision[]): RecentDecisionView[] {
  return decisions.map((d) => {
    const plain = d.text.replace(/[*_`#>[\]()]/g, '').replace(/\s+/g, ' ').trim();
    return {
      number: d.number,
      href: `${minutesPath(d.minutes.meetingId)}#beschluss-${d.number}`,
      summary: plain.length > 160 ? `${plain.slice(0, 157)}…` : plain,
      dateText: berlin(d.minutes.meeting.startsAt).toFormat('dd.MM.yyyy'),
      resultLabel: DECISION_RESULT_LABELS[d.result],
    };
  });
}

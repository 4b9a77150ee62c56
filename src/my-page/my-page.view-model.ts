import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import type { Membership } from '../bodies/membership.entity.js';
import { formatDateTime } from '../common/dates.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { RSVP_RESPONSE_LABELS } from '../meetings/meeting-labels.js';
import { meetingListItem, type MeetingListItemView } from '../meetings/meetings.view-model.js';
import { RSVP_ANSWERS } from '../meetings/rsvp-rules.js';
import { subscriptionLinks, type SubscriptionLinks } from '../meetings/subscription-links.js';
import { type ActionItemView, actionItemView } from '../minutes/minutes.view-model.js';
import type { MyMeeting, MyPageData } from './my-page.service.js';

/**
 * One section of Meine Seite. The page renders the sections in order, each with its own partial
 * (views/partials/<partial>.hbs) given `content`. A new feature adds its part by adding a section in
 * myPageSections() (e.g. open polls, circulars of my bodies, device passwords) — nothing else changes.
 */
export interface MyPageSection {
  /** Anchor of the section and id of its heading: "meine-sitzungen". */
  id: string;
  title: string;
  /** Partial below views/partials, e.g. "my_page/meetings" (hbs names partials with "_" for "-"). */
  partial: string;
  content: object;
}

export interface MyAnswerButtonView {
  value: string;
  label: string;
  /** The member's current answer. */
  current: boolean;
}

export interface MyMeetingView extends MeetingListItemView {
  anchor: string;
  answerLabel: string;
  answered: boolean;
  closedReason: string | null;
  action: string;
  buttons: MyAnswerButtonView[];
  /** Answer with a deputy, on the meeting's own answer form. */
  deputyHref: string;
  /** A message for this meeting's answer (422). */
  error: string | null;
}

const ANSWER_BUTTON_LABELS = { accepted: 'Zusagen', tentative: 'Vielleicht', declined: 'Absagen' } as const;

function myMeeting(m: MyMeeting, error: string | null): MyMeetingView {
  const response = m.answer?.response ?? 'none';
  return {
    ...meetingListItem(m.meeting),
    anchor: `sitzung-${m.meeting.id}`,
    answerLabel: RSVP_RESPONSE_LABELS[response],
    answered: response !== 'none',
    closedReason: m.closedReason,
    action: `/meine-seite/sitzungen/${m.meeting.id}/antwort`,
    buttons: RSVP_ANSWERS.map((a) => ({ value: a, label: ANSWER_BUTTON_LABELS[a], current: a === response })),
    deputyHref: `/sitzungen/${m.meeting.id}/antwort`,
    error,
  };
}

function membershipRow(m: Membership) {
  return {
    bodyName: m.body.name,
    bodyHref: `/gremien/${m.bodyId}`,
    roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
    sinceText: m.startDate ? `seit ${formatGermanDate(m.startDate)}` : null,
    startText: m.startDate ? `ab ${formatGermanDate(m.startDate)}` : null,
    onBehalfOf: m.onBehalfOf ? m.onBehalfOf.name : null,
  };
}

export interface MyPageView {
  sections: MyPageSection[];
  /** Jump links to the sections, in order. */
  toc: { href: string; title: string }[];
}

/** Errors to show at one meeting's answer buttons, by meeting id. */
export type MyPageErrors = Map<number, string>;

/** The sections of Meine Seite, in reading order. */
export function myPageSections(data: MyPageData, baseUrl: string, errors: MyPageErrors = new Map()): MyPageView {
  const personHref = data.personId === null ? null : `/personen/${data.personId}`;
  const feed: SubscriptionLinks | null = data.calendarToken ? subscriptionLinks(baseUrl, `/kalender/${data.calendarToken}.ics`) : null;
  const actionItems: ActionItemView[] = data.actionItems.items.map((a) => actionItemView(a, data.actionItems.today));
  const sections: MyPageSection[] = [
    {
      id: 'meine-sitzungen',
      title: 'Meine nächsten Sitzungen',
      partial: 'my_page/meetings',
      content: { items: data.meetings.map((m) => myMeeting(m, errors.get(m.meeting.id) ?? null)), hasPerson: data.personId !== null },
    },
    {
      id: 'meine-aufgaben',
      title: 'Meine offenen Aufgaben',
      partial: 'my_page/action_items',
      content: {
        items: actionItems,
        total: data.actionItems.total,
        overdue: data.actionItems.overdue,
        more: data.actionItems.total > actionItems.length,
        allHref: '/aufgaben?meine=1',
      },
    },
    {
      id: 'meine-umfragen',
      title: 'Offene Terminumfragen',
      partial: 'my_page/polls',
      content: {
        items: data.polls.map((p) => ({
          title: p.title,
          bodyName: p.bodyName,
          href: `/terminumfragen/${p.id}`,
          deadlineText: formatDateTime(p.deadline),
          answered: p.answered,
          actionLabel: p.answered ? 'Antwort ändern' : 'Jetzt antworten',
        })),
        hasPerson: data.personId !== null,
      },
    },
    {
      id: 'meine-rundschreiben',
      title: 'Rundschreiben meiner Gremien',
      partial: 'my_page/circulars',
      content: {
        items: data.circulars.map((c) => ({ subject: c.subject, senderName: c.senderName, href: `/rundschreiben/${c.id}`, sentText: formatDateTime(c.createdAt) })),
      },
    },
    {
      id: 'meine-gremien',
      title: 'Meine Gremien und Rollen',
      partial: 'my_page/bodies',
      content: { current: data.memberships.current.map(membershipRow), upcoming: data.memberships.upcoming.map(membershipRow), hasPerson: data.personId !== null },
    },
    {
      id: 'mein-kalender',
      title: 'Mein Sitzungskalender',
      partial: 'my_page/calendar',
      content: { feed, manageHref: '/kalender#persoenlich' },
    },
    {
      id: 'meine-geraete',
      title: 'Adressbuch und Kalender auf dem Telefon',
      partial: 'my_page/devices',
      content: {
        countText: data.devices.count === 0 ? null : `${data.devices.count} ${data.devices.count === 1 ? 'Gerätepasswort' : 'Gerätepasswörter'} eingerichtet`,
        lastUsedText: data.devices.lastUsedAt ? formatDateTime(data.devices.lastUsedAt) : null,
        manageHref: '/konto/geraete',
      },
    },
    {
      id: 'mein-eintrag',
      title: 'Mein Eintrag und meine Daten',
      partial: 'my_page/entry',
      content: {
        personHref,
        editHref: data.personId === null ? null : `/personen/${data.personId}/selbst-bearbeiten`,
        exportHref: data.personId === null ? null : '/meine-seite/meine-daten.json',
        accountHref: '/konto',
      },
    },
  ];
  return { sections, toc: sections.map((s) => ({ href: `#${s.id}`, title: s.title })) };
}

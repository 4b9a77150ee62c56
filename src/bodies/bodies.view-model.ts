import { formatIsoDate } from '../common/dates.js';
import { BODY_KIND_LABELS, MEMBERSHIP_ROLE_HEADINGS, MEMBERSHIP_ROLE_LABELS } from './body-labels.js';
import { personDisplayName } from '../people/person-name.js';
import type { Body } from './body.entity.js';
import type { BodyOverview } from './bodies.service.js';
import type { MemberListing } from './body-reads.js';
import { MEMBERSHIP_ROLES, type Membership, type MembershipRole } from './membership.entity.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SUMMARY_MAX = 220;
/** Abbreviations (spaces removed, lower case) whose full stop, before a capital letter, does not end a sentence. */
const ABBREVIATIONS = new Set(
  ['z', 'z.b', 'd.h', 'u.a', 'o.ä', 'i.d.r', 'u.u', 's.o', 's.u', 'e', 'dr', 'prof', 'hr', 'fr', 'st', 'nr', 'str', 'bzw', 'ca', 'vgl', 'ggf', 'evtl', 'inkl', 'sog', 'gem', 'abs'],
);

export interface BodySummaryView {
  id: number;
  href: string;
  name: string;
  shortName: string | null;
  kindLabel: string;
  foundedText: string | null;
  memberCountText: string;
  summary: string | null;
  internal: boolean;
}

export interface OrganisationRefView {
  prefix: string;
  name: string;
  /** null for an organisation removed from the directory (named, not linked). */
  href: string | null;
}

/** Links to change a membership, for those who may manage the body (null otherwise). */
export interface MembershipActionsView {
  editHref: string;
  /** null for memberships that have already ended. */
  endHref: string | null;
}

export interface MemberRowView {
  personName: string;
  /** null for people removed from the directory. */
  personHref: string | null;
  actions: MembershipActionsView | null;
  functionTitle: string | null;
  organisation: OrganisationRefView | null;
  votingText: string;
  note: string | null;
  sinceText: string | null;
}

export interface RoleGroupView {
  role: MembershipRole;
  headingId: string;
  heading: string;
  rows: MemberRowView[];
}

export interface FormerMemberRowView {
  personName: string;
  /** null for people removed from the directory (or erased: "Gelöschte Person"). */
  personHref: string | null;
  actions: MembershipActionsView | null;
  roleLabel: string;
  organisation: OrganisationRefView | null;
  periodText: string;
  note: string | null;
}

export interface UpcomingMemberRowView {
  personName: string;
  personHref: string | null;
  actions: MembershipActionsView | null;
  roleLabel: string;
  organisation: OrganisationRefView | null;
  /** "ab 01.02.2027". */
  startText: string;
  note: string | null;
}

function germanDate(iso: string | null): string | null {
  return iso && ISO_DATE.test(iso) ? formatIsoDate(iso) : null;
}

/** "2003" when only the year is known, else "1. März 2016"; null when unknown. */
export function foundedDate(b: Pick<Body, 'foundedOn' | 'foundedYearOnly'>): string | null {
  if (!b.foundedOn || !ISO_DATE.test(b.foundedOn)) return null;
  return b.foundedYearOnly ? b.foundedOn.slice(0, 4) : germanDate(b.foundedOn);
}

/** "gegründet 2003" or "gegründet am 1. März 2016"; null when unknown. */
export function foundedText(b: Pick<Body, 'foundedOn' | 'foundedYearOnly'>): string | null {
  const date = foundedDate(b);
  if (!date) return null;
  return b.foundedYearOnly ? `gegründet ${date}` : `gegründet am ${date}`;
}

export function memberCountText(count: number): string {
  if (count === 0) return 'keine Mitglieder';
  return count === 1 ? '1 Mitglied' : `${count} Mitglieder`;
}

/**
 * The first sentence of a description, for lists. Full stops after numbers ("1. März") and common
 * abbreviations ("z. B.") do not end a sentence; overlong sentences are cut at a word with "…".
 */
export function firstSentence(text: string | null, maxLength = SUMMARY_MAX): string | null {
  const flat = (text ?? '').replace(/\s+/gu, ' ').trim();
  if (!flat) return null;
  let end = flat.length;
  for (const match of flat.matchAll(/[.!?](?= \p{Lu}|$)/gu)) {
    const before = flat.slice(0, match.index);
    // The word before the stop, with any abbreviation parts before it ("z. B" → "z.b").
    const word = (/(?:\p{L}+\. ?)*[\p{L}\p{N}]+$/u.exec(before)?.[0] ?? '').replace(/ /g, '').toLowerCase();
    // "1. März", "3. Sitzung": a day or ordinal number, not the end of a sentence (a year like "2003." is).
    if (match[0] === '.' && (/^\d{1,2}$/.test(word) || ABBREVIATIONS.has(word))) continue;
    end = match.index + 1;
    break;
  }
  const sentence = flat.slice(0, end);
  if (sentence.length <= maxLength) return sentence;
  const cut = sentence.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–-]+$/u, '')} …`;
}

export function bodySummary({ body: b, currentMemberCount }: BodyOverview): BodySummaryView {
  return {
    id: b.id,
    href: `/gremien/${b.id}`,
    name: b.name,
    shortName: b.shortName,
    kindLabel: BODY_KIND_LABELS[b.kind],
    foundedText: foundedText(b),
    memberCountText: memberCountText(currentMemberCount),
    summary: firstSentence(b.description),
    internal: !b.isPublic,
  };
}

/** The organisation a member speaks for: "für" the one represented, else the person's own. */
export function representedOrganisation(m: MemberListing): OrganisationRefView | null {
  if (m.onBehalfOf) {
    return { prefix: 'für ', name: m.onBehalfOf.name, href: m.onBehalfOf.deletedAt ? null : `/organisationen/${m.onBehalfOf.id}` };
  }
  const own = m.person.organisation;
  return own ? { prefix: '', name: own.name, href: own.deletedAt ? null : `/organisationen/${own.id}` } : null;
}

export function votingText(m: Pick<Membership, 'votingRight'>): string {
  return m.votingRight ? 'stimmberechtigt' : 'ohne Stimmrecht';
}

/** "ab 01.02.2027" — when an upcoming membership starts. */
export function startsText(m: Pick<Membership, 'startDate'>): string {
  return m.startDate && ISO_DATE.test(m.startDate) ? `ab ${m.startDate.slice(8, 10)}.${m.startDate.slice(5, 7)}.${m.startDate.slice(0, 4)}` : '';
}

/** "1. September 2008 – 31. Dezember 2020", "bis 31. Dezember 2020", "seit 1. September 2008". */
export function periodText(m: Pick<Membership, 'startDate' | 'endDate'>): string {
  const from = germanDate(m.startDate);
  const to = germanDate(m.endDate);
  if (from && to) return `${from} – ${to}`;
  if (to) return `bis ${to}`;
  if (from) return `seit ${from}`;
  return 'Zeitraum unbekannt';
}

function personHref(m: MemberListing): string | null {
  return m.person.deletedAt ? null : `/personen/${m.personId}`;
}

/** Only a current membership can be ended; upcoming and former ones can be edited. */
function membershipActions(m: MemberListing, canManage: boolean, current: boolean): MembershipActionsView | null {
  if (!canManage) return null;
  const base = `/gremien/${m.bodyId}/mitgliedschaften/${m.id}`;
  return { editHref: `${base}/bearbeiten`, endHref: current ? `${base}/beenden` : null };
}

function memberRow(m: MemberListing, canManage: boolean): MemberRowView {
  return {
    personName: personDisplayName(m.person),
    personHref: personHref(m),
    actions: membershipActions(m, canManage, true),
    functionTitle: m.person.functionTitle,
    organisation: representedOrganisation(m),
    votingText: votingText(m),
    note: m.note,
    sinceText: germanDate(m.startDate),
  };
}

/** Current memberships grouped by role in MEMBERSHIP_ROLES order, with plural headings; empty roles left out. */
export function roleGroups(current: MemberListing[], canManage = false): RoleGroupView[] {
  return MEMBERSHIP_ROLES.map((role) => ({
    role,
    headingId: `rolle-${role.replace(/_/g, '-')}`,
    heading: MEMBERSHIP_ROLE_HEADINGS[role],
    rows: current.filter((m) => m.role === role).map((m) => memberRow(m, canManage)),
  })).filter((g) => g.rows.length > 0);
}

/** What a former and an upcoming member's row share (neither may be ended from the list). */
function notCurrentMemberRow(m: MemberListing, canManage: boolean) {
  return {
    personName: personDisplayName(m.person),
    personHref: personHref(m),
    actions: membershipActions(m, canManage, false),
    roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
    organisation: representedOrganisation(m),
    note: m.note,
  };
}

export function formerMemberRow(m: MemberListing, canManage = false): FormerMemberRowView {
  return { ...notCurrentMemberRow(m, canManage), periodText: periodText(m) };
}

export function upcomingMemberRow(m: MemberListing, canManage = false): UpcomingMemberRowView {
  return { ...notCurrentMemberRow(m, canManage), startText: startsText(m) };
}

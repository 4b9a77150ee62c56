import type { Membership } from './membership.entity.js';

/**
 * "Current membership" — the one definition every page, count, invitation, mail, chair right and
 * quorum uses: a membership is current from the start of its start date until the end of its end
 * date (Berlin calendar days, inclusive). A missing start date means "since always", a missing end
 * date "open-ended". A membership that starts later is upcoming, one whose end date has passed ended.
 */
export type MembershipPeriod = 'upcoming' | 'current' | 'ended';

type Dated = Pick<Membership, 'startDate' | 'endDate'>;

export function membershipPeriod(m: Dated, today: string): MembershipPeriod {
  if (m.startDate !== null && m.startDate > today) return 'upcoming';
  if (m.endDate !== null && m.endDate < today) return 'ended';
  return 'current';
}

export function isCurrentMembership(m: Dated, today: string): boolean {
  return membershipPeriod(m, today) === 'current';
}

/**
 * The same rule as SQL for a `memberships` row aliased `alias` (column names, so it works in query
 * builders and hand-written queries alike); bind the Berlin day as `:${dayParam}` (YYYY-MM-DD).
 */
export function currentMembershipSql(alias: string, dayParam = 'today'): string {
  return `((${alias}.start_date IS NULL OR ${alias}.start_date <= :${dayParam}) AND (${alias}.end_date IS NULL OR ${alias}.end_date >= :${dayParam}))`;
}

import type { AuditValues } from '../audit/audit-log.service.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { MEMBERSHIP_ROLE_LABELS } from './body-labels.js';
import type { Membership } from './membership.entity.js';

/** The audited fields of a membership and their German names. */
export const MEMBERSHIP_AUDIT_LABELS: Record<string, string> = {
  role: 'Rolle',
  votingRight: 'Stimmrecht',
  onBehalfOf: 'Für Organisation',
  startDate: 'Beginn',
  endDate: 'Ende',
  note: 'Anmerkung',
};

export function membershipAuditValues(
  m: Pick<Membership, 'role' | 'votingRight' | 'startDate' | 'endDate' | 'note'>,
  onBehalfOfName: string | null,
): AuditValues {
  return {
    role: MEMBERSHIP_ROLE_LABELS[m.role],
    votingRight: m.votingRight ? 'ja' : 'nein',
    onBehalfOf: onBehalfOfName,
    startDate: formatGermanDate(m.startDate) || null,
    endDate: formatGermanDate(m.endDate) || null,
    note: m.note,
  };
}

/** "Jana Köhler – Begleitbeirat": who in which body, as the log names a membership. */
export function membershipAuditLabel(personName: string, bodyName: string): string {
  return `${personName} – ${bodyName}`;
}

import type { Attended } from '../meetings/attendance.entity.js';
import type { QuorumRuleKind } from './quorum-rule.entity.js';

export interface QuorumRule {
  kind: QuorumRuleKind;
  value: number | null;
}

export const DEFAULT_QUORUM_RULE: QuorumRule = { kind: 'more_than_half', value: null };

/** A voting member of the body at the meeting and what the minutes recorded for them. */
export interface VotingSeat {
  personId: number;
  attended: Attended | null;
  /** Who represented them (Vertretung). */
  deputyPersonId: number | null;
}

export interface QuorumResult {
  votingMembers: number;
  /** Voting members present in person. */
  present: number;
  /** Voting members absent but represented by a deputy. */
  represented: number;
  /** Votes that count: present + represented. */
  votes: number;
  needed: number;
  reached: boolean;
  /** "mehr als die Hälfte der stimmberechtigten Mitglieder" */
  ruleText: string;
}

/** Votes needed under the rule for n voting members. */
export function votesNeeded(rule: QuorumRule, votingMembers: number): number {
  switch (rule.kind) {
    case 'percent': {
      const percent = Math.min(100, Math.max(1, rule.value ?? 50));
      return Math.max(1, Math.ceil((votingMembers * percent) / 100));
    }
    case 'count':
      return Math.max(1, rule.value ?? 1);
    case 'more_than_half':
      return Math.floor(votingMembers / 2) + 1;
  }
}

export function quorumRuleText(rule: QuorumRule): string {
  switch (rule.kind) {
    case 'percent':
      return `mindestens ${Math.min(100, Math.max(1, rule.value ?? 50))} % der stimmberechtigten Mitglieder`;
    case 'count':
      return `mindestens ${Math.max(1, rule.value ?? 1)} stimmberechtigte Mitglieder`;
    case 'more_than_half':
      return 'mehr als die Hälfte der stimmberechtigten Mitglieder';
  }
}

/**
 * Quorum (Beschlussfähigkeit) from the recorded attendance: a voting member counts when present,
 * or when absent and represented by a deputy who is not a voting member in their own right
 * (nobody carries two votes) and who represents nobody else.
 */
export function computeQuorum(seats: readonly VotingSeat[], rule: QuorumRule = DEFAULT_QUORUM_RULE): QuorumResult {
  const votingIds = new Set(seats.map((s) => s.personId));
  const present = seats.filter((s) => s.attended === 'yes').length;
  const deputiesUsed = new Set<number>();
  let represented = 0;
  for (const s of seats) {
    if (s.attended === 'yes' || s.deputyPersonId === null) continue;
    if (votingIds.has(s.deputyPersonId) || deputiesUsed.has(s.deputyPersonId)) continue;
    deputiesUsed.add(s.deputyPersonId);
    represented++;
  }
  const votingMembers = seats.length;
  const needed = votesNeeded(rule, votingMembers);
  const votes = present + represented;
  return { votingMembers, present, represented, votes, needed, reached: votingMembers > 0 && votes >= needed, ruleText: quorumRuleText(rule) };
}

import { QUORUM_RULE_KINDS, type QuorumRuleKind } from './quorum-rule.entity.js';

export interface QuorumRule {
  kind: QuorumRuleKind;
  value: number | null;
}

export const DEFAULT_QUORUM_RULE: QuorumRule = { kind: 'more_than_half', value: null };

/** The kinds as officers choose them on the body's quorum page. */
export const QUORUM_RULE_KIND_LABELS: Record<QuorumRuleKind, string> = {
  more_than_half: 'mehr als die Hälfte der stimmberechtigten Mitglieder',
  percent: 'ein Prozentsatz der stimmberechtigten Mitglieder',
  count: 'eine feste Anzahl stimmberechtigter Mitglieder',
};

export type QuorumRuleErrors = Partial<Record<'kind' | 'value', string>>;

/**
 * Checks an officer's input: the kind must be known; a percentage is a whole number 1–100, a fixed
 * number a whole number from 1 to the body's current voting members. Returns the rule or German errors.
 */
export function parseQuorumRule(rawKind: string, rawValue: string, votingMembers: number): { ok: true; rule: QuorumRule } | { ok: false; errors: QuorumRuleErrors } {
  const kind = (QUORUM_RULE_KINDS as readonly string[]).includes(rawKind) ? (rawKind as QuorumRuleKind) : null;
  if (kind === null) return { ok: false, errors: { kind: 'Bitte eine der angebotenen Regeln wählen.' } };
  if (kind === 'more_than_half') return { ok: true, rule: { kind, value: null } };
  const text = rawValue.trim();
  if (text === '') return { ok: false, errors: { value: kind === 'percent' ? 'Bitte den Prozentsatz angeben (1 bis 100).' : 'Bitte die Anzahl der Mitglieder angeben.' } };
  if (!/^\d{1,3}$/.test(text)) return { ok: false, errors: { value: 'Bitte eine ganze Zahl ohne Komma und Einheit angeben, z. B. 60.' } };
  const value = Number(text);
  if (kind === 'percent' && (value < 1 || value > 100)) return { ok: false, errors: { value: 'Der Prozentsatz muss zwischen 1 und 100 liegen.' } };
  if (kind === 'count' && value < 1) return { ok: false, errors: { value: 'Die Anzahl muss mindestens 1 sein.' } };
  if (kind === 'count' && value > votingMembers) {
    return { ok: false, errors: { value: `Die Anzahl darf nicht größer sein als die Zahl der stimmberechtigten Mitglieder (derzeit ${votingMembers}).` } };
  }
  return { ok: true, rule: { kind, value } };
}

/** A voting member of the body at the meeting and what the minutes recorded for them. */
export interface VotingSeat {
  personId: number;
  /** What the minutes recorded (meetings' Attended: 'yes' | 'no' | 'excused'); only 'yes' counts as present. */
  attended: 'yes' | 'no' | 'excused' | null;
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
    case 'count': {
      const count = Math.max(1, rule.value ?? 1);
      return count === 1 ? 'mindestens 1 stimmberechtigtes Mitglied' : `mindestens ${count} stimmberechtigte Mitglieder`;
    }
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

/** The stored rule of a body (its body_quorum_rules row), or the default when there is none. */
export function quorumRuleOf(row: { kind: QuorumRule['kind']; value: number | null } | null): QuorumRule {
  return row ? { kind: row.kind, value: row.value } : DEFAULT_QUORUM_RULE;
}

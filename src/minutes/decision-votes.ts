import type { DecisionResult } from './decision.entity.js';

export interface VotesInput {
  unanimous: boolean;
  yes: number | null;
  no: number | null;
  abstain: number | null;
  result: DecisionResult;
}

export type VotesField = 'votesYes' | 'votesNo' | 'votesAbstain' | 'unanimous' | 'result';

/**
 * The rules a recorded vote must follow; returns German messages by form field.
 * - unanimous: no votes against; abstentions are not allowed either ("einstimmig" = all in favour);
 * - adopted or rejected without "unanimous": yes, no and abstentions are all given;
 * - adopted needs more yes than no votes (a tie rejects); unanimous cannot be rejected;
 * - postponed (vertagt): no vote was taken, so no numbers.
 */
export function votesErrors(v: VotesInput): Partial<Record<VotesField, string>> {
  const errors: Partial<Record<VotesField, string>> = {};
  if (v.result === 'postponed') {
    if (v.unanimous || v.yes !== null || v.no !== null || v.abstain !== null) {
      errors.result = 'Ein vertagter Beschluss hat keine Abstimmung: bitte keine Stimmen eintragen.';
    }
    return errors;
  }
  if (v.unanimous) {
    if (v.result === 'rejected') errors.unanimous = 'Ein einstimmig gefasster Beschluss ist angenommen, nicht abgelehnt.';
    if ((v.no ?? 0) > 0) errors.votesNo = 'Bei „einstimmig“ gibt es keine Nein-Stimmen.';
    if ((v.abstain ?? 0) > 0) errors.votesAbstain = 'Bei „einstimmig“ gibt es keine Enthaltungen.';
    return errors;
  }
  if (v.yes === null) errors.votesYes = 'Bitte die Zahl der Ja-Stimmen angeben (oder „einstimmig“ wählen).';
  if (v.no === null) errors.votesNo = 'Bitte die Zahl der Nein-Stimmen angeben.';
  if (v.abstain === null) errors.votesAbstain = 'Bitte die Zahl der Enthaltungen angeben.';
  if (v.yes !== null && v.no !== null && v.result === 'adopted' && v.yes <= v.no) {
    errors.result = 'Mit nicht mehr Ja- als Nein-Stimmen ist ein Antrag abgelehnt.';
  }
  return errors;
}

/** "einstimmig", "7 Ja, 2 Nein, 1 Enthaltung", or "ohne Abstimmung" (postponed). */
export function votesText(v: Omit<VotesInput, 'result'>): string {
  if (v.unanimous) return v.yes !== null && v.yes > 0 ? `einstimmig (${v.yes} Ja)` : 'einstimmig';
  if (v.yes === null && v.no === null && v.abstain === null) return 'ohne Abstimmung';
  const abstain = v.abstain ?? 0;
  return `${v.yes ?? 0} Ja, ${v.no ?? 0} Nein, ${abstain} ${abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`;
}

/** Yes + no + abstentions as recorded (unanimous decisions may carry their yes count). */
export function votesCast(v: Pick<VotesInput, 'yes' | 'no' | 'abstain'>): number {
  return (v.yes ?? 0) + (v.no ?? 0) + (v.abstain ?? 0);
}

/**
 * The votes against the attendance: yes, no and abstentions together may not exceed the voting members
 * present or represented (the quorum's count: deputies counted). `votersPresent` null = no voting
 * member's attendance recorded yet: the votes cannot be checked, which is a warning, not a refusal —
 * secretaries often record decisions before the attendance list.
 */
export function votesAgainstAttendance(cast: number, votersPresent: number | null): { kind: 'ok' } | { kind: 'too-many' | 'unchecked'; message: string } {
  if (cast === 0) return { kind: 'ok' };
  if (votersPresent === null) {
    return {
      kind: 'unchecked',
      message: 'Die Stimmen konnten nicht geprüft werden: Die Anwesenheit ist noch nicht erfasst. Bitte erfassen Sie die Anwesenheit, dann wird die Zahl der Stimmen mit den anwesenden Stimmberechtigten verglichen.',
    };
  }
  if (cast > votersPresent) {
    return {
      kind: 'too-many',
      message: `Ja, Nein und Enthaltungen zusammen (${cast}) dürfen nicht mehr sein als die anwesenden stimmberechtigten Mitglieder (${votersPresent}, Vertretungen mitgezählt).`,
    };
  }
  return { kind: 'ok' };
}

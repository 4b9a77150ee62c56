import type { EntityManager } from 'typeorm';
import { Attendance, type RsvpResponse } from './attendance.entity.js';
import type { Meeting } from './meeting.entity.js';

/**
 * Answers to invitations (RSVP) — the one rule and the one write, for the meeting page (logged in)
 * and the signed link in the invitation mail (src/mail) alike.
 */

export type RsvpAnswer = Exclude<RsvpResponse, 'none'>;
export const RSVP_ANSWERS: readonly RsvpAnswer[] = ['accepted', 'tentative', 'declined'];

/** Why a meeting can no longer be answered, or null. */
export function rsvpClosedReason(meeting: Pick<Meeting, 'state' | 'endsAt'>, now: Date): string | null {
  if (meeting.state === 'cancelled') return 'Diese Sitzung ist abgesagt; eine Antwort ist nicht mehr nötig.';
  if (meeting.state === 'held' || meeting.endsAt.getTime() < now.getTime()) return 'Diese Sitzung ist vorbei; Antworten sind nicht mehr möglich.';
  return null;
}

export interface RsvpAnswerInput {
  meetingId: number;
  personId: number;
  response: RsvpAnswer;
  /**
   * Who goes instead (for a decline or a maybe); `undefined` keeps the deputy named before
   * (the mail link names none). An acceptance always clears it.
   */
  deputyPersonId?: number | null;
  at: Date;
}

/** Records a person's answer for a meeting inside the caller's write transaction (insert or update). */
export async function saveRsvpAnswer(manager: EntityManager, input: RsvpAnswerInput): Promise<void> {
  const { meetingId, personId, response, at } = input;
  const deputy = response === 'accepted' ? { deputyPersonId: null } : input.deputyPersonId === undefined ? {} : { deputyPersonId: input.deputyPersonId };
  const repo = manager.getRepository(Attendance);
  const existing = await repo.findOne({ where: { meetingId, personId }, select: { id: true } });
  const values = { response, respondedAt: at, ...deputy };
  if (existing) await repo.update({ id: existing.id }, values);
  else await repo.insert({ meetingId, personId, invitedAt: null, deputyPersonId: null, ...values });
}

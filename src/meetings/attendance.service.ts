import { Injectable } from '@nestjs/common';
import { assertMember } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import type { Meeting } from './meeting.entity.js';
import type { AttendanceAnswer, PersonNameFacts } from './meeting-reads.js';
import { MeetingsService } from './meetings.service.js';
import { type RsvpAnswer, rsvpClosedReason, saveRsvpAnswer } from './rsvp-rules.js';

export interface RsvpInput {
  response: RsvpAnswer;
  deputyPersonId: number | null;
}

/** Answers to invitations (RSVP) by current members of the body, with an optional deputy. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: DatabaseService,
    private readonly meetings: MeetingsService,
  ) {}

  /** The meeting and the deputies the viewer may name; 403 when the viewer is not a current member. */
  async context(viewer: Viewer, meetingId: number): Promise<{ meeting: Meeting; personId: number; deputies: PersonNameFacts[]; current: AttendanceAnswer | null }> {
    assertMember(viewer, `/sitzungen/${meetingId}`);
    const meeting = await this.meetings.visibleMeeting(meetingId, viewer);
    // the same reads as the meeting page: the deputies offered there are the ones accepted here
    const { attendance, deputyCandidates } = await this.meetings.detail(meetingId, viewer);
    const personId = viewer.personId;
    const row = personId === null ? undefined : attendance?.rows.find((r) => r.membership.personId === personId);
    if (personId === null || !row) throw forbidden('Antworten können nur Mitglieder dieses Gremiums.');
    return { meeting, personId, deputies: deputyCandidates, current: row.attendance };
  }

  async respond(viewer: Viewer, meetingId: number, input: RsvpInput, now: Date = new Date()): Promise<void> {
    const { meeting, personId, deputies } = await this.context(viewer, meetingId);
    const closed = rsvpClosedReason(meeting, now);
    if (closed) throw new FormRejected({ response: closed });
    const deputyPersonId = input.response === 'accepted' ? null : input.deputyPersonId;
    if (deputyPersonId !== null && !deputies.some((p) => p.id === deputyPersonId)) {
      throw new FormRejected({ deputyPersonId: 'Bitte eine Vertretung aus der Liste wählen.' });
    }
    await this.db.write((manager) => saveRsvpAnswer(manager, { meetingId, personId, response: input.response, deputyPersonId, at: now }));
  }
}

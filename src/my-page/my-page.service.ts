import { Injectable } from '@nestjs/common';
import { assertMember } from '../auth/access.js';
import type { MemberViewer, Viewer } from '../auth/viewer.js';
import { BodiesService } from '../bodies/bodies.service.js';
import type { Membership } from '../bodies/membership.entity.js';
import { todayInBerlin } from '../common/dates.js';
import { FormRejected } from '../common/forms/form.js';
import { CalendarTokenService } from '../calendar/calendar-token.service.js';
import type { Attendance } from '../meetings/attendance.entity.js';
import { AttendanceService } from '../meetings/attendance.service.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { RSVP_ANSWERS, type RsvpAnswer, rsvpClosedReason } from '../meetings/rsvp-rules.js';
import type { ActionItem } from '../minutes/action-item.entity.js';
import { ActionItemsService } from '../minutes/action-items.service.js';
import { DevicePasswordsService } from '../auth/device-passwords.service.js';
import { type MyCircular, type MyOpenPoll, MyPageRepository } from './my-page.repository.js';

/** How many upcoming meetings and open action items Meine Seite lists (the full lists are linked). */
export const MY_PAGE_LIMITS = { meetings: 10, actionItems: 10, polls: 10, circulars: 5 } as const;

export interface MyMeeting {
  meeting: Meeting;
  /** The member's answer so far (null: none recorded). */
  answer: Attendance | null;
  /** Why it can no longer be answered, or null. */
  closedReason: string | null;
}

/** What concerns the logged-in member now; each part is one section of the page. */
export interface MyPageData {
  viewer: MemberViewer;
  /** The member's own entry in the directory, if the account is linked to one. */
  personId: number | null;
  memberships: { current: Membership[]; upcoming: Membership[] };
  meetings: MyMeeting[];
  actionItems: { items: ActionItem[]; total: number; overdue: number; today: string };
  /** The personal feed's token, or null when none was created yet. */
  calendarToken: string | null;
  /** Open date polls of my current bodies. */
  polls: MyOpenPoll[];
  /** The latest circulars to me or my bodies. */
  circulars: MyCircular[];
  /** My CardDAV/CalDAV device passwords: how many, and the last use of any. */
  devices: { count: number; lastUsedAt: Date | null };
}

/**
 * Meine Seite (the landing page after login): the member's bodies and roles, upcoming meetings of those
 * bodies with the member's answer, open action items, the calendar feed. It reads through the domain
 * services (their visibility and rules), never around them.
 */
@Injectable()
export class MyPageService {
  constructor(
    private readonly bodies: BodiesService,
    private readonly meetings: MeetingsService,
    private readonly attendance: AttendanceService,
    private readonly actionItems: ActionItemsService,
    private readonly calendar: CalendarTokenService,
    private readonly repository: MyPageRepository,
    private readonly devicePasswords: DevicePasswordsService,
  ) {}

  async overview(viewer: Viewer, now = new Date()): Promise<MyPageData> {
    assertMember(viewer, '/meine-seite');
    const personId = viewer.personId;
    const calendarToken = await this.calendar.current(viewer);
    const deviceList = await this.devicePasswords.list(viewer.accountId);
    const lastUse = deviceList.reduce<number | null>((max, d) => (d.lastUsedAt && (max === null || d.lastUsedAt.getTime() > max) ? d.lastUsedAt.getTime() : max), null);
    const devices = { count: deviceList.length, lastUsedAt: lastUse === null ? null : new Date(lastUse) };
    if (personId === null) {
      return { viewer, personId, memberships: { current: [], upcoming: [] }, meetings: [], actionItems: { items: [], total: 0, overdue: 0, today: todayInBerlin(now) }, calendarToken, polls: [], circulars: [], devices };
    }
    const memberships = await this.bodies.membershipsOfPerson(personId, viewer, todayInBerlin(now));
    const meetings = await this.upcomingMeetings(viewer, personId, memberships.current, now);
    const [items, total] = await this.actionItems.list(viewer, { personId, state: 'open', offset: 0, limit: MY_PAGE_LIMITS.actionItems }, now);
    const [, overdue] = await this.actionItems.list(viewer, { personId, state: 'overdue', offset: 0, limit: 1 }, now);
    const currentBodyIds = [...new Set(memberships.current.map((m) => m.bodyId))];
    const polls = await this.repository.openPolls(personId, currentBodyIds, MY_PAGE_LIMITS.polls);
    const circulars = await this.repository.recentCirculars(personId, currentBodyIds, MY_PAGE_LIMITS.circulars);
    return {
      viewer,
      personId,
      memberships: { current: memberships.current, upcoming: memberships.upcoming },
      meetings,
      actionItems: { items, total, overdue, today: todayInBerlin(now) },
      calendarToken,
      polls,
      circulars,
      devices,
    };
  }

  /**
   * Answers an invitation from Meine Seite through the meeting module's answer service (same rules
   * as the meeting page: current members only, not after the meeting). A deputy named before stays
   * named unless the member now accepts.
   */
  async answer(viewer: Viewer, meetingId: number, rawResponse: unknown, now = new Date()): Promise<void> {
    const { current } = await this.attendance.context(viewer, meetingId);
    const response = RSVP_ANSWERS.find((a) => a === rawResponse);
    if (!response) throw new FormRejected({ response: 'Bitte wählen Sie Zusage, Vielleicht oder Absage.' });
    await this.attendance.respond(viewer, meetingId, { response: response satisfies RsvpAnswer, deputyPersonId: current?.deputyPersonId ?? null }, now);
  }

  private async upcomingMeetings(viewer: MemberViewer, personId: number, current: Membership[], now: Date): Promise<MyMeeting[]> {
    const bodyIds = [...new Set(current.map((m) => m.bodyId))];
    const perBody: Meeting[] = [];
    // one body after another: queries of one request never run in parallel on one connection
    for (const bodyId of bodyIds) perBody.push(...(await this.meetings.upcoming(viewer, { bodyId, limit: MY_PAGE_LIMITS.meetings }, now)));
    const meetings = perBody.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id).slice(0, MY_PAGE_LIMITS.meetings);
    const answers = await this.repository.answersOf(personId, meetings.map((m) => m.id));
    return meetings.map((meeting) => ({ meeting, answer: answers.get(meeting.id) ?? null, closedReason: rsvpClosedReason(meeting, now) }));
  }
}

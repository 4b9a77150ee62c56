import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import { forbidden } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { auditMeeting, meetingSnapshot } from './meeting-audit.js';
import { personDisplayName } from '../people/person-name.js';
import { agendaLengthWarning } from './agenda.js';
import { Attendance } from './attendance.entity.js';
import { berlinDay } from '../common/dates.js';
import { berlinToUtc, germanDate, isoDate, type LocalDate, parseLocalDate, parseLocalTime } from '../common/berlin-time.js';
import { type ExistingMeeting, findConflicts, type MeetingWarning, type PlannedMeeting } from './conflicts.js';
import {
  changeBlockedReason,
  invitationBlockedReason,
  nextSequence,
  noticePeriodWarning,
  timeRangeError,
  validateCancelReason,
} from './meeting-rules.js';
import type { MeetingChange } from './meeting-events.js';
import type { PostponeAnswers } from './meetings.forms.js';
import { Meeting } from './meeting.entity.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';
import { expandSeries, type SeriesEnd, type SeriesRule } from './series.js';
import { SearchIndexer } from '../search/search-indexer.js';

/** A checked postponement: the new times and what happens to the answers. */
export interface PostponePlan {
  meeting: Meeting;
  startsAt: Date;
  endsAt: Date;
  resetAnswers: boolean;
  dayChanges: boolean;
}

/** What a chair typed into the meeting form, after DTO validation (times still as text). */
export interface MeetingInput {
  bodyId: number;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  locationId: number | null;
  onlineLink: string | null;
  isPublic: boolean;
  description: string | null;
}

export interface TimesInput {
  date: string;
  startTime: string;
  endTime: string;
}

export interface SeriesInput {
  bodyId: number;
  title: string;
  startDate: string;
  startTime: string;
  endTime: string;
  rule: SeriesRule;
  end: { kind: 'count'; count: string } | { kind: 'until'; until: string };
  locationId: number | null;
  onlineLink: string | null;
  isPublic: boolean;
}

/** Saved, or not saved because the chair must first see these warnings ("trotzdem speichern"). */
export type SaveOutcome<T> = { saved: true; value: T; notices: string[] } | { saved: false; warnings: MeetingWarning[] };

/** Field names of the date and time inputs in a form. */
interface TimeFields {
  date: string;
  startTime: string;
  endTime: string;
}

const MEETING_TIME_FIELDS: TimeFields = { date: 'date', startTime: 'startTime', endTime: 'endTime' };

interface ResolvedTimes {
  startsAt: Date;
  endsAt: Date;
  notices: string[];
}

/**
 * A Berlin date with start and end time → UTC instants. Every problem is a German message at its
 * field: impossible dates, times that do not exist on that day, end not after start.
 */
export function resolveMeetingTimes(input: TimesInput, fields: TimeFields = MEETING_TIME_FIELDS): { ok: true; value: ResolvedTimes } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = parseLocalDate(input.date);
  const start = parseLocalTime(input.startTime);
  const end = parseLocalTime(input.endTime);
  if (!date.ok) errors[fields.date] = date.error;
  if (!start.ok) errors[fields.startTime] = start.error;
  if (!end.ok) errors[fields.endTime] = end.error;
  if (!date.ok || !start.ok || !end.ok) return { ok: false, errors };
  const startsAt = berlinToUtc(date.value, start.value);
  const endsAt = berlinToUtc(date.value, end.value);
  if (!startsAt.ok) errors[fields.startTime] = startsAt.error;
  if (!endsAt.ok) errors[fields.endTime] = endsAt.error;
  if (!startsAt.ok || !endsAt.ok) return { ok: false, errors };
  const rangeError = timeRangeError(startsAt.value.instant, endsAt.value.instant);
  if (rangeError) return { ok: false, errors: { [fields.endTime]: rangeError } };
  const notices = [startsAt.value.notice, endsAt.value.notice].filter((n): n is string => n !== null);
  return { ok: true, value: { startsAt: startsAt.value.instant, endsAt: endsAt.value.instant, notices: [...new Set(notices)] } };
}

function toExisting(m: Meeting): ExistingMeeting {
  return {
    id: m.id,
    bodyId: m.bodyId,
    bodyName: m.body.name,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    locationId: m.locationId,
    locationName: m.location?.name ?? null,
    state: m.state,
  };
}

/** Scheduling for chairs, deputy chairs, secretaries (of that body) and administrators. */
@Injectable()
export class MeetingEditorService {
  private readonly host: string;

  constructor(
    private readonly db: DatabaseService,
    private readonly repository: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly permissions: BodyPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
  ) {
    this.host = new URL(config.baseUrl).hostname;
  }

  /**
   * Tells the invitees about a change, inside the write transaction: publishes 'meeting.changed'
   * (mail queues the iTIP mails in the same transaction, so they exist exactly when the change does).
   */
  announce(manager: EntityManager, meetingId: number, change: MeetingChange, at: Date = new Date()): Promise<void> {
    return this.events.publish(manager, 'meeting.changed', { meetingId, change, at });
  }

  /** A new, stable calendar UID: never changes for this meeting, also when it moves. */
  newUid(): string {
    return `${randomUUID()}@${this.host}`;
  }

  /** The bodies the viewer may schedule for (403 when none). */
  async manageableBodies(viewer: Viewer, returnTo = '/sitzungen'): Promise<Body[]> {
    assertMember(viewer, returnTo);
    const ids = await this.permissions.manageableBodyIds(viewer);
    const bodies = await this.repository.findBodies(true);
    const allowed = ids === 'all' ? bodies : bodies.filter((b) => ids.includes(b.id));
    if (allowed.length === 0) throw forbidden('Sitzungen planen nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung eines Gremiums.');
    return allowed;
  }

  /** Whether the viewer may manage this meeting's body (for showing the chair's links). */
  canManage(viewer: Viewer, bodyId: number): Promise<boolean> {
    return this.permissions.canManageBody(viewer, bodyId);
  }

  /** Defaults for a new meeting of the body: duration and the place of its latest meeting. */
  async defaultsFor(body: Body): Promise<{ durationMinutes: number; locationId: number | null; title: string }> {
    const [latest] = await this.repository.findAll({ includeInternal: true, bodyIds: [body.id], order: 'DESC' });
    return {
      durationMinutes: body.defaultDurationMinutes > 0 ? body.defaultDurationMinutes : 120,
      locationId: latest?.locationId ?? null,
      title: `Sitzung ${body.shortName ?? body.name}`,
    };
  }

  /** A meeting the viewer may manage: 404 when they may not even see it, 403 when not their body. */
  async forManage(id: number, viewer: Viewer, returnTo = `/sitzungen/${id}`): Promise<Meeting> {
    assertMember(viewer, returnTo);
    const meeting = await this.meetings.visibleMeeting(id, viewer);
    await this.permissions.assertCanManageBody(viewer, meeting.bodyId, returnTo);
    return meeting;
  }

  private async assertBody(viewer: Viewer, bodyId: number): Promise<Body> {
    await this.permissions.assertCanManageBody(viewer, bodyId, '/sitzungen/neu');
    const body = await this.repository.findBody(bodyId);
    if (!body) throw new FormRejected({ bodyId: 'Dieses Gremium gibt es nicht.' });
    return body;
  }

  private async assertLocation(locationId: number | null, field = 'locationId'): Promise<void> {
    if (locationId !== null && !(await this.repository.findLocation(locationId))) {
      throw new FormRejected({ [field]: 'Diesen Ort gibt es nicht (mehr). Bitte einen Ort aus der Liste wählen.' });
    }
  }

  /** Conflicts with other meetings (place, body, shared members) and public holidays. */
  async conflictWarnings(planned: PlannedMeeting): Promise<MeetingWarning[]> {
    const others = await this.repository.findOverlapping(planned.startsAt, planned.endsAt);
    const bodyIds = [...new Set([planned.bodyId, ...others.map((o) => o.bodyId)])];
    const day = berlinDay(planned.startsAt);
    const memberships = await this.repository.findCurrentMemberships(bodyIds, day);
    const membersByBody = new Map<number, Set<number>>();
    const personNames = new Map<number, string>();
    for (const m of memberships) {
      const set = membersByBody.get(m.bodyId) ?? new Set<number>();
      set.add(m.personId);
      membersByBody.set(m.bodyId, set);
      personNames.set(m.personId, personDisplayName(m.person));
    }
    return findConflicts(planned, others.map(toExisting), { membersByBody, personNames, region: this.config.region });
  }

  async create(viewer: Viewer, input: MeetingInput, confirmed: boolean): Promise<SaveOutcome<Meeting>> {
    assertMember(viewer, '/sitzungen/neu');
    await this.assertBody(viewer, input.bodyId);
    const times = resolveMeetingTimes(input);
    if (!times.ok) throw new FormRejected(times.errors);
    await this.assertLocation(input.locationId);
    const { startsAt, endsAt, notices } = times.value;
    if (!confirmed) {
      const warnings = await this.conflictWarnings({ bodyId: input.bodyId, startsAt, endsAt, locationId: input.locationId });
      const all = [...notices.map((message): MeetingWarning => ({ code: 'ambiguous_time', message })), ...warnings];
      if (all.length > 0) return { saved: false, warnings: all };
    }
    const meeting = await this.db.write(async (manager) => {
      const saved = await manager.getRepository(Meeting).save(
        manager.getRepository(Meeting).create({
          bodyId: input.bodyId,
          title: input.title,
          description: input.description,
          startsAt,
          endsAt,
          locationId: input.locationId,
          onlineLink: input.onlineLink,
          isPublic: input.isPublic,
          state: 'scheduled',
          uid: this.newUid(),
          sequence: 0,
          seriesId: null,
        }),
      );
      await auditMeeting(this.audit, manager, viewer, 'create', null, saved);
      await this.indexer.reindexMeeting(manager, saved.id);
      return saved;
    });
    return { saved: true, value: meeting, notices };
  }

  async update(viewer: Viewer, id: number, input: Omit<MeetingInput, 'bodyId'>, confirmed: boolean): Promise<SaveOutcome<Meeting>> {
    const current = await this.forManage(id, viewer);
    const blocked = current.state === 'cancelled' ? changeBlockedReason(current.state) : null;
    if (blocked) throw forbidden(blocked);
    const times = resolveMeetingTimes(input);
    if (!times.ok) throw new FormRejected(times.errors);
    await this.assertLocation(input.locationId);
    const { startsAt, endsAt, notices } = times.value;
    const warnings = await this.warningsToConfirm(current, times.value, input.locationId, confirmed);
    if (warnings.length > 0) return { saved: false, warnings };
    const meeting = await this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const fresh = await repo.findOneByOrFail({ id });
      const before = meetingSnapshot(fresh);
      const after = { title: input.title, startsAt, endsAt, locationId: input.locationId, onlineLink: input.onlineLink, state: fresh.state };
      fresh.sequence = nextSequence(fresh.sequence, fresh, after);
      Object.assign(fresh, after, { description: input.description, isPublic: input.isPublic });
      const saved = await repo.save(fresh);
      await auditMeeting(this.audit, manager, viewer, 'update', before, saved);
      await this.indexer.reindexMeeting(manager, saved.id);
      await this.events.publish(manager, 'meeting.saved', { meetingId: id, wasPublic: current.isPublic });
      // A change calendars must see goes to everyone invited, in this transaction.
      if (saved.sequence > current.sequence) await this.announce(manager, id, 'update');
      return saved;
    });
    return { saved: true, value: meeting, notices };
  }

  /** What the chair confirms before a change is saved (ambiguous clock times, conflicts, agenda length); nothing once confirmed. */
  private async warningsToConfirm(current: Meeting, times: { startsAt: Date; endsAt: Date; notices: string[] }, locationId: number | null, confirmed: boolean): Promise<MeetingWarning[]> {
    if (confirmed) return [];
    const warnings = await this.warningsForChange(current, times.startsAt, times.endsAt, locationId);
    return [...times.notices.map((message): MeetingWarning => ({ code: 'ambiguous_time', message })), ...warnings];
  }

  /** Conflicts at the new time/place plus an agenda that no longer fits the meeting's length. */
  private async warningsForChange(current: Meeting, startsAt: Date, endsAt: Date, locationId: number | null): Promise<MeetingWarning[]> {
    const timeChanged = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime();
    const placeChanged = locationId !== current.locationId;
    const warnings = timeChanged || placeChanged ? await this.conflictWarnings({ id: current.id, bodyId: current.bodyId, startsAt, endsAt, locationId }) : [];
    const agenda = await this.repository.findAgenda(current.id);
    const tooLong = agendaLengthWarning(agenda, Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000));
    if (tooLong && timeChanged) warnings.push({ code: 'agenda_too_long', message: tooLong });
    return warnings;
  }

  /**
   * Checks a postponement without saving: the new times (errors as FormRejected), the warnings to confirm,
   * and whether the members' answers will be reset ('auto': when the Berlin day changes).
   */
  async postponePlan(viewer: Viewer, id: number, input: TimesInput, answers: PostponeAnswers, confirmed: boolean): Promise<SaveOutcome<PostponePlan>> {
    const current = await this.forManage(id, viewer);
    const blocked = changeBlockedReason(current.state);
    if (blocked) throw forbidden(blocked);
    const times = resolveMeetingTimes(input);
    if (!times.ok) throw new FormRejected(times.errors);
    const { startsAt, endsAt, notices } = times.value;
    if (startsAt.getTime() === current.startsAt.getTime() && endsAt.getTime() === current.endsAt.getTime()) {
      throw new FormRejected({ date: 'Der neue Termin ist derselbe wie bisher. Bitte ein anderes Datum oder eine andere Uhrzeit angeben.' });
    }
    const warnings = await this.warningsToConfirm(current, times.value, current.locationId, confirmed);
    if (warnings.length > 0) return { saved: false, warnings };
    const dayChanges = berlinDay(startsAt) !== berlinDay(current.startsAt);
    const resetAnswers = answers === 'reset' || (answers === 'auto' && dayChanges);
    return { saved: true, value: { meeting: current, startsAt, endsAt, resetAnswers, dayChanges }, notices };
  }

  /**
   * Same meeting (same UID), new time; SEQUENCE rises so calendars move the event. With `resetAnswers`
   * the members' answers (and named deputies) are cleared in the same transaction.
   */
  async postpone(viewer: Viewer, id: number, input: TimesInput, confirmed: boolean, answers: PostponeAnswers = 'auto'): Promise<SaveOutcome<Meeting>> {
    const plan = await this.postponePlan(viewer, id, input, answers, confirmed);
    if (!plan.saved) return plan;
    const { startsAt, endsAt, resetAnswers } = plan.value;
    const meeting = await this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const fresh = await repo.findOneByOrFail({ id });
      const before = meetingSnapshot(fresh);
      fresh.sequence = nextSequence(fresh.sequence, fresh, { ...fresh, startsAt, endsAt });
      fresh.startsAt = startsAt;
      fresh.endsAt = endsAt;
      const saved = await repo.save(fresh);
      if (resetAnswers) await manager.getRepository(Attendance).update({ meetingId: id }, { response: 'none', respondedAt: null, deputyPersonId: null });
      await auditMeeting(this.audit, manager, viewer, 'postpone', before, saved);
      await this.indexer.reindexMeeting(manager, saved.id);
      // The new date goes to everyone invited, in this transaction.
      await this.events.publish(manager, 'meeting.changed', { meetingId: id, change: 'postponement', at: new Date(), answersReset: resetAnswers });
      return saved;
    });
    return { saved: true, value: meeting, notices: plan.notices };
  }

  /** Cancelled with a reason; the meeting stays (and stays in the feeds, STATUS:CANCELLED). */
  async cancel(viewer: Viewer, id: number, rawReason: string): Promise<Meeting> {
    const current = await this.forManage(id, viewer);
    const blocked = changeBlockedReason(current.state);
    if (blocked) throw forbidden(blocked);
    const reason = validateCancelReason(rawReason);
    if (!reason.ok) throw new FormRejected({ reason: reason.error });
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const fresh = await repo.findOneByOrFail({ id });
      const before = meetingSnapshot(fresh);
      fresh.sequence = nextSequence(fresh.sequence, fresh, { ...fresh, state: 'cancelled' });
      fresh.state = 'cancelled';
      fresh.cancelReason = reason.reason;
      const saved = await repo.save(fresh);
      await auditMeeting(this.audit, manager, viewer, 'cancel', before, saved);
      await this.indexer.reindexMeeting(manager, saved.id);
      // METHOD:CANCEL to everyone invited, in this transaction.
      await this.announce(manager, id, 'cancellation');
      return saved;
    });
  }

  /** Warnings before issuing the invitation (the body's notice period). */
  async invitationWarnings(meeting: Meeting, now: Date = new Date()): Promise<MeetingWarning[]> {
    const body = await this.repository.findBody(meeting.bodyId);
    const late = body ? noticePeriodWarning(meeting.startsAt, body.noticePeriodDays, now) : null;
    return late ? [{ code: 'notice_period', message: late }] : [];
  }

  /** State → invited; every current member is recorded as invited. Re-issuing after a change is allowed. */
  async invite(viewer: Viewer, id: number, confirmed: boolean, now: Date = new Date()): Promise<SaveOutcome<Meeting>> {
    const current = await this.forManage(id, viewer);
    const blocked = invitationBlockedReason(current.state);
    if (blocked) throw forbidden(blocked);
    if (!confirmed) {
      const warnings = await this.invitationWarnings(current, now);
      if (warnings.length > 0) return { saved: false, warnings };
    }
    const day = berlinDay(current.startsAt);
    const memberships = await this.repository.findCurrentMemberships([current.bodyId], day);
    const meeting = await this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const fresh = await repo.findOneByOrFail({ id });
      const before = meetingSnapshot(fresh);
      fresh.sequence = nextSequence(fresh.sequence, fresh, { ...fresh, state: 'invited' });
      fresh.state = 'invited';
      fresh.invitedAt = now;
      const saved = await repo.save(fresh);
      await auditMeeting(this.audit, manager, viewer, 'invite', before, saved);
      await this.recordInvitations(manager, id, [...new Set(memberships.map((m) => m.personId))], now);
      // The invitation (with iTIP REQUEST and RSVP link) to every current member, in this transaction.
      await this.announce(manager, id, 'invitation', now);
      return saved;
    });
    return { saved: true, value: meeting, notices: [] };
  }

  private async recordInvitations(manager: EntityManager, meetingId: number, personIds: number[], now: Date): Promise<void> {
    const repo = manager.getRepository(Attendance);
    const existing = await repo.find({ where: { meetingId } });
    const byPerson = new Map(existing.map((a) => [a.personId, a]));
    for (const personId of personIds) {
      const found = byPerson.get(personId);
      if (found) {
        found.invitedAt = now;
        await repo.save(found);
      } else {
        await repo.save(repo.create({ meetingId, personId, invitedAt: now, response: 'none' }));
      }
    }
  }

  /** After the meeting began: state → held (minutes can be written). */
  async markHeld(viewer: Viewer, id: number, now: Date = new Date()): Promise<Meeting> {
    const current = await this.forManage(id, viewer);
    if (current.state === 'cancelled') throw forbidden('Eine abgesagte Sitzung kann nicht als stattgefunden markiert werden.');
    if (current.state === 'held') return current;
    if (current.startsAt.getTime() > now.getTime()) throw forbidden('Die Sitzung hat noch nicht begonnen.');
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const fresh = await repo.findOneByOrFail({ id });
      const before = meetingSnapshot(fresh);
      fresh.sequence = nextSequence(fresh.sequence, fresh, { ...fresh, state: 'held' });
      fresh.state = 'held';
      const saved = await repo.save(fresh);
      await auditMeeting(this.audit, manager, viewer, 'held', before, saved);
      return saved;
    });
  }

  /** Several ordinary meetings from one rule (1 to 100), sharing a series id. */
  async createSeries(viewer: Viewer, input: SeriesInput, confirmed: boolean): Promise<SaveOutcome<Meeting[]>> {
    assertMember(viewer, '/sitzungen/serie/neu');
    await this.assertBody(viewer, input.bodyId);
    const errors: Record<string, string> = {};
    const start = parseLocalDate(input.startDate);
    if (!start.ok) errors.startDate = start.error;
    const startTime = parseLocalTime(input.startTime);
    const endTime = parseLocalTime(input.endTime);
    if (!startTime.ok) errors.startTime = startTime.error;
    if (!endTime.ok) errors.endTime = endTime.error;
    let end: SeriesEnd | null = null;
    if (input.end.kind === 'count') {
      const text = input.end.count.trim();
      const count = /^-?\d{1,6}$/.test(text) ? Number(text) : NaN;
      end = { kind: 'count', count };
    } else {
      const until = parseLocalDate(input.end.until);
      if (!until.ok) errors.until = until.error;
      else end = { kind: 'until', until: until.value };
    }
    if (startTime.ok && endTime.ok && endTime.value.hour * 60 + endTime.value.minute <= startTime.value.hour * 60 + startTime.value.minute) {
      errors.endTime = 'Das Ende muss nach dem Beginn liegen.';
    }
    if (Object.keys(errors).length > 0 || !start.ok || !end) throw new FormRejected(errors);
    const expanded = expandSeries(start.value, input.rule, end);
    if (!expanded.ok) throw new FormRejected({ [expanded.field === 'rule' ? 'rhythm' : expanded.field]: expanded.error });
    await this.assertLocation(input.locationId);

    const occurrences: { date: LocalDate; startsAt: Date; endsAt: Date; notices: string[] }[] = [];
    for (const date of expanded.dates) {
      const times = resolveMeetingTimes({ date: isoDate(date), startTime: input.startTime, endTime: input.endTime });
      if (!times.ok) {
        const first = Object.values(times.errors)[0] ?? 'Ungültige Uhrzeit.';
        throw new FormRejected({ startTime: `Termin ${germanDate(date)}: ${first}` });
      }
      occurrences.push({ date, ...times.value });
    }
    if (!confirmed) {
      const warnings: MeetingWarning[] = [];
      for (const o of occurrences) {
        for (const notice of o.notices) warnings.push({ code: 'ambiguous_time', message: notice });
        const found = await this.conflictWarnings({ bodyId: input.bodyId, startsAt: o.startsAt, endsAt: o.endsAt, locationId: input.locationId });
        for (const w of found) warnings.push({ code: w.code, message: `Termin ${germanDate(o.date)}: ${w.message}` });
      }
      if (warnings.length > 0) return { saved: false, warnings };
    }
    const seriesId = randomUUID();
    const created = await this.db.write(async (manager) => {
      const repo = manager.getRepository(Meeting);
      const result: Meeting[] = [];
      for (const o of occurrences) {
        const saved = await repo.save(
            repo.create({
              bodyId: input.bodyId,
              title: input.title,
              description: null,
              startsAt: o.startsAt,
              endsAt: o.endsAt,
              locationId: input.locationId,
              onlineLink: input.onlineLink,
              isPublic: input.isPublic,
              state: 'scheduled',
              uid: this.newUid(),
              sequence: 0,
              seriesId,
            }),
        );
        await auditMeeting(this.audit, manager, viewer, 'create', null, saved);
        await this.indexer.reindexMeeting(manager, saved.id);
        result.push(saved);
      }
      return result;
    });
    return { saved: true, value: created, notices: [] };
  }
}

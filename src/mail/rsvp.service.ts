import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { DatabaseService } from '../database/database.service.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { type RsvpAnswer, rsvpClosedReason, saveRsvpAnswer } from '../meetings/rsvp-rules.js';
import { Person } from '../people/person.entity.js';
import { RsvpSecretService } from './rsvp-secret.service.js';
import { type RsvpGrant, verifyRsvpToken } from './rsvp-token.js';


export interface RsvpContext {
  grant: RsvpGrant;
  meeting: Meeting;
  person: Person;
  attendance: Attendance | null;
  /** Why answering is no longer possible (cancelled, over), or null. */
  closedReason: string | null;
}

const INVALID_LINK = 'Dieser Antwort-Link ist ungültig. Bitte verwenden Sie den vollständigen Link aus der Einladung.';
const EXPIRED_LINK = 'Dieser Antwort-Link ist abgelaufen. Bitte melden Sie sich an und antworten Sie auf der Sitzungsseite, oder wenden Sie sich an die Geschäftsführung des Gremiums.';

/**
 * Answers to invitations through the signed link in the mail, without logging in. The token names the
 * person and the meeting; nothing else can be answered or read with it.
 */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly secret: RsvpSecretService,
  ) {}

  /** 404 for a malformed or forged token (and for a meeting or person that is gone), 403 for an expired one. */
  async context(token: string, now: Date = new Date()): Promise<RsvpContext> {
    const secret = this.secret.known() ?? (await this.db.write((m) => this.secret.within(m)));
    const check = verifyRsvpToken(secret, token, now);
    if (!check.ok) {
      if (check.reason === 'expired') throw forbidden(EXPIRED_LINK);
      throw notFound(INVALID_LINK);
    }
    const { grant } = check;
    const [meeting, person, attendance] = await Promise.all([
      // with a removed body (deletedAt set) rather than none, so that the check below can refuse it
      this.dataSource.getRepository(Meeting).findOne({ where: { id: grant.meetingId }, relations: { body: true, location: true }, withDeleted: true }),
      this.dataSource.getRepository(Person).findOne({ where: { id: grant.personId } }),
      this.dataSource.getRepository(Attendance).findOne({ where: { meetingId: grant.meetingId, personId: grant.personId } }),
    ]);
    if (!meeting || !person || meeting.body.deletedAt !== null) throw notFound(INVALID_LINK);
    return { grant, meeting, person, attendance, closedReason: rsvpClosedReason(meeting, now) };
  }

  /** Records the answer of the token's person for the token's meeting. */
  async answer(token: string, answer: RsvpAnswer, now: Date = new Date()): Promise<RsvpContext> {
    const ctx = await this.context(token, now);
    if (ctx.closedReason) throw forbidden(ctx.closedReason);
    const { meetingId, personId } = ctx.grant;
    await this.db.write((manager) => saveRsvpAnswer(manager, { meetingId, personId, response: answer, at: now }));
    return this.context(token, now);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loginPathFor } from '../auth/next-path.js';
import { memberViewer } from '../auth/viewer.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { berlinDay } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import { Meeting } from '../meetings/meeting.entity.js';
import type { MinutesCirculated } from '../minutes/minutes-events.js';
import { canSee } from '../people/contact-visibility.js';
import { personDisplayName } from '../people/person-name.js';
import { minutesCirculatedText } from './mail-texts.js';
import { MailService, type NewMail, salutationOf } from './mail.service.js';
import { currentMembers, firstEmail } from './meeting-recipients.js';

/**
 * Minutes circulated to the members: one mail to every current member of the body (members of the
 * day of circulating — not those whose membership starts later or has ended), queued in the
 * transaction that circulates them. One mail per minutes and person: circulating again after a
 * withdrawal does not mail anyone twice (dedup key).
 */
@Injectable()
export class MinutesMailHandler {
  constructor(
    events: DomainEvents,
    private readonly mail: MailService,
    private readonly policy: BodyPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.on('minutes.circulated', (manager, e) => this.queueCirculated(manager, e));
  }

  async queueCirculated(manager: EntityManager, e: MinutesCirculated): Promise<void> {
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id: e.meetingId }, relations: { body: true } });
    if (!meeting) throw new Error(`minutes.circulated: meeting ${e.meetingId} not found`);
    const today = berlinDay(e.at);
    const members = await currentMembers(manager, meeting.bodyId, today);
    const chair = await this.policy.currentChair(meeting.bodyId, today, manager);
    const replyTo = chair && canSee(chair.emailVisibility, memberViewer(0), chair.consentAt) ? firstEmail(chair) : null;
    const minutesPath = `/sitzungen/${meeting.id}/protokoll`;
    const facts = {
      meetingTitle: meeting.title,
      bodyName: meeting.body.name,
      meetingStartsAt: meeting.startsAt,
      loginUrl: `${this.config.baseUrl}${loginPathFor(minutesPath)}`,
      minutesUrl: `${this.config.baseUrl}${minutesPath}`,
      signature: chair ? personDisplayName(chair) : meeting.body.name,
      siteName: this.config.siteName,
    };
    const mails: NewMail[] = [];
    for (const person of members) {
      const address = firstEmail(person);
      const name = personDisplayName(person);
      if (!address) {
        e.receipt.withoutEmail.push({ personId: person.id, name });
        continue;
      }
      const text = minutesCirculatedText(facts, salutationOf(person));
      mails.push({
        kind: 'minutes_circulated',
        to: { address, name },
        replyTo,
        subject: text.subject,
        text: text.text,
        meetingId: meeting.id,
        personId: person.id,
        dedupKey: `minutes-circulated:n${e.minutesId}:p${person.id}`,
      });
    }
    for (const queued of await this.mail.queueAll(manager, mails, e.at)) {
      if (queued) e.receipt.notified++;
      else e.receipt.alreadyNotified++;
    }
  }
}

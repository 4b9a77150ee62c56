import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import type { PersonChangeRequested } from '../people/own-entry.service.js';
import { changeRequestText } from './mail-texts.js';
import { MailService, type NewMail } from './mail.service.js';

/**
 * "Änderung anfragen" on a member's own entry: the coordinating office gets the request by mail.
 * No address of its own is configured, so it goes to the administrators' accounts (those not
 * disabled); queued in the transaction that publishes the request.
 */
@Injectable()
export class PersonMailHandler {
  constructor(
    events: DomainEvents,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.on('person.changeRequested', (manager, e) => this.queueChangeRequest(manager, e));
  }

  async queueChangeRequest(manager: EntityManager, e: PersonChangeRequested): Promise<void> {
    const admins = await manager.getRepository(Account).find({ where: { isAdmin: true, disabledAt: IsNull() }, order: { id: 'ASC' } });
    const text = changeRequestText({
      siteName: this.config.siteName,
      personName: e.personName,
      personUrl: `${this.config.baseUrl}/personen/${e.personId}`,
      editUrl: `${this.config.baseUrl}/personen/${e.personId}/bearbeiten`,
      message: e.message,
      from: e.requestedBy.email,
    });
    const mails: NewMail[] = admins.map((a) => ({
      kind: 'change_request',
      to: { address: a.email },
      replyTo: e.requestedBy.email,
      subject: text.subject,
      text: text.text,
      personId: e.personId,
    }));
    if (mails.length > 0) await this.mail.queueAll(manager, mails);
  }
}

import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../database/domain-events.js';
import { MailService } from './mail.service.js';

/** Auth issues set-password links; the link goes out by mail, queued in the transaction that issued it. */
@Injectable()
export class AccountMailHandler {
  constructor(events: DomainEvents, mail: MailService) {
    events.on('account.passwordSetRequested', (manager, link) => mail.queueSetPasswordLink(manager, link));
  }
}

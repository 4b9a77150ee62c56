import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmailChangeRequested } from '../auth/email-change.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import { emailChangeConfirmText, emailChangeNoticeText } from './mail-texts.js';
import { MailService } from './mail.service.js';

/** Auth issues set-password links and e-mail confirmation links; they go out by mail, queued in the transaction that issued them. */
@Injectable()
export class AccountMailHandler {
  constructor(
    events: DomainEvents,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.on('account.passwordSetRequested', (manager, link) => mail.queueSetPasswordLink(manager, link));
    events.on('account.emailChangeRequested', (manager, e) => this.queueEmailChange(manager, e));
  }

  /** The confirmation link to the new address (scrubbed once sent), a notice to the old one. */
  async queueEmailChange(manager: EntityManager, e: EmailChangeRequested): Promise<void> {
    const confirm = emailChangeConfirmText({ siteName: this.config.siteName, ...e });
    const notice = emailChangeNoticeText({ siteName: this.config.siteName, oldEmail: e.oldEmail, newEmail: e.newEmail });
    await this.mail.queueAll(manager, [
      { kind: 'email_change', to: { address: e.newEmail }, subject: confirm.subject, text: confirm.text, accountId: e.accountId, personId: e.personId, scrubAfterSend: true },
      { kind: 'email_change', to: { address: e.oldEmail }, subject: notice.subject, text: notice.text, accountId: e.accountId, personId: e.personId },
    ]);
  }
}

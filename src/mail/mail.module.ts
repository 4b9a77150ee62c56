import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { AccountMailHandler } from './account-mail.handler.js';
import { MailSignal } from './mail-signal.js';
import { MailWorker } from './mail-worker.service.js';
import { MailService } from './mail.service.js';
import { MinutesMailHandler } from './minutes-mail.handler.js';
import { MeetingMailController, OutboxAdminController } from './outbox.controller.js';
import { OutboxService } from './outbox.service.js';
import { PersonMailHandler } from './person-mail.handler.js';
import { RemindersService } from './reminders.service.js';
import { RsvpSecretService } from './rsvp-secret.service.js';
import { RsvpController } from './rsvp.controller.js';
import { RsvpService } from './rsvp.service.js';

/**
 * Outgoing mail: the transactional outbox (MailService.queue… inside the caller's write transaction),
 * the sending worker (SMTP, or .eml files without a mail server), reminders, RSVP links and the
 * outbox pages. Lower modules never call it: meetings and auth publish DomainEvents that MailService
 * handles in their transaction; modules of its own layer that need it (privacy) import this module.
 */
@Module({
  imports: [BodiesModule, MeetingsModule, DocumentsModule],
  controllers: [RsvpController, OutboxAdminController, MeetingMailController],
  providers: [AccountMailHandler, MinutesMailHandler, MailSignal, RsvpSecretService, MailService, MailWorker, RemindersService, RsvpService, OutboxService, PersonMailHandler],
  exports: [MailService, MailWorker, RemindersService, RsvpSecretService],
})
export class MailModule {}

import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { CircularsModule } from '../circulars/circulars.module.js';
import { PollsModule } from '../polls/polls.module.js';
import { PeopleModule } from '../people/people.module.js';
import { SearchModule } from '../search/search.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConsentService } from './consent.service.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';
import { DocumentsModule } from '../documents/documents.module.js';

/** GDPR: consent to publish contact details, export of a person's data, erasure. */
@Module({
  imports: [PeopleModule, SearchModule, AuditModule, MailModule, PollsModule, CircularsModule, AuthModule, DocumentsModule],
  controllers: [PrivacyController],
  providers: [ConsentService, PrivacyService],
  exports: [ConsentService, PrivacyService],
})
export class PrivacyModule {}

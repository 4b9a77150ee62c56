import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MailModule } from '../mail/mail.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { BodyPollsController, PollLinkController, PollsController } from './polls.controller.js';
import { PollsService } from './polls.service.js';

/**
 * Date polls (Terminumfragen): candidate slots with the scheduler's warnings, answers by signed link
 * or logged in, the chair's matrix, picking a slot (the meeting editor creates the meeting).
 */
@Module({
  imports: [BodiesModule, MeetingsModule, MailModule, AuditModule],
  controllers: [BodyPollsController, PollsController, PollLinkController],
  providers: [PollsService],
  exports: [PollsService],
})
export class PollsModule {}

import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MinutesModule } from '../minutes/minutes.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MeetingPageController } from './meeting-page.controller.js';

/** Pages layer: the meeting page, combining a meeting with its minutes and documents. Registered after MeetingsModule (its fixed paths win over /sitzungen/:id). */
@Module({
  imports: [MeetingsModule, MinutesModule, DocumentsModule],
  controllers: [MeetingPageController],
})
export class MeetingPageModule {}

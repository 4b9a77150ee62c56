import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CalendarTokenService } from './calendar-token.service.js';

@Module({
  imports: [MeetingsModule, BodiesModule, DocumentsModule],
  controllers: [CalendarController],
  providers: [CalendarFeedService, CalendarTokenService],
  exports: [CalendarFeedService, CalendarTokenService],
})
export class CalendarModule {}

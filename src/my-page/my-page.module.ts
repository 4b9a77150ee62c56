import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MinutesModule } from '../minutes/minutes.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { MyPageController } from './my-page.controller.js';
import { MyPageRepository } from './my-page.repository.js';
import { MyPageService } from './my-page.service.js';

/** Meine Seite: what concerns the logged-in member, from bodies, meetings, minutes, calendar and privacy. */
@Module({
  imports: [AuthModule, BodiesModule, MeetingsModule, MinutesModule, CalendarModule, PrivacyModule],
  controllers: [MyPageController],
  providers: [MyPageService, MyPageRepository],
})
export class MyPageModule {}

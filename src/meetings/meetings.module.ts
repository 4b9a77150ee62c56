import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Body } from '../bodies/body.entity.js';
import { Membership } from '../bodies/membership.entity.js';
import { Person } from '../people/person.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Attendance } from './attendance.entity.js';
import { Location } from './location.entity.js';
import { Meeting } from './meeting.entity.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, AgendaItem, Location, Attendance, Membership, Body, Person])],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}

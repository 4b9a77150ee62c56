import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Body } from '../bodies/body.entity.js';
import { Membership } from '../bodies/membership.entity.js';
import { AuditModule } from '../audit/audit.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { Person } from '../people/person.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Attendance } from './attendance.entity.js';
import { Location } from './location.entity.js';
import { Meeting } from './meeting.entity.js';
import { AgendaController } from './agenda.controller.js';
import { AgendaService } from './agenda.service.js';
import { AttendanceService } from './attendance.service.js';
import { LocationsController } from './locations.controller.js';
import { LocationsService } from './locations.service.js';
import { MeetingEditorService } from './meeting-editor.service.js';
import { MeetingsManageController } from './meetings-manage.controller.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';
import { MeetingDocumentsSource } from './meeting-documents-source.js';
import { MeetingSearchRegistration } from './meeting-search.js';
import { SearchModule } from '../search/search.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, AgendaItem, Location, Attendance, Membership, Body, Person]), BodiesModule, AuditModule, SearchModule],
  // The manage controller first: its fixed paths (/sitzungen/neu) must win over /sitzungen/:id (MeetingPageModule, registered after this module).
  controllers: [MeetingsManageController, AgendaController, LocationsController, MeetingsController],
  providers: [MeetingsRepository, MeetingsService, MeetingEditorService, AgendaService, AttendanceService, LocationsService, MeetingDocumentsSource, MeetingSearchRegistration],
  exports: [MeetingsRepository, MeetingsService, MeetingEditorService, MeetingDocumentsSource, AttendanceService],
})
export class MeetingsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Body } from '../bodies/body.entity.js';
import { QuorumRulesModule } from '../bodies/quorum-rules.module.js';
import { Membership } from '../bodies/membership.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Attendance } from '../meetings/attendance.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';
import { ActionItem } from './action-item.entity.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsService } from './action-items.service.js';
import { Decision } from './decision.entity.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';
import { MinutesAmendment } from './minutes-amendment.entity.js';
import { MinutesItem } from './minutes-item.entity.js';
import { MinutesRecordsController } from './minutes-records.controller.js';
import { MinutesController } from './minutes.controller.js';
import { Minutes } from './minutes.entity.js';
import { MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';
import { PendingDraftsService } from './pending-drafts.service.js';
import { PendingMinutesDraft } from './pending-minutes-draft.entity.js';

/** Minutes, decisions (Beschlüsse) and action items (Aufgaben). Exports the services for meeting and body pages. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Minutes,
      MinutesItem,
      MinutesAmendment,
      Decision,
      ActionItem,
      PendingMinutesDraft,
      Meeting,
      AgendaItem,
      Attendance,
      Membership,
      Person,
      Organisation,
      Body,
    ]),
    QuorumRulesModule,
  ],
  controllers: [MinutesController, MinutesRecordsController, DecisionsController, ActionItemsController],
  providers: [MinutesRepository, MinutesService, DecisionsService, ActionItemsService, PendingDraftsService],
  exports: [MinutesService, DecisionsService],
})
export class MinutesModule {}

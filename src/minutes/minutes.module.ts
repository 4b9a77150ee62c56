import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PeopleModule } from '../people/people.module.js';
import { ActionItem } from './action-item.entity.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsService } from './action-items.service.js';
import { DecisionCounter } from './decision-counter.entity.js';
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
import { AuthModule } from '../auth/auth.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { SearchModule } from '../search/search.module.js';
import { MinutesSearchRegistration } from './minutes-search.js';

/** Minutes, decisions (Beschlüsse) and action items (Aufgaben); registers only its own entities. Exports the services for meeting and body pages. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Minutes,
      MinutesItem,
      MinutesAmendment,
      Decision,
      DecisionCounter,
      ActionItem,
      PendingMinutesDraft,
    ]),
    // the modules whose data minutes reads (meetings, agendas, attendance, memberships, people, organisations, quorum rules)
    MeetingsModule,
    PeopleModule,
    OrganisationsModule,
    BodiesModule,
    AuditModule,
    SearchModule,
    AuthModule, // SessionBoundTokens, AccountsService and the login throttle for the minutes-draft rescue
  ],
  controllers: [MinutesController, MinutesRecordsController, DecisionsController, ActionItemsController],
  providers: [MinutesRepository, MinutesService, DecisionsService, ActionItemsService, PendingDraftsService, MinutesSearchRegistration],
  exports: [MinutesService, DecisionsService, ActionItemsService],
})
export class MinutesModule {}

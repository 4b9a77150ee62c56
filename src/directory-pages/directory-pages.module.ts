import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MinutesModule } from '../minutes/minutes.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PeopleModule } from '../people/people.module.js';
import { PollsModule } from '../polls/polls.module.js';
import { BodyPageController } from './body-page.controller.js';
import { DirectoryPagesService } from './directory-pages.service.js';
import { OrganisationPageController } from './organisation-page.controller.js';
import { PeoplePagesController } from './people-pages.controller.js';

/**
 * Pages that combine domains (layer "pages"): the member directory and a person's page (people +
 * bodies), an organisation's page (organisations + people + bodies) and a body's page (bodies +
 * meetings + minutes). The domain modules keep their own rules, forms and single-domain pages.
 * Registered after the domain modules in AppModule, so their fixed paths (/personen/neu, /gremien/neu)
 * are matched before the ':id' pages here.
 */
@Module({
  imports: [OrganisationsModule, PeopleModule, BodiesModule, MeetingsModule, MinutesModule, PollsModule],
  controllers: [PeoplePagesController, OrganisationPageController, BodyPageController],
  providers: [DirectoryPagesService],
})
export class DirectoryPagesModule {}

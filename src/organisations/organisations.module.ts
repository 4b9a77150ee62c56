import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SearchModule } from '../search/search.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { Organisation } from './organisation.entity.js';
import { Topic } from './topic.entity.js';
import { TopicsController } from './topics.controller.js';
import { TopicsRepository } from './topics.repository.js';
import { TopicsService } from './topics.service.js';
import { OrganisationSearchRegistration } from './organisation-search.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Topic]), SearchModule, AuditModule],
  controllers: [OrganisationsController, TopicsController],
  providers: [OrganisationsRepository, OrganisationsService, OrganisationSearchRegistration, TopicsRepository, TopicsService],
  exports: [OrganisationsService, TopicsService],
})
export class OrganisationsModule {}

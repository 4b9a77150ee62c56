import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SearchModule } from '../search/search.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationSearchRegistration } from './organisation-search.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation]), SearchModule, AuditModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsRepository, OrganisationsService, OrganisationSearchRegistration],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}

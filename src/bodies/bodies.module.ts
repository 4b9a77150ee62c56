import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/person.entity.js';
import { SearchModule } from '../search/search.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { BodiesController } from './bodies.controller.js';
import { BodiesEditorService } from './bodies-editor.service.js';
import { MembershipsController } from './memberships.controller.js';
import { MembershipsService } from './memberships.service.js';
import { BodiesRepository } from './bodies.repository.js';
import { BodiesService } from './bodies.service.js';
import { BodyPolicyModule } from './body-policy.module.js';
import { Body } from './body.entity.js';
import { BodySearchRegistration } from './body-search.js';
import { Membership } from './membership.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Membership, Person]), BodyPolicyModule, SearchModule, AuditModule],
  controllers: [BodiesController, MembershipsController],
  providers: [BodiesRepository, BodiesService, BodiesEditorService, MembershipsService, BodySearchRegistration],
  exports: [BodiesService, BodiesEditorService, MembershipsService, BodyPolicyModule],
})
export class BodiesModule {}

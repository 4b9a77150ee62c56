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
import { BodyPolicyService } from './body-policy.service.js';
import { BodyQuorumRule } from './quorum-rule.entity.js';
import { QuorumRulesController } from './quorum-rules.controller.js';
import { QuorumRulesService } from './quorum-rules.service.js';
import { Body } from './body.entity.js';
import { BodySearchRegistration } from './body-search.js';
import { Membership } from './membership.entity.js';
import { BodyAuditNames } from './body-audit.js';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Membership, Person, BodyQuorumRule]), SearchModule, AuditModule],
  controllers: [BodiesController, MembershipsController, QuorumRulesController],
  providers: [BodiesRepository, BodiesService, BodiesEditorService, MembershipsService, BodySearchRegistration, BodyPolicyService, QuorumRulesService, BodyAuditNames],
  exports: [BodiesService, BodiesEditorService, MembershipsService, BodyPolicyService, QuorumRulesService],
})
export class BodiesModule {}

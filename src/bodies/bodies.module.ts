import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/person.entity.js';
import { BodiesController } from './bodies.controller.js';
import { BodiesEditorService } from './bodies-editor.service.js';
import { MembershipsController } from './memberships.controller.js';
import { MembershipsService } from './memberships.service.js';
import { BodiesRepository } from './bodies.repository.js';
import { BodiesService } from './bodies.service.js';
import { BodyPolicyModule } from './body-policy.module.js';
import { Body } from './body.entity.js';
import { Membership } from './membership.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Membership, Person]), BodyPolicyModule],
  controllers: [BodiesController, MembershipsController],
  providers: [BodiesRepository, BodiesService, BodiesEditorService, MembershipsService],
  exports: [BodiesService, BodiesEditorService, MembershipsService, BodyPolicyModule],
})
export class BodiesModule {}

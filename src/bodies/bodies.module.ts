import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/person.entity.js';
import { BodiesController } from './bodies.controller.js';
import { BodiesRepository } from './bodies.repository.js';
import { BodiesService } from './bodies.service.js';
import { Body } from './body.entity.js';
import { Membership } from './membership.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Membership, Person])],
  controllers: [BodiesController],
  providers: [BodiesRepository, BodiesService],
  exports: [BodiesService],
})
export class BodiesModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';
import { HomeController } from './home.controller.js';
import { HomeRepository } from './home.repository.js';
import { HomeService } from './home.service.js';

@Module({
  imports: [BodiesModule, MeetingsModule, TypeOrmModule.forFeature([Person, Organisation])],
  controllers: [HomeController],
  providers: [HomeRepository, HomeService],
})
export class HomeModule {}

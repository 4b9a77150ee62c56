import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { HomeController } from './home.controller.js';
import { HomeRepository } from './home.repository.js';
import { HomeService } from './home.service.js';

@Module({
  imports: [BodiesModule, MeetingsModule],
  controllers: [HomeController],
  providers: [HomeRepository, HomeService],
})
export class HomeModule {}

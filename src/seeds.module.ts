import { Module } from '@nestjs/common';
import { SeederService } from './seeder.service.js';

@Module({
  providers: [SeederService],
  exports: [SeederService],
})
export class SeedsModule {}

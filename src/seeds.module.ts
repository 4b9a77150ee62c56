import { Module } from '@nestjs/common';
import { SearchModule } from './search/search.module.js';
import { SeederService } from './seeder.service.js';

@Module({
  imports: [SearchModule],
  providers: [SeederService],
  exports: [SeederService],
})
export class SeedsModule {}

import { Global, Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchService } from './search.service.js';

/** Global so every module that writes people, organisations or bodies can keep the index in step. */
@Global()
@Module({
  controllers: [SearchController],
  providers: [SearchService, SearchIndexer],
  exports: [SearchService, SearchIndexer],
})
export class SearchModule {}

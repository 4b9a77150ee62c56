import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchService } from './search.service.js';

/**
 * Search over people, organisations and bodies. Those modules import this one: they register their
 * records as document sources at start-up and reindex what they write.
 */
@Module({
  controllers: [SearchController],
  providers: [SearchService, SearchIndexer],
  exports: [SearchService, SearchIndexer],
})
export class SearchModule {}

import { Global, Module } from '@nestjs/common';
import { ContentVersionListeners } from './content-version.listener.js';

/** The page cache's one provider: the PostgreSQL listener for new content versions (started and ended with the app). */
@Global()
@Module({
  providers: [ContentVersionListeners],
  exports: [ContentVersionListeners],
})
export class PageCacheModule {}

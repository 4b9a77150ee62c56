import { Injectable, Logger } from '@nestjs/common';
import { seedDemo } from '../../seeds/demo.seed.js';
import { seedDemoMeetings } from '../../seeds/demo-meetings.seed.js';
import { seedDemoMinutes } from '../../seeds/demo-minutes.seed.js';
import { SeedContext } from '../../seeds/seed-context.js';
import { seedSchwerin } from '../../seeds/schwerin.seed.js';
import { SearchDocument } from '../search/search-document.entity.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { DatabaseService } from './database.service.js';

/** Loads the seeds (real data always, demo data on request) and keeps the search index complete. */
@Injectable()
export class SeederService {
  private readonly logger = new Logger('Seeder');

  constructor(
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
  ) {}

  async seed(options: { demo: boolean }): Promise<number> {
    return this.db.write(async (manager) => {
      const ctx = new SeedContext(manager);
      await seedSchwerin(ctx);
      if (options.demo) {
        await seedDemo(ctx);
        await seedDemoMeetings(ctx);
        await seedDemoMinutes(ctx);
      }
      const indexEmpty = (await manager.getRepository(SearchDocument).count()) === 0;
      if (ctx.created > 0 || indexEmpty) {
        await this.indexer.rebuildAll(manager);
      }
      if (ctx.created > 0) {
        this.logger.log(`${ctx.created} Datensätze angelegt${options.demo ? ' (mit Demodaten)' : ''}.`);
      }
      return ctx.created;
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DEMO_PEOPLE, seedDemo } from '../seeds/demo.seed.js';
import { seedDemoMeetings } from '../seeds/demo-meetings.seed.js';
import { seedDemoDocuments } from '../seeds/demo-documents.seed.js';
import { seedDemoMinutes } from '../seeds/demo-minutes.seed.js';
import { seedDemoPolls } from '../seeds/demo-polls.seed.js';
import { seedDemoCirculars } from '../seeds/demo-circulars.seed.js';
import { SeedContext } from '../seeds/seed-context.js';
import { seedDemoTopics } from '../seeds/demo-topics.seed.js';
import { seedTopics } from '../seeds/topics.seed.js';
import { seedSchwerin } from '../seeds/schwerin.seed.js';
import { seedSchwerinStructure } from '../seeds/schwerin-structure.seed.js';
import { SearchDocument } from './search/search-document.entity.js';
import { SearchIndexer } from './search/search-indexer.js';
import { DatabaseService } from './database/database.service.js';
import { SeedRun } from './database/seed-run.entity.js';
import type { DemoAccount } from './auth/demo-accounts.js';
import { Person } from './people/person.entity.js';

/** Loads the seeds (real data always, demo data on request) and keeps the search index complete. */
@Injectable()
export class SeederService {
  private readonly logger = new Logger('Seeder');

  constructor(
    private readonly db: DatabaseService,
    private readonly indexer: SearchIndexer,
  ) {}

  /**
   * Loads each seed set that has not been loaded yet (`force`: every set again, inserting only
   * what is missing — `npm run seed`). Returns how many records were created.
   */
  async seed(options: { demo: boolean; force?: boolean }): Promise<number> {
    return this.db.write(async (manager) => {
      const runs = manager.getRepository(SeedRun);
      const done = new Set((await runs.find()).map((r) => r.name));
      const ctx = new SeedContext(manager);
      const sets: [string, () => Promise<void>][] = [
        ['schwerin', () => seedSchwerin(ctx)],
        ['schwerin-structure', () => seedSchwerinStructure(ctx)],
        ['topics', () => seedTopics(ctx)],
      ];
      if (options.demo) {
        sets.push(['demo', () => seedDemo(ctx)], ['demo-meetings', () => seedDemoMeetings(ctx)], ['demo-minutes', () => seedDemoMinutes(ctx)], ['demo-polls', () => seedDemoPolls(ctx)], ['demo-circulars', () => seedDemoCirculars(ctx)]);
        sets.push(['demo-documents', () => seedDemoDocuments(ctx)]);
        sets.push(['demo-topics', () => seedDemoTopics(ctx)]);
      }
      for (const [name, load] of sets) {
        if (done.has(name) && !options.force) continue;
        const before = ctx.created;
        await load();
        await runs.save({ name, appliedAt: new Date(), createdRecords: ctx.created - before });
      }
      // An empty index (first start) or a forced run is rebuilt; otherwise only what is missing is indexed
      // (what the seeds added, and records of kinds the index did not hold before an update).
      const indexEmpty = (await manager.getRepository(SearchDocument).count()) === 0;
      if (indexEmpty || (options.force && ctx.created > 0)) {
        await this.indexer.rebuildAll(manager);
      } else {
        await this.indexer.indexMissing(manager);
      }
      if (ctx.created > 0) {
        this.logger.log(`${ctx.created} Datensätze angelegt${options.demo ? ' (mit Demodaten)' : ''}.`);
      }
      return ctx.created;
    });
  }

  /** The fictional person of seeds/demo.seed.ts a demo login belongs to, or null when it is missing. */
  async demoPersonId(personKey: DemoAccount['personKey']): Promise<number | null> {
    const { givenName, familyName } = DEMO_PEOPLE[personKey];
    const person = await this.db.dataSource.getRepository(Person).findOne({ where: { givenName, familyName }, order: { id: 'ASC' } });
    return person?.id ?? null;
  }
}

import { DataSource } from 'typeorm';
import { DEMO_POLL_TITLE } from '../../../seeds/demo-polls.seed.js';
import { DatePoll } from '../../../src/polls/date-poll.entity.js';
import { Circular } from '../../../src/circulars/circular.entity.js';
import type { BrowserApp } from './browser.js';

/** The open date poll of the demo data (seeds/demo-polls.seed.ts). */
export async function demoPollId(app: BrowserApp): Promise<number> {
  const poll = await app.t.app.get(DataSource).getRepository(DatePoll).findOneByOrFail({ title: DEMO_POLL_TITLE });
  return poll.id;
}

/** The newest circular of the demo data (seeds/demo-circulars.seed.ts). */
export async function demoCircularId(app: BrowserApp): Promise<number> {
  const [circular] = await app.t.app.get(DataSource).getRepository(Circular).find({ order: { id: 'DESC' }, take: 1 });
  return circular.id;
}

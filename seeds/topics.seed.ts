import { Topic } from '../src/organisations/topic.entity.js';
import { topicNameKey } from '../src/organisations/topic-name.js';
import type { SeedContext } from './seed-context.js';

/** The starter vocabulary of "Themen und Angebote"; administrators keep it current afterwards. */
export const STARTER_TOPICS: readonly string[] = [
  'Antidiskriminierung',
  'Arbeit',
  'Asylberatung',
  'Ausbildung',
  'Ehrenamt',
  'Familie',
  'Frauen',
  'Gesundheit',
  'Integrationskurs',
  'Jugend',
  'Kita',
  'Kultur und Begegnung',
  'Migrationsberatung',
  'Psychosoziale Beratung',
  'Recht und Aufenthalt',
  'Schule',
  'Sport',
  'Sprachkurs',
  'Sprachmittlung',
  'Wohnen',
];

/** Inserts the starter topics that are missing (a renamed or removed one is not brought back under its old key). */
export async function seedTopics(ctx: SeedContext): Promise<void> {
  const repo = ctx.manager.getRepository(Topic);
  const existing = new Set((await repo.find({ select: { nameKey: true } })).map((t) => t.nameKey));
  for (const name of STARTER_TOPICS) {
    const nameKey = topicNameKey(name);
    if (existing.has(nameKey)) continue;
    await repo.insert({ name, nameKey });
    ctx.created++;
  }
}

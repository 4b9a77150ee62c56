import { In } from 'typeorm';
import { foldText } from '../src/common/text/fold.js';
import { Organisation, type OrganisationKind } from '../src/organisations/organisation.entity.js';
import { OrganisationTopic, Topic } from '../src/organisations/topic.entity.js';
import { topicNameKey } from '../src/organisations/topic-name.js';
import { PersonTopic } from '../src/people/person-topic.entity.js';
import { Person } from '../src/people/person.entity.js';
import { DEMO_ORGANISATIONS } from './demo-organisations.js';
import type { SeedContext } from './seed-context.js';

/** Words in a demo organisation's name or description, or a person's function, and the topic they suggest. */
const WORD_TOPICS: readonly [RegExp, string][] = [
  [/asyl|verfahrensberat|fluchtling/u, 'Asylberatung'],
  [/migrationsberat|beratung/u, 'Migrationsberatung'],
  [/sprachkurs|deutsch als zweitsprache|sprachenzentrum|berufssprach|lehrkraft|kursleit/u, 'Sprachkurs'],
  [/integrationskurs/u, 'Integrationskurs'],
  [/sprachmittl|kulturmittl|dolmetsch/u, 'Sprachmittlung'],
  [/kita|kinder/u, 'Kita'],
  [/schul/u, 'Schule'],
  [/ausbildung|beruf/u, 'Ausbildung'],
  [/arbeit|jobcenter|beschaftigung/u, 'Arbeit'],
  [/wohn/u, 'Wohnen'],
  [/gesundheit|psycholog|psychosozial|arzt|medizin/u, 'Gesundheit'],
  [/psycholog|psychosozial|trauma/u, 'Psychosoziale Beratung'],
  [/frauen/u, 'Frauen'],
  [/jugend/u, 'Jugend'],
  [/ehrenamt|paten|freiwillig/u, 'Ehrenamt'],
  [/diskriminier|rassismus/u, 'Antidiskriminierung'],
  [/kultur|begegnung/u, 'Kultur und Begegnung'],
  [/sport/u, 'Sport'],
  [/familie/u, 'Familie'],
];

/** What every organisation of a kind offers besides what its words suggest. */
const KIND_TOPICS: Record<OrganisationKind, readonly string[]> = {
  authority: ['Recht und Aufenthalt'],
  ngo: ['Migrationsberatung'],
  association: ['Ehrenamt'],
  migrant_organisation: ['Kultur und Begegnung', 'Sprachmittlung'],
  religious_community: ['Ehrenamt'],
  education: ['Sprachkurs'],
  other: [],
};

function topicsIn(text: string): string[] {
  const folded = foldText(text);
  return WORD_TOPICS.filter(([re]) => re.test(folded)).map(([, name]) => name);
}

/**
 * Gives the fictional demo organisations and their people topics (from their kind, names, descriptions
 * and functions), so the directory's topic filter and the search have something to find. Re-runnable:
 * only missing pairs are inserted.
 */
export async function seedDemoTopics(ctx: SeedContext): Promise<void> {
  const { manager } = ctx;
  const topicIds = new Map((await manager.getRepository(Topic).find()).map((t) => [t.nameKey, t.id]));
  const idsOf = (names: string[]): number[] =>
    [...new Set(names.map((n) => topicIds.get(topicNameKey(n))).filter((id): id is number => id !== undefined))];
  const organisations = await manager.getRepository(Organisation).find({ where: { name: In(DEMO_ORGANISATIONS.map((o) => o.name)) } });
  const orgTopics = new Map<number, number[]>();
  for (const o of organisations) {
    const demo = DEMO_ORGANISATIONS.find((d) => d.name === o.name);
    const ids = idsOf([...KIND_TOPICS[o.kind], ...topicsIn(`${o.name} ${demo?.description ?? ''}`)]).slice(0, 5);
    orgTopics.set(o.id, ids);
    const have = new Set((await manager.getRepository(OrganisationTopic).find({ where: { organisationId: o.id } })).map((t) => t.topicId));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length > 0) await manager.getRepository(OrganisationTopic).insert(missing.map((topicId) => ({ organisationId: o.id, topicId })));
    ctx.created += missing.length;
  }
  if (orgTopics.size === 0) return;
  const people = await manager.getRepository(Person).find({ where: { organisationId: In([...orgTopics.keys()]) }, select: { id: true, organisationId: true, functionTitle: true } });
  for (const p of people) {
    const own = idsOf(topicsIn(p.functionTitle ?? ''));
    const ids = [...new Set([...own, ...(orgTopics.get(p.organisationId ?? 0) ?? []).slice(0, own.length > 0 ? 1 : 2)])].slice(0, 4);
    const have = new Set((await manager.getRepository(PersonTopic).find({ where: { personId: p.id } })).map((t) => t.topicId));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length > 0) await manager.getRepository(PersonTopic).insert(missing.map((topicId) => ({ personId: p.id, topicId })));
    ctx.created += missing.length;
  }
}

import { Body } from '../src/bodies/body.entity.js';
import type { SeedContext } from './seed-context.js';

/** Codes of the bodies this set adds (the five Arbeitstische, the Sprecherrat, the Ehrenamtsforum). */
export const STRUCTURE_BODY_CODES = ['AT1', 'AT2', 'AT3', 'AT4', 'AT5', 'SR', 'EF'] as const;

/** What the Netzwerk Migration's page says about its plenary meetings (added to its description once). */
export const PLENARY_TEXT =
  'Alle Netzwerkpartner kommen zweimal im Jahr zusammen: zur Frühjahrstagung und zur Herbsttagung, in der Regel im Stadthaus. Dort werden neue Mitglieder aufgenommen und der Sprecherrat neu zusammengesetzt. Die Arbeit geschieht in fünf thematischen Arbeitstischen; das Netzwerk hat eine Geschäftsordnung.';

const NETWORK_INTRO =
  'Das Netzwerk Migration der Landeshauptstadt Schwerin besteht seit August 2003: ein freiwilliger Zusammenschluss von Vertreterinnen und Vertretern öffentlicher und freier Träger, Organisationen, Einrichtungen und Vereine sowie interessierter Einzelpersonen, die beruflich oder ehrenamtlich in der Integrationsarbeit tätig sind. Ziel ist, die Integrationsarbeit nach dem Integrationskonzept der Stadt zu gestalten und zu koordinieren und die Lebensbedingungen und Chancengleichheit von Menschen mit Migrationsgeschichte zu verbessern.';

/**
 * How the real network works (shared/schwerin-structure.md, from the city's public page): the five
 * Arbeitstische with their remits and admission rules, the Sprecherrat, the quarterly Ehrenamtsforum,
 * and the Frühjahrs- and Herbsttagung as the plenary meetings of the Netzwerk Migration. Only bodies
 * and descriptions: the named contact persons on the city's page are private individuals or staff of
 * providers without a recorded consent, so none of them is imported.
 */
export async function seedSchwerinStructure(ctx: SeedContext): Promise<void> {
  const tables: { code: string; name: string; shortName: string; description: string }[] = [
    {
      code: 'AT1',
      name: 'Arbeitstisch I – Kita/Übergang Schule',
      shortName: 'AT I Kita/Schule',
      description: 'Für pädagogische Fachkräfte und Ehrenamtliche in der frühkindlichen Bildung und die Träger in diesem Bereich. Tagt mehrmals im Jahr eigenständig.',
    },
    {
      code: 'AT2',
      name: 'Arbeitstisch II – Ausbildung und Arbeit',
      shortName: 'AT II Ausbildung/Arbeit',
      description: 'Für Bildungsträger, Kammern und Verbände, die Arbeitsverwaltung und die Träger von Sprachkursen. Tagt mehrmals im Jahr eigenständig.',
    },
    {
      code: 'AT3',
      name: 'Arbeitstisch III – Interreligiöser Dialog',
      shortName: 'AT III Interreligiös',
      description: 'Teilnahme nur mit einem Mandat einer Religionsgemeinschaft. Tagt mehrmals im Jahr eigenständig.',
    },
    {
      code: 'AT4',
      name: 'Arbeitstisch IV – Gesellschaftliche Integration',
      shortName: 'AT IV Gesellschaft',
      description: 'Für Vereine, Träger und Ehrenamtliche in der kulturellen und sozialen Integration. Tagt mehrmals im Jahr eigenständig.',
    },
    {
      code: 'AT5',
      name: 'Arbeitstisch V – Beratung',
      shortName: 'AT V Beratung',
      description: 'Nur für staatlich geförderte Beratungsdienste. Tagt mehrmals im Jahr eigenständig.',
    },
  ];
  for (const t of tables) await ctx.ensureBody({ ...t, kind: 'working_group', isPublic: true });
  await ctx.ensureBody({
    code: 'SR',
    name: 'Sprecherrat des Netzwerkes Migration',
    shortName: 'Sprecherrat',
    kind: 'other',
    isPublic: true,
    description: 'Der Sprecherrat vertritt das Netzwerk Migration. Seine Zusammensetzung ändert sich auf den Vollversammlungen (Frühjahrs- und Herbsttagung).',
  });
  await ctx.ensureBody({
    code: 'EF',
    name: 'Ehrenamtsforum',
    kind: 'other',
    isPublic: true,
    description: 'Forum für Ehrenamtliche und ihre Koordinatorinnen und Koordinatoren über die Organisationen hinweg. Tagt vierteljährlich.',
  });
  // The plenary meetings belong to the Netzwerk Migration itself: its description says so, once.
  const network = await ctx.ensureBody({ code: 'NM', name: 'Netzwerk Migration', kind: 'network', isPublic: true });
  if (!network.description?.includes('Frühjahrstagung')) {
    await ctx.manager.getRepository(Body).update({ id: network.id }, { description: `${network.description ?? NETWORK_INTRO}\n\n${PLENARY_TEXT}` });
  }
}

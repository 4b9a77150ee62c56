import type { SeedContext } from './seed-context.js';

/**
 * The real, public data of the first installation, taken from the city's page on the
 * Integrationsbeauftragter (see shared/seed-page.txt). Loaded in every environment.
 */
export async function seedSchwerin(ctx: SeedContext): Promise<void> {
  const city = await ctx.ensureOrganisation({
    name: 'Landeshauptstadt Schwerin',
    kind: 'authority',
    street: 'Am Packhof 2-6',
    postalCode: '19053',
    locality: 'Schwerin',
    website: 'https://www.schwerin.de',
  });
  const office = await ctx.ensureOrganisation({
    name: 'Fachstelle Integration',
    kind: 'authority',
    parentId: city.id,
    street: 'Am Packhof 2-6',
    postalCode: '19053',
    locality: 'Schwerin',
    description:
      'Durch die Neuorganisation der Verwaltungsstruktur wurde 2009 die Position des Integrationsbeauftragten zusammen mit der Gleichstellungsbeauftragten in einem gemeinsamen Büro der Beauftragten unmittelbar dem Oberbürgermeister unterstellt. Damit wurde der Integration als Querschnittsaufgabe die notwendige Bedeutung beigemessen.',
  });
  await ctx.ensureOrganisation({
    name: 'Servicestelle Integration',
    kind: 'authority',
    parentId: office.id,
    street: 'Am Packhof 2-6',
    postalCode: '19053',
    locality: 'Schwerin',
    description:
      'Am 1. März 2016 wurde innerhalb der Verwaltung die Servicestelle Integration im Büro der Beauftragten eingerichtet. Das Wirkungsfeld der Servicestelle liegt im Bereich der Vernetzung von bereits aktiven und zukünftigen haupt- und ehrenamtlichen Helfern, Interessensgruppen und Kooperationspartnern in Bezug auf die Flüchtlingsarbeit. Sie fungiert außerdem als Anlaufstelle und Informationspunkt für die Bürger und Bürgerinnen, die sich in der Flüchtlingshilfe ehrenamtlich engagieren möchten. Außerdem ist die neue Kollegin auch als Ansprechpartnerin der Stadtverwaltung für das Integrationsbüro der Erstaufnahmeeinrichtung des Landes nach außen tätig.',
  });

  const avramenko = await ctx.ensurePerson({
    formOfAddress: 'Herr',
    givenName: 'Dimitri',
    familyName: 'Avramenko',
    functionTitle: 'Integrationsbeauftragter',
    organisationId: office.id,
    room: '5.020 - Aufzug C',
    phones: [
      { kind: 'work', number: '+49 385 545-1263' },
      { kind: 'fax', number: '+49 385 545-1269' },
    ],
    emails: ['davramenko@schwerin.de'],
    phoneVisibility: 'public',
    emailVisibility: 'public',
    addressVisibility: 'public',
    consentAt: new Date('2008-09-01T00:00:00Z'),
    consentRecordedBy: 'Veröffentlicht auf der Internetseite der Landeshauptstadt Schwerin',
    profile: [
      '## Wer bin ich?',
      'Mein Name ist Dimitri Avramenko und seit September 2008 setze ich mich in meiner Funktion als Integrationsbeauftragter der Landeshauptstadt Schwerin für das friedliche Zusammenleben und die Integration der unterschiedlichen kulturellen und ethnischen Gruppen innerhalb unserer Stadt ein.',
      '',
      '## Was sind meine Aufgaben?',
      '- Erarbeitung von integrationsfördernden Konzepten und Handlungsansätzen',
      '- Aufklärungsarbeit zum Abbau von Vorurteilen, Fremdenfeindlichkeit und Rassismus',
      '- Ressortübergreifende interkulturelle Öffentlichkeitsarbeit zu migranten- und migrationsspezifischen Themenschwerpunkten',
      '- Zusammenarbeit mit den in der Landeshauptstadt wirkenden freien Trägern',
      '- Leitung und Geschäftsführung des im Jahr 2003 gegründeten Netzwerkes Migration',
      '- Leitung des Begleitbeirates für die Umsetzung des Integrationskonzeptes',
      '- Gremienarbeit wie Aktionsbündnis für ein friedliches und weltoffenes Schwerin, Runder Tisch Asyl, Konferenz der kommunalen Integrationsbeauftragten im Land M/V',
      '',
      '## Was sind meine Ziele?',
      'Schwerin ist eine weltoffene Stadt und ein Ort der Vielfalt. Zuwanderung aus dem Ausland wird in Schwerin anerkannt. Übergeordnetes Ziel ist es, ein gesellschaftliches Klima des gegenseitigen Respekts und des gleichberechtigten Miteinander zu schaffen. Dazu sind die Gestaltung von verlässlichen Rahmenbedingungen und die Koordinierung der Integration von Zuwanderern aus dem Ausland in allen Lebensbereichen sowie die Verbesserung der Lebensbedingungen für Migranten und Flüchtlingen und deren Chancengleichheit in der Gesellschaft notwendig. Die Förderung des Abbaus von Diskriminierung und Fremdenfeindlichkeit in der Gesellschaft sind ebenfalls wichtige Bestandteile der Arbeit.',
    ].join('\n'),
  });

  const network = await ctx.ensureBody({
    name: 'Netzwerk Migration',
    code: 'NM',
    kind: 'network',
    foundedOn: '2003-01-01',
    foundedYearOnly: true,
    isPublic: true,
    description:
      'Das Netzwerk Migration der Landeshauptstadt Schwerin verbindet Behörden, freie Träger, Vereine, Migrantenorganisationen und Ehrenamtliche, die in der Integrationsarbeit tätig sind. Leitung und Geschäftsführung liegen beim Integrationsbeauftragten.',
  });
  const board = await ctx.ensureBody({
    name: 'Begleitbeirat für die Umsetzung des Integrationskonzeptes',
    shortName: 'Begleitbeirat',
    code: 'BB',
    kind: 'advisory_board',
    isPublic: true,
    description: 'Der Begleitbeirat begleitet die Umsetzung des Integrationskonzeptes der Landeshauptstadt Schwerin. Er wird vom Integrationsbeauftragten geleitet.',
  });
  const roundTable = await ctx.ensureBody({ name: 'Runder Tisch Asyl', code: 'RTA', kind: 'round_table', isPublic: true });
  const alliance = await ctx.ensureBody({
    name: 'Aktionsbündnis für ein friedliches und weltoffenes Schwerin',
    shortName: 'Aktionsbündnis',
    code: 'AB',
    kind: 'alliance',
    isPublic: true,
  });
  const conference = await ctx.ensureBody({
    name: 'Konferenz der kommunalen Integrationsbeauftragten im Land M-V',
    shortName: 'Konferenz der Integrationsbeauftragten',
    code: 'KIB',
    kind: 'conference',
    isPublic: true,
  });

  const since = '2008-09-01';
  await ctx.ensureMembership({ bodyId: network.id, personId: avramenko.id, role: 'chair', votingRight: true, onBehalfOfId: city.id, note: 'Leitung und Geschäftsführung', startDate: since });
  await ctx.ensureMembership({ bodyId: board.id, personId: avramenko.id, role: 'chair', votingRight: true, onBehalfOfId: city.id, note: 'Leitung', startDate: since });
  for (const body of [roundTable, alliance, conference]) {
    await ctx.ensureMembership({ bodyId: body.id, personId: avramenko.id, role: 'member', votingRight: true, onBehalfOfId: city.id, startDate: since });
  }
}

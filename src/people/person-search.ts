import { Injectable } from '@nestjs/common';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { languageLabel } from './person-labels.js';
import { personDisplayName } from './person-name.js';
import { Person } from './person.entity.js';

/** "Themen: Asylberatung, Kita", or null for none. */
export function listLine(label: string, items: string[]): string | null {
  return items.length > 0 ? `${label}: ${[...items].sort((a, b) => a.localeCompare(b, 'de')).join(', ')}` : null;
}

/** The name forms a person is searched and ranked by: "given family" and "family given". */
export function personNameForms(p: Pick<Person, 'givenName' | 'familyName'>): string[] {
  return [`${p.givenName} ${p.familyName}`, `${p.familyName} ${p.givenName}`, p.familyName];
}

/** A person's search document: names, function, organisation, languages and topics — never contact details. */
export const PERSON_SEARCH_SOURCE: SearchSource<Person> = {
  kind: 'person',
  entity: Person,
  relations: { organisation: true, languages: true, topics: { topic: true } },
  fields: (p) => ({
    title: personDisplayName(p),
    // who fits, at a glance: function, organisation, languages and topics
    subtitle: [
      p.functionTitle,
      p.organisation?.name,
      listLine('Sprachen', (p.languages ?? []).map((l) => languageLabel(l.code))),
      listLine('Themen', (p.topics ?? []).map((t) => t.topic.name)),
    ].filter(Boolean).join(' · ') || null,
    nameFolded: foldNames(personNameForms(p)),
    contentFolded: foldContent([p.functionTitle, p.organisation?.name, p.organisation?.shortName, ...(p.languages ?? []).map((l) => languageLabel(l.code)), ...(p.topics ?? []).map((t) => t.topic.name)]),
  }),
};

/** Registers people with the search index at start-up. */
@Injectable()
export class PersonSearchRegistration {
  constructor(indexer: SearchIndexer) {
    indexer.register(PERSON_SEARCH_SOURCE);
  }
}

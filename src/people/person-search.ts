import { Injectable } from '@nestjs/common';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { languageLabel } from './person-labels.js';
import { personDisplayName } from './person-name.js';
import { Person } from './person.entity.js';

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
    subtitle: [p.functionTitle, p.organisation?.name].filter(Boolean).join(' · ') || null,
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

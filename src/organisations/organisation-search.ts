import { Injectable } from '@nestjs/common';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { ORGANISATION_KIND_LABELS } from './organisation-labels.js';
import { Organisation } from './organisation.entity.js';
import { organisationTopicNames as topicNames } from './organisations.view-model.js';

/** An organisation's search document: names, kind, place, parent, topics and description. */
export const ORGANISATION_SEARCH_SOURCE: SearchSource<Organisation> = {
  kind: 'organisation',
  entity: Organisation,
  relations: { parent: true, topics: { topic: true } },
  fields: (o) => ({
    title: o.shortName ? `${o.name} (${o.shortName})` : o.name,
    subtitle: [ORGANISATION_KIND_LABELS[o.kind], o.locality, topicNames(o).length > 0 ? `Themen: ${topicNames(o).join(', ')}` : null].filter(Boolean).join(' · ') || null,
    nameFolded: foldNames([o.name, o.shortName]),
    contentFolded: foldContent([ORGANISATION_KIND_LABELS[o.kind], o.locality, o.parent?.name, ...(o.topics ?? []).map((t) => t.topic.name), o.description?.slice(0, 2000)]),
  }),
};

/** Registers organisations with the search index at start-up. */
@Injectable()
export class OrganisationSearchRegistration {
  constructor(indexer: SearchIndexer) {
    indexer.register(ORGANISATION_SEARCH_SOURCE);
  }
}

import { Injectable } from '@nestjs/common';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { BODY_KIND_LABELS } from './body-labels.js';
import { Body } from './body.entity.js';

/** A body's search document: names, code, kind and description. */
export const BODY_SEARCH_SOURCE: SearchSource<Body> = {
  kind: 'body',
  entity: Body,
  fields: (b) => ({
    title: b.name,
    subtitle: BODY_KIND_LABELS[b.kind],
    nameFolded: foldNames([b.name, b.shortName, b.code]),
    contentFolded: foldContent([BODY_KIND_LABELS[b.kind], b.description?.slice(0, 2000)]),
  }),
};

/** Registers bodies with the search index at start-up. */
@Injectable()
export class BodySearchRegistration {
  constructor(indexer: SearchIndexer) {
    indexer.register(BODY_SEARCH_SOURCE);
  }
}

import { Injectable } from '@nestjs/common';
import { foldContent, foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { SearchService } from '../search/search.service.js';
import { BODY_KIND_LABELS } from './body-labels.js';
import { Body } from './body.entity.js';
import { BodyPolicyService } from './body-policy.service.js';

/**
 * A body's search document: names, code, kind and description; internal bodies for members only.
 * Every document of the body (its meetings, agenda items, decisions …) is reindexed with it, so a
 * body made internal leaves the public search in the same write.
 */
export const BODY_SEARCH_SOURCE: SearchSource<Body> = {
  kind: 'body',
  entity: Body,
  dependents: 'bodyId',
  fields: (b) => ({
    title: b.name,
    subtitle: BODY_KIND_LABELS[b.kind],
    nameFolded: foldNames([b.name, b.shortName, b.code]),
    contentFolded: foldContent([BODY_KIND_LABELS[b.kind], b.description?.slice(0, 2000)]),
    audience: b.isPublic ? 'public' : 'members',
    bodyId: b.id,
  }),
};

/** Registers bodies with the search index at start-up, and who manages which body (drafts' records in the search). */
@Injectable()
export class BodySearchRegistration {
  constructor(indexer: SearchIndexer, search: SearchService, policy: BodyPolicyService) {
    indexer.register(BODY_SEARCH_SOURCE);
    search.useEditorBodies((viewer) => policy.manageableBodyIds(viewer));
  }
}

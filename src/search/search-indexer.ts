import { Injectable } from '@nestjs/common';
import { type EntityManager, type EntityTarget, type FindOptionsRelations, type FindOptionsWhere, MoreThan } from 'typeorm';
import { SEARCH_KINDS, SearchDocument, type SearchKind } from './search-document.entity.js';
import { contentVariants, nameVariants } from './search-text.js';

const REBUILD_BATCH = 1000;

/** What a search document shows and is found by. */
export type SearchDocumentFields = Pick<SearchDocument, 'title' | 'subtitle' | 'nameFolded' | 'contentFolded'>;

function fold(parts: (string | null | undefined)[], variants: (text: string) => string[]): string {
  return [...new Set(parts.filter((p): p is string => !!p).flatMap(variants))].join(' ');
}

/** Names in every spelling they are searched by (umlauts both ways, Arabic/Persian letter forms). */
export function foldNames(parts: (string | null | undefined)[]): string {
  return fold(parts, nameVariants);
}

/** Other indexed text (kinds, places, descriptions), folded for matching. */
export function foldContent(parts: (string | null | undefined)[]): string {
  return fold(parts, contentVariants);
}

/**
 * A kind of record the index holds, supplied by the module that owns the records (people,
 * organisations, bodies register theirs at start-up: search sits below them and knows none).
 * Only names and non-contact text may go into `fields`: contact details never enter the index,
 * so visibility rules cannot leak through search.
 */
export interface SearchSource<T extends { id: number }> {
  kind: SearchKind;
  entity: EntityTarget<T>;
  /** Loaded with each record for its document. */
  relations?: FindOptionsRelations<T>;
  fields(record: T): SearchDocumentFields;
}

/**
 * Keeps search_documents in step with the registered sources. Writers call `reindex` with the
 * EntityManager of their write transaction after changing a record of a kind.
 */
@Injectable()
export class SearchIndexer {
  private readonly sources = new Map<SearchKind, SearchSource<{ id: number }>>();

  /** Called once per kind at start-up by the module owning the records. */
  register<T extends { id: number }>(source: SearchSource<T>): void {
    this.sources.set(source.kind, source);
  }

  private source(kind: SearchKind): SearchSource<{ id: number }> {
    const source = this.sources.get(kind);
    if (!source) throw new Error(`SearchIndexer: no source registered for '${kind}'`);
    return source;
  }

  /** Every kind's source, in SEARCH_KINDS order (the rebuild order). */
  private allSources(): SearchSource<{ id: number }>[] {
    return SEARCH_KINDS.map((kind) => this.source(kind));
  }

  async reindex(manager: EntityManager, kind: SearchKind, refId: number): Promise<void> {
    const source = this.source(kind);
    const record = await manager.getRepository(source.entity).findOne({ where: { id: refId }, relations: source.relations });
    const repo = manager.getRepository(SearchDocument);
    if (!record) {
      await repo.delete({ kind, refId });
      return;
    }
    const fields = source.fields(record);
    const existing = await repo.findOne({ where: { kind, refId } });
    await repo.save(existing ? Object.assign(existing, fields) : repo.create({ kind, refId, ...fields }));
  }

  /** Rebuilds the whole index, a thousand records at a time (memory stays flat however large the directory). */
  async rebuildAll(manager: EntityManager): Promise<void> {
    const sources = this.allSources();
    const docs = manager.getRepository(SearchDocument);
    await docs.clear();
    for (const source of sources) {
      for (let afterId = 0; ; ) {
        const records = await manager.getRepository(source.entity).find({
          where: { id: MoreThan(afterId) } as FindOptionsWhere<{ id: number }>,
          relations: source.relations,
          order: { id: 'ASC' },
          take: REBUILD_BATCH,
        });
        if (records.length === 0) break;
        for (let i = 0; i < records.length; i += 500) {
          await docs.insert(records.slice(i, i + 500).map((r) => ({ kind: source.kind, refId: r.id, ...source.fields(r) })));
        }
        afterId = records[records.length - 1].id;
      }
    }
  }

  /**
   * Indexes the records that have no search document yet (records a seed has just added), leaving
   * the rest of the index alone: a new seed set on a large directory costs what it adds, not a
   * rebuild of everything.
   */
  async indexMissing(manager: EntityManager): Promise<number> {
    const work: [SearchKind, number[]][] = [];
    for (const source of this.allSources()) {
      const rows = await manager
        .getRepository(source.entity)
        .createQueryBuilder('r')
        .select('r.id', 'id')
        .where('NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.kind = :kind AND d.ref_id = r.id)', { kind: source.kind })
        .getRawMany<{ id: number }>();
      work.push([source.kind, rows.map((r) => Number(r.id))]);
    }
    let count = 0;
    for (const [kind, ids] of work) {
      for (const id of ids) await this.reindex(manager, kind, id);
      count += ids.length;
    }
    return count;
  }
}

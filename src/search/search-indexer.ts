import { Injectable } from '@nestjs/common';
import { type EntityManager, type EntityTarget, type FindOptionsRelations, type FindOptionsWhere, MoreThan } from 'typeorm';
import { SEARCH_KINDS, SearchDocument, type SearchKind } from './search-document.entity.js';
import { contentVariants, nameVariants } from './search-text.js';

const REBUILD_BATCH = 1000;

/** Long text is indexed up to this many characters (a decision's text is at most 20,000). */
export const MAX_INDEXED_TEXT = 30_000;

/**
 * What a search document shows and is found by. Who may see it (`audience`, default public), its
 * body, meeting, day and link, and long text as written (`text`, folded by the indexer) are optional.
 */
export type SearchDocumentFields = Pick<SearchDocument, 'title' | 'subtitle' | 'nameFolded' | 'contentFolded'> &
  Partial<Pick<SearchDocument, 'audience' | 'bodyId' | 'meetingId' | 'day' | 'path' | 'text'>>;

/**
 * Folded text with punctuation as spaces: the query is split into words at every non-letter
 * (searchTokens), and so is the index — PostgreSQL's parser would otherwise read "bb-2026-07" as
 * "bb", "-2026", "-07" and never find the number's words.
 */
function words(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}\p{M}\s]+/gu, ' ');
}

/** The stored columns of a document: the long text cut and folded, every optional column set. */
function documentColumns(fields: SearchDocumentFields): Omit<SearchDocument, 'id' | 'kind' | 'refId'> {
  const text = Array.from(fields.text ?? '').slice(0, MAX_INDEXED_TEXT).join('');
  return {
    title: fields.title.slice(0, 300),
    subtitle: fields.subtitle?.slice(0, 300) ?? null,
    nameFolded: words(fields.nameFolded),
    contentFolded: words(fields.contentFolded),
    audience: fields.audience ?? 'public',
    bodyId: fields.bodyId ?? null,
    meetingId: fields.meetingId ?? null,
    day: fields.day ?? null,
    path: fields.path ?? null,
    text,
    textFolded: words(foldContent([text])),
  };
}

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
  /**
   * The record's document; null: the record is not searchable now (e.g. its body was deleted). May
   * read more through `manager` (the writer's transaction).
   */
  fields(record: T, manager: EntityManager): SearchDocumentFields | null | Promise<SearchDocumentFields | null>;
  /**
   * Documents that depend on a record of this kind: when it is reindexed, every document whose
   * body_id (a body) or meeting_id (a meeting) is its id is reindexed too, so a body or meeting made
   * internal takes its agenda items, decisions and minutes out of the public search in the same write.
   */
  dependents?: 'bodyId' | 'meetingId';
  /** The ids of this kind's records belonging to a meeting (so `reindexMeeting` also finds records not indexed yet). */
  recordsOfMeeting?(manager: EntityManager, meetingId: number): Promise<number[]>;
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

  /** Every registered kind's source, in SEARCH_KINDS order (the rebuild order). */
  private allSources(): SearchSource<{ id: number }>[] {
    return this.registeredKinds().map((kind) => this.source(kind));
  }

  /** The kinds with a registered source, in SEARCH_KINDS order: what the search offers. */
  registeredKinds(): SearchKind[] {
    return SEARCH_KINDS.filter((kind) => this.sources.has(kind));
  }

  /**
   * Brings the document of one record in step with it (created, changed or gone) inside the
   * writer's transaction, and with it the documents depending on it (SearchSource.dependents).
   */
  async reindex(manager: EntityManager, kind: SearchKind, refId: number): Promise<void> {
    const source = this.source(kind);
    await this.reindexOne(manager, source, refId);
    if (!source.dependents) return;
    const column = source.dependents === 'bodyId' ? 'body_id' : 'meeting_id';
    const rows = await manager
      .getRepository(SearchDocument)
      .createQueryBuilder('d')
      .select(['d.kind AS kind', 'd.ref_id AS ref_id'])
      .where(`d.${column} = :refId`, { refId })
      .andWhere('NOT (d.kind = :kind AND d.ref_id = :refId)', { kind })
      .getRawMany<{ kind: SearchKind; ref_id: number }>();
    for (const row of rows) {
      const dependent = this.sources.get(row.kind);
      if (dependent) await this.reindexOne(manager, dependent, Number(row.ref_id));
    }
  }

  /**
   * Every document of a meeting again, inside the writer's transaction: the meeting's, those already
   * indexed under it (gone records lose theirs) and every record a source lists for it (new ones gain
   * theirs). Writers of agendas, minutes, decisions and action items call this after each change.
   */
  async reindexMeeting(manager: EntityManager, meetingId: number): Promise<void> {
    const keys = new Map<string, [SearchKind, number]>();
    const add = (kind: SearchKind, id: number): void => void keys.set(`${kind}:${id}`, [kind, id]);
    if (this.sources.has('meeting')) add('meeting', meetingId);
    const indexed = await manager
      .getRepository(SearchDocument)
      .createQueryBuilder('d')
      .select(['d.kind AS kind', 'd.ref_id AS ref_id'])
      .where('d.meeting_id = :meetingId', { meetingId })
      .getRawMany<{ kind: SearchKind; ref_id: number }>();
    for (const row of indexed) add(row.kind, Number(row.ref_id));
    for (const source of this.allSources()) {
      if (source.recordsOfMeeting) for (const id of await source.recordsOfMeeting(manager, meetingId)) add(source.kind, id);
    }
    for (const [kind, id] of keys.values()) {
      const source = this.sources.get(kind);
      if (source) await this.reindexOne(manager, source, id);
    }
  }

  private async reindexOne(manager: EntityManager, source: SearchSource<{ id: number }>, refId: number): Promise<void> {
    const { kind } = source;
    const record = await manager.getRepository(source.entity).findOne({ where: { id: refId }, relations: source.relations });
    const repo = manager.getRepository(SearchDocument);
    const fields = record ? await source.fields(record, manager) : null;
    if (!fields) {
      await repo.delete({ kind, refId });
      return;
    }
    const columns = documentColumns(fields);
    const existing = await repo.findOne({ where: { kind, refId } });
    await repo.save(existing ? Object.assign(existing, columns) : repo.create({ kind, refId, ...columns }));
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
        const rows: Omit<SearchDocument, 'id'>[] = [];
        for (const r of records) {
          const fields = await source.fields(r, manager);
          if (fields) rows.push({ kind: source.kind, refId: r.id, ...documentColumns(fields) });
        }
        // Long texts make big rows: smaller insert batches keep every statement's parameters bounded.
        for (let i = 0; i < rows.length; i += 100) await docs.insert(rows.slice(i, i + 100));
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
      const source = this.source(kind);
      for (const id of ids) await this.reindexOne(manager, source, id);
      count += ids.length;
    }
    return count;
  }
}

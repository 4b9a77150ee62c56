import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, type DataSource, type EntityManager, In } from 'typeorm';
import { CalendarFeedService } from '../calendar/calendar-feed.service.js';
import { ByteBoundedLru } from '../common/memory/byte-bounded-lru.js';
import { DatabaseService } from '../database/database.service.js';
import type { DavCollectionDef, RenderedResource } from './dav-collections.service.js';
import { DavCollection } from './dav-collection.entity.js';
import { DavResource } from './dav-resource.entity.js';
import { DavTextStore } from './dav-text-store.js';

/** Which collection row, at which change number (the CTag and sync token). */
export interface CollectionState {
  collectionId: number;
  version: number;
}

/** A card or event without its text: what the sync state and PROPFIND need. */
export interface ResourceMeta {
  name: string;
  etag: string;
  /** UTF-8 bytes of the text (getcontentlength). */
  bytes: number;
  startsAt?: Date;
  endsAt?: Date;
}

/** A collection's contents at its current change number (names and ETags; texts: DavSyncService.texts). */
export interface CollectionSnapshot extends CollectionState {
  resources: Map<string, ResourceMeta>;
}

/** What changed after a sync token: changed resources (without texts) and removed names. */
export interface SyncDelta {
  changed: ResourceMeta[];
  removed: string[];
}

/**
 * Memory the snapshots kept may take, all collections together (the directory on 20,000 people
 * is about 4 MB of names and ETags); least recently refreshed out first, never the one just made.
 */
export const DAV_SNAPSHOT_BUDGET_BYTES = 16 * 1024 * 1024;
/** Counted per resource beside its name and ETag: the object, the map entry, dates. */
const META_OVERHEAD_BYTES = 160;

interface CachedSnapshot extends CollectionSnapshot {
  contentKey: string;
  bytes: number;
}

/**
 * Sync state of the DAV collections (RFC 6578 sync tokens, CTags). Each collection has a change
 * number; each card or event a row with its ETag and the change number at which it last changed, or
 * was removed (a tombstone). When a collection is read and the content version (plus Berlin day and
 * feed window: the feeds' fingerprint) has moved since its last refresh, it is rendered again and
 * compared with the rows inside one DatabaseService.write: new, changed and removed resources get the
 * next change number. Nothing changed anywhere: one primary-key read, no rendering.
 *
 * A snapshot keeps names and ETags only; the texts live in one DavTextStore (by ETag, bounded in
 * bytes), filled while rendering, and what it no longer holds is rendered again for just the
 * resources being sent (texts()).
 */
@Injectable()
export class DavSyncService {
  /** Snapshots by collection key, least recently refreshed out first beyond the budget (reads do not reorder). */
  private readonly cache = new ByteBoundedLru<string, CachedSnapshot>(DAV_SNAPSHOT_BUDGET_BYTES, (snapshot) => snapshot.bytes);
  private readonly inFlight = new Map<string, Promise<CachedSnapshot>>();
  /** Rendered texts by ETag, bounded in bytes. */
  readonly textStore = new DavTextStore();
  /** How many times a collection was rendered (tests and diagnostics). */
  renders = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly feeds: CalendarFeedService,
  ) {}

  async snapshot(def: DavCollectionDef, now = new Date()): Promise<CollectionSnapshot> {
    const contentKey = (await this.feeds.fingerprint(now)).key;
    const hit = this.cache.peek(def.key);
    if (hit && hit.contentKey === contentKey) return hit;
    const flight = `${def.key}#${contentKey}`;
    const running = this.inFlight.get(flight);
    if (running) return running;
    const job = this.refresh(def, contentKey).finally(() => this.inFlight.delete(flight));
    this.inFlight.set(flight, job);
    return job;
  }

  /**
   * The collection's id and change number without rendering anything when its content is unchanged
   * since the last refresh (by this or another instance): a memory hit or one primary-key read.
   * Otherwise a full snapshot (render and refresh).
   */
  async state(def: DavCollectionDef, now = new Date()): Promise<CollectionState> {
    const contentKey = (await this.feeds.fingerprint(now)).key;
    const hit = this.cache.peek(def.key);
    if (hit && hit.contentKey === contentKey) return hit;
    const row = await this.dataSource.getRepository(DavCollection).findOne({ where: { key: def.key } });
    if (row && row.contentKey === contentKey) return { collectionId: row.id, version: row.version };
    return this.snapshot(def, now);
  }

  /** Forgets the rendered snapshots kept in memory, as a restart does (the stored state stays). */
  forgetSnapshots(): void {
    this.cache.clear();
    this.textStore.clear();
  }

  /**
   * The texts of these resources of a collection (call with a slice, e.g. CARD_SLICE of them): from
   * the text store, the rest rendered now. A resource whose text changed since the snapshot comes
   * with its new ETag; one no longer in the collection is left out. In the order asked.
   */
  async texts(def: DavCollectionDef, metas: readonly ResourceMeta[]): Promise<RenderedResource[]> {
    const found = new Map<string, RenderedResource>();
    const missing: string[] = [];
    for (const meta of metas) {
      const text = this.textStore.get(meta.etag);
      if (text === undefined) missing.push(meta.name);
      else found.set(meta.name, { ...meta, text });
    }
    if (missing.length > 0) {
      for (const r of await def.renderSome(missing)) {
        this.textStore.put(r.etag, r.text);
        found.set(r.name, r);
      }
    }
    return metas.flatMap((meta) => found.get(meta.name) ?? []);
  }

  /** Changes after `version` (a sync token's change number), as of the snapshot. */
  async delta(snapshot: CollectionSnapshot, version: number): Promise<SyncDelta> {
    const rows = await this.dataSource.getRepository(DavResource).find({
      where: { collectionId: snapshot.collectionId, version: Between(version + 1, snapshot.version) },
      order: { name: 'ASC' },
    });
    const changed: ResourceMeta[] = [];
    const removed: string[] = [];
    for (const row of rows) {
      const resource = snapshot.resources.get(row.name);
      if (!row.deleted && resource) changed.push(resource);
      else if (row.deleted) removed.push(row.name);
    }
    return { changed, removed };
  }

  private async refresh(def: DavCollectionDef, contentKey: string): Promise<CachedSnapshot> {
    const resources = new Map<string, ResourceMeta>();
    let bytes = 0;
    for await (const slice of def.render()) {
      for (const r of slice) {
        this.textStore.put(r.etag, r.text);
        const meta: ResourceMeta = { name: r.name, etag: r.etag, bytes: Buffer.byteLength(r.text) };
        if (r.startsAt) meta.startsAt = r.startsAt;
        if (r.endsAt) meta.endsAt = r.endsAt;
        resources.set(r.name, meta);
        bytes += 2 * (r.name.length + r.etag.length) + META_OVERHEAD_BYTES;
      }
    }
    this.renders++;
    const state = await this.db.write((m) => this.apply(m, def.key, contentKey, resources));
    const snapshot: CachedSnapshot = { ...state, contentKey, resources, bytes };
    this.cache.set(def.key, snapshot);
    return snapshot;
  }

  /** Compares the rendered resources with the stored state and records what changed. */
  private async apply(m: EntityManager, key: string, contentKey: string, resources: Map<string, ResourceMeta>): Promise<{ collectionId: number; version: number }> {
    const collections = m.getRepository(DavCollection);
    await collections.createQueryBuilder().insert().values({ key, contentKey: '', version: 0 }).orIgnore().execute();
    const postgres = m.connection.options.type === 'postgres';
    const row = await collections.findOneOrFail({ where: { key }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    // Another request (or instance) refreshed at this content already.
    if (row.contentKey === contentKey) return { collectionId: row.id, version: row.version };

    const repo = m.getRepository(DavResource);
    const stored = new Map((await repo.find({ where: { collectionId: row.id } })).map((r) => [r.name, r]));
    const next = row.version + 1;
    const upserts: DavResource[] = [];
    for (const r of resources.values()) {
      const old = stored.get(r.name);
      if (old && !old.deleted && old.etag === r.etag) continue;
      upserts.push(repo.create({ collectionId: row.id, name: r.name, etag: r.etag, version: next, deleted: false }));
    }
    const removed = [...stored.values()].filter((s) => !s.deleted && !resources.has(s.name)).map((s) => s.name);
    for (let i = 0; i < upserts.length; i += 500) await repo.upsert(upserts.slice(i, i + 500), { conflictPaths: ['collectionId', 'name'] });
    for (let i = 0; i < removed.length; i += 500) {
      await repo.update({ collectionId: row.id, name: In(removed.slice(i, i + 500)) }, { deleted: true, version: next });
    }
    const changed = upserts.length > 0 || removed.length > 0;
    await collections.update({ id: row.id }, { contentKey, version: changed ? next : row.version });
    return { collectionId: row.id, version: changed ? next : row.version };
  }
}

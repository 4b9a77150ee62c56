import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, type DataSource, type EntityManager, In } from 'typeorm';
import { CalendarFeedService } from '../calendar/calendar-feed.service.js';
import { DatabaseService } from '../database/database.service.js';
import type { DavCollectionDef, RenderedResource } from './dav-collections.service.js';
import { DavCollection } from './dav-collection.entity.js';
import { DavResource } from './dav-resource.entity.js';

/** Which collection row, at which change number (the CTag and sync token). */
export interface CollectionState {
  collectionId: number;
  version: number;
}

/** A collection's contents at its current change number. */
export interface CollectionSnapshot extends CollectionState {
  resources: Map<string, RenderedResource>;
}

/** What changed after a sync token: changed resources (rendered) and removed names. */
export interface SyncDelta {
  changed: RenderedResource[];
  removed: string[];
}

/** Snapshots kept in memory (the directory on 20,000 people is ~10 MB). */
const MAX_SNAPSHOTS = 32;

interface CachedSnapshot extends CollectionSnapshot {
  contentKey: string;
}

/**
 * Sync state of the DAV collections (RFC 6578 sync tokens, CTags). Each collection has a change
 * number; each card or event a row with its ETag and the change number at which it last changed, or
 * was removed (a tombstone). When a collection is read and the content version (plus Berlin day and
 * feed window: the feeds' fingerprint) has moved since its last refresh, it is rendered again and
 * compared with the rows inside one DatabaseService.write: new, changed and removed resources get the
 * next change number. Nothing changed anywhere: one primary-key read, no rendering.
 */
@Injectable()
export class DavSyncService {
  private readonly cache = new Map<string, CachedSnapshot>();
  private readonly inFlight = new Map<string, Promise<CachedSnapshot>>();
  /** How many times a collection was rendered (tests and diagnostics). */
  renders = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly feeds: CalendarFeedService,
  ) {}

  async snapshot(def: DavCollectionDef, now = new Date()): Promise<CollectionSnapshot> {
    const contentKey = (await this.feeds.fingerprint(now)).key;
    const hit = this.cache.get(def.key);
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
    const hit = this.cache.get(def.key);
    if (hit && hit.contentKey === contentKey) return hit;
    const row = await this.dataSource.getRepository(DavCollection).findOne({ where: { key: def.key } });
    if (row && row.contentKey === contentKey) return { collectionId: row.id, version: row.version };
    return this.snapshot(def, now);
  }

  /** Forgets the rendered snapshots kept in memory, as a restart does (the stored state stays). */
  forgetSnapshots(): void {
    this.cache.clear();
  }

  /** Changes after `version` (a sync token's change number), as of the snapshot. */
  async delta(snapshot: CollectionSnapshot, version: number): Promise<SyncDelta> {
    const rows = await this.dataSource.getRepository(DavResource).find({
      where: { collectionId: snapshot.collectionId, version: Between(version + 1, snapshot.version) },
      order: { name: 'ASC' },
    });
    const changed: RenderedResource[] = [];
    const removed: string[] = [];
    for (const row of rows) {
      const resource = snapshot.resources.get(row.name);
      if (!row.deleted && resource) changed.push(resource);
      else if (row.deleted) removed.push(row.name);
    }
    return { changed, removed };
  }

  private async refresh(def: DavCollectionDef, contentKey: string): Promise<CachedSnapshot> {
    const rendered = await def.render();
    this.renders++;
    const resources = new Map(rendered.map((r) => [r.name, r]));
    const state = await this.db.write((m) => this.apply(m, def.key, contentKey, resources));
    const snapshot: CachedSnapshot = { ...state, contentKey, resources };
    this.cache.delete(def.key);
    this.cache.set(def.key, snapshot);
    if (this.cache.size > MAX_SNAPSHOTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return snapshot;
  }

  /** Compares the rendered resources with the stored state and records what changed. */
  private async apply(m: EntityManager, key: string, contentKey: string, resources: Map<string, RenderedResource>): Promise<{ collectionId: number; version: number }> {
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

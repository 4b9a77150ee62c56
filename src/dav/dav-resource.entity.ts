import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One card or event as a collection last showed it: its ETag (hash of the rendered text), the change
 * number at which it last changed, and whether it has been removed since (a tombstone, so a sync
 * reports it as gone). No personal data: the content is rendered afresh on every read.
 */
@Entity('dav_resources')
@Index('idx_dav_resources_version', ['collectionId', 'version'])
export class DavResource {
  @PrimaryColumn({ name: 'collection_id', type: 'integer' })
  collectionId: number;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  etag: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'boolean', default: false })
  deleted: boolean;
}

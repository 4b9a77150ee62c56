import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The sync state of one DAV collection ("addressbook:all", "calendar:body:7"): the content key it was
 * last refreshed at (content version, Berlin day, feed window) and its latest change number, which is
 * both the CTag and the sync token. Shared by every account that may read the collection.
 */
@Entity('dav_collections')
export class DavCollection {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_dav_collections_key', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  key: string;

  @Column({ name: 'content_key', type: 'varchar', length: 200 })
  contentKey: string;

  @Column({ type: 'integer', default: 0 })
  version: number;
}

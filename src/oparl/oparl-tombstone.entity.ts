import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The kinds of objects OParl keeps a record of once they are gone or no longer public. */
export const TOMBSTONE_TYPES = ['body', 'organisation', 'person', 'membership', 'meeting', 'agenda_item', 'file'] as const;
export type TombstoneType = (typeof TOMBSTONE_TYPES)[number];

/**
 * An OParl object that was public and is not any more (deleted, erased, unpublished, consent
 * withdrawn): its URL keeps answering with `deleted: true`, and lists name it when a harvester asks
 * for `modified_since`. Only the id and the two instants are kept — never personal data.
 */
@Entity('oparl_tombstones')
@Index('uq_oparl_tombstones_object', ['objectType', 'objectId'], { unique: true })
export class OparlTombstone {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'object_type', type: 'varchar', length: 20 })
  objectType: TombstoneType;

  @Column({ name: 'object_id', type: 'integer' })
  objectId: number;

  /** The embedding object (the meeting of an agenda item or a file, the person of a membership): its `modified` moves too. */
  @Index('idx_oparl_tombstones_parent')
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  /** The object's own creation time (OParl keeps `created` on a deleted object). */
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** When it went away: the deleted object's `modified`. */
  @Index('idx_oparl_tombstones_deleted_at')
  @Column({ name: 'deleted_at', type: Date })
  deletedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SEARCH_KINDS = ['person', 'organisation', 'body'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * One searchable record (person, organisation or body), with its text already folded
 * (lower case, accents removed, umlauts in both spellings) by SearchService. On SQLite an
 * FTS5 index (search_fts) is kept in step with this table by triggers.
 */
@Entity('search_documents')
@Index('uq_search_documents_ref', ['kind', 'refId'], { unique: true })
export class SearchDocument {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: SearchKind;

  @Column({ name: 'ref_id', type: 'integer' })
  refId: number;

  /** Display name as shown in results. */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Second line in results: function, organisation, kind. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  subtitle: string | null;

  /** Folded name variants, space separated; an exact match on one of them ranks first. */
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  /** Folded further text: function, organisation, short names, languages. */
  @Column({ name: 'content_folded', type: 'text' })
  contentFolded: string;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every kind of record the index can hold, in the order results are grouped. Each kind is supplied by
 * the module owning its records (a SearchSource); 'document' (meeting documents) is registered by the
 * documents module once it exists — a kind without a registered source is simply never searched.
 */
export const SEARCH_KINDS = ['person', 'organisation', 'body', 'meeting', 'agenda-item', 'decision', 'minutes', 'action-item', 'document'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * Who may see a document, decided by its source when it is indexed and enforced in the query's WHERE:
 * - public: everybody, anonymous visitors included;
 * - members: every logged-in member (internal meetings and agenda items, circulated minutes, action items);
 * - editors: those who manage the document's body (body_id) and administrators (draft minutes' records).
 */
export const SEARCH_AUDIENCES = ['public', 'members', 'editors'] as const;
export type SearchAudience = (typeof SEARCH_AUDIENCES)[number];

/**
 * One searchable record, with its text already folded (lower case, accents removed, umlauts in both
 * spellings) by the indexer. On SQLite FTS5 indexes (search_fts, search_trigram) are kept in step with
 * this table by triggers; on PostgreSQL GIN indexes over expressions of its columns.
 */
@Entity('search_documents')
@Index('uq_search_documents_ref', ['kind', 'refId'], { unique: true })
@Index('idx_search_documents_audience', ['audience', 'kind'])
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

  /** Second line in results: function, organisation, kind; the meeting of an agenda item or decision. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  subtitle: string | null;

  /** Folded name variants, space separated; an exact match on one of them ranks first. */
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  /** Folded further text: function, organisation, short names, languages, place. */
  @Column({ name: 'content_folded', type: 'text' })
  contentFolded: string;

  /** Who may see it (SEARCH_AUDIENCES). */
  @Column({ type: 'varchar', length: 10, default: 'public' })
  audience: SearchAudience;

  /** The body it belongs to (a body's own document: the body itself); filter and 'editors' audience. */
  @Index('idx_search_documents_body')
  @Column({ name: 'body_id', type: 'integer', nullable: true })
  bodyId: number | null;

  /** The meeting it belongs to; every document of a meeting is reindexed when the meeting changes. */
  @Index('idx_search_documents_meeting')
  @Column({ name: 'meeting_id', type: 'integer', nullable: true })
  meetingId: number | null;

  /** Berlin day (YYYY-MM-DD) of the meeting or document, for the date filter; null for people and the like. */
  @Index('idx_search_documents_day')
  @Column({ type: 'varchar', length: 10, nullable: true })
  day: string | null;

  /** Where the hit links to; null: the kind's own page (/personen/ID …). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  path: string | null;

  /** Long text as written (descriptions, decision texts, minutes, extracted document text), for snippets and PostgreSQL's german configuration. */
  @Column({ type: 'text', default: '' })
  text: string;

  /** The long text folded like the rest, for matching. */
  @Column({ name: 'text_folded', type: 'text', default: '' })
  textFolded: string;
}

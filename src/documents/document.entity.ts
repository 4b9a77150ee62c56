import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../auth/account.entity.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';

/** public: whoever may see the meeting (and its agenda item); members: logged-in members only. */
export const DOCUMENT_VISIBILITIES = ['public', 'members'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

/** Background text extraction: pending → done | failed | skipped (a type without text, e.g. an image). */
export const EXTRACTION_STATES = ['pending', 'done', 'failed', 'skipped'] as const;
export type ExtractionState = (typeof EXTRACTION_STATES)[number];

/**
 * The stored bytes, content-addressed: the key is the SHA-256 of the content, so a file uploaded
 * twice is kept once. The bytes themselves sit in the table `document_blob_bytes` (same key; BLOB on
 * SQLite, bytea on PostgreSQL), created by the migrations and read by DocumentStorage: TypeORM has no
 * binary column type common to both engines.
 */
@Entity('document_blobs')
export class DocumentBlob {
  /** Lower-case hex SHA-256 of the bytes. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

/** A document the app writes itself (PDF): the invitation letter, the approved minutes. At most one of each per meeting. */
export const GENERATED_KINDS = ['invitation', 'minutes'] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** A document of a meeting (Sitzungsunterlage), general or for one agenda item; its file is its newest version. */
@Entity('meeting_documents')
@Index('idx_meeting_documents_generated', ['meetingId', 'generatedKind'], { unique: true })
export class MeetingDocument {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_meeting_documents_meeting')
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting: Relation<Meeting>;

  /** null: a general paper of the meeting. */
  @Index('idx_meeting_documents_agenda_item')
  @Column({ name: 'agenda_item_id', type: 'integer', nullable: true })
  agendaItemId: number | null;

  @ManyToOne(() => AgendaItem, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem: Relation<AgendaItem> | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10, default: 'members' })
  visibility: DocumentVisibility;

  @Column({ name: 'created_by_account_id', type: 'integer', nullable: true })
  createdByAccountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_account_id' })
  createdBy: Relation<Account> | null;

  /** null: uploaded by a person; else written by the app (new versions only by the app, never by upload). */
  @Column({ name: 'generated_kind', type: 'varchar', length: 20, nullable: true })
  generatedKind: GeneratedKind | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany(() => DocumentVersion, (v) => v.document)
  versions: Relation<DocumentVersion>[];
}

/** One uploaded file of a document; the newest (highest id) is the one served. */
@Entity('document_versions')
export class DocumentVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_document_versions_document')
  @Column({ name: 'document_id', type: 'integer' })
  documentId: number;

  @ManyToOne(() => MeetingDocument, (d) => d.versions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document: Relation<MeetingDocument>;

  @Index('idx_document_versions_blob')
  @Column({ name: 'blob_sha256', type: 'varchar', length: 64 })
  blobSha256: string;

  @ManyToOne(() => DocumentBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blob_sha256' })
  blob: Relation<DocumentBlob>;

  /** As uploaded (any script), only ever sent in a Content-Disposition header, never used as a path. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** Judged from the content on upload (never the browser's claim). */
  @Column({ name: 'mime_type', type: 'varchar', length: 120 })
  mimeType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ name: 'uploaded_by_account_id', type: 'integer', nullable: true })
  uploadedByAccountId: number | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_account_id' })
  uploadedBy: Relation<Account> | null;

  @CreateDateColumn({ name: 'uploaded_at' })
  uploadedAt: Date;

  /** Plain text for the search, filled in the background (see DocumentTextWorker). */
  @Column({ name: 'extracted_text', type: 'text', nullable: true })
  extractedText: string | null;

  @Index('idx_document_versions_extraction')
  @Column({ name: 'extraction_state', type: 'varchar', length: 10, default: 'pending' })
  extractionState: ExtractionState;
}

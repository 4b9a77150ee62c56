import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { auditChanges, AuditLog, type AuditValues } from '../audit/audit-log.service.js';
import type { AuditAction } from '../audit/audit-entry.entity.js';
import { AccountPeople } from '../auth/account-people.js';
import { Account } from '../auth/account.entity.js';
import { ANONYMOUS, type Viewer } from '../auth/viewer.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { columnHydrator, rawRows } from '../database/raw-read.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { meetingAuditLabel } from '../meetings/meeting-audit.js';
import { canViewMeeting } from '../meetings/meeting-visibility.js';
import { type MeetingDocumentLine, MeetingDocumentsSource } from '../meetings/meeting-documents-source.js';
import { MeetingEditorService } from '../meetings/meeting-editor.service.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { type DocumentVisibility, DocumentVersion, type GeneratedKind, MeetingDocument } from './document.entity.js';
import { DocumentStorage, sha256Hex } from './document-storage.js';
import { judgeFileType } from './document-types.js';
import { cleanFileName, formatBytes, titleFromFileName } from './document-view.js';
import { canViewDocument, defaultVisibility, type MeetingScope } from './document-visibility.js';
import { VISIBILITY_LABELS } from './documents.forms.js';
import { documentLetterLines } from './documents.view-model.js';
import { type DocumentListEntry, readMeetingDocumentList } from './meeting-document-list.js';

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    /** A document version was stored (its text is extracted later, in the background). */
    'document.uploaded': { documentId: number; versionId: number; meetingId: number };
    /** A document was removed with all its versions; `wasPublic`: an anonymous visitor could open it (e.g. for OParl tombstones). */
    'document.removed': { documentId: number; meetingId: number; createdAt: Date; wasPublic: boolean };
  }
}

/** One file as the upload parsed it. */
export interface UploadedFile {
  originalName: string;
  bytes: Buffer;
}

export interface DocumentInput {
  agendaItemId: number | null;
  title: string;
  description: string | null;
  visibility: DocumentVisibility;
}

/** A document with its newest version and its agenda item (null: general paper). */
export interface DocumentEntry {
  document: MeetingDocument;
  version: DocumentVersion;
  item: AgendaItem | null;
  /** Whether anonymous visitors may see it too (false: members only). */
  isPublic: boolean;
}

/** A file to send: the newest (or a chosen) version the viewer may see. */
export interface DocumentFile {
  document: MeetingDocument;
  version: DocumentVersion;
  bytes: Buffer;
  /** Members only: must not sit in shared caches. */
  isPrivate: boolean;
}

export interface VersionEntry {
  version: DocumentVersion;
  uploadedBy: string;
}

const AUDIT_LABELS: Record<string, string> = {
  title: 'Titel',
  agendaItem: 'Tagesordnungspunkt',
  description: 'Beschreibung',
  visibility: 'Sichtbar für',
  file: 'Datei',
};

function itemLabel(item: AgendaItem | null): string {
  return item ? `TOP ${item.number} ${item.title}` : 'Allgemeine Unterlagen';
}

/**
 * Meeting documents: who may see and manage them (the meeting's rules), upload with type and size
 * checks, versions, removal; every write audited in its transaction.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly storage: DocumentStorage,
    private readonly meetings: MeetingsService,
    private readonly meetingsRepository: MeetingsRepository,
    private readonly editor: MeetingEditorService,
    private readonly policy: BodyPolicyService,
    private readonly audit: AuditLog,
    private readonly accountPeople: AccountPeople,
    private readonly events: DomainEvents,
    private readonly search: SearchIndexer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    documentsSource: MeetingDocumentsSource,
  ) {
    // the printable invitation (src/meetings) lists the documents through this seam
    // the letter (and the mails that list what it lists) never lists the letter itself
    documentsSource.provide({ linesFor: (meeting) => this.linesOf(meeting, this.dataSource.manager, { withoutInvitation: true }) });
  }

  get limits(): { maxBytes: number; quotaBytes: number } {
    return this.config.documents;
  }

  canManage(viewer: Viewer, bodyId: number): Promise<boolean> {
    return this.policy.canManageBody(viewer, bodyId);
  }

  /** The meeting and its whole agenda, for a chair's forms (403/404 otherwise). */
  async forManage(meetingId: number, viewer: Viewer, returnTo?: string): Promise<{ meeting: Meeting; agenda: AgendaItem[] }> {
    const meeting = await this.editor.forManage(meetingId, viewer, returnTo);
    return { meeting, agenda: await this.meetingsRepository.findAgenda(meetingId) };
  }

  defaultVisibility(meeting: Meeting, item: AgendaItem | null): DocumentVisibility {
    return defaultVisibility(meeting, item);
  }

  /** Every document of the meeting with its newest version, in agenda order (general papers first). */
  async allOf(meeting: Meeting, manager: EntityManager = this.dataSource.manager): Promise<DocumentEntry[]> {
    const documents = await manager.getRepository(MeetingDocument).find({ where: { meetingId: meeting.id }, order: { id: 'ASC' } });
    if (documents.length === 0) return [];
    const versions = await manager.getRepository(DocumentVersion).find({ where: { documentId: In(documents.map((d) => d.id)) }, order: { id: 'ASC' } });
    const newest = new Map<number, DocumentVersion>();
    for (const v of versions) newest.set(v.documentId, v);
    const agenda = await manager.getRepository(AgendaItem).find({ where: { meetingId: meeting.id } });
    const items = new Map(agenda.map((a) => [a.id, a]));
    const entries: DocumentEntry[] = [];
    for (const document of documents) {
      const version = newest.get(document.id);
      if (!version) continue;
      const item = document.agendaItemId === null ? null : (items.get(document.agendaItemId) ?? null);
      entries.push({ document, version, item, isPublic: canViewDocument(document, meeting, item, ANONYMOUS) });
    }
    const position = (e: DocumentEntry): number => (e.item ? e.item.position : -1);
    return entries.sort((a, b) => position(a) - position(b) || a.document.title.localeCompare(b.document.title, 'de') || a.document.id - b.document.id);
  }

  /** Every document of the meeting as a listed line (title, type and size, absolute link, members only): the letter, circulars. */
  async linesOf(meeting: Meeting, manager: EntityManager = this.dataSource.manager, options: { withoutInvitation?: boolean } = {}): Promise<MeetingDocumentLine[]> {
    const entries = await this.allOf(meeting, manager);
    const listed = options.withoutInvitation ? entries.filter((e) => e.document.generatedKind !== 'invitation') : entries;
    return documentLetterLines(listed, (id) => this.documentUrl(id));
  }

  /** The meetings of these bodies that have documents and start at or after `since`, newest first (with their body). */
  async meetingsWithDocuments(bodyIds: readonly number[], since: Date, limit = 200): Promise<Meeting[]> {
    if (bodyIds.length === 0) return [];
    return this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.body', 'body')
      .where('m.bodyId IN (:...bodyIds)', { bodyIds })
      .andWhere('m.startsAt >= :since', { since })
      .andWhere((qb) => `EXISTS ${qb.subQuery().select('1').from(MeetingDocument, 'd').where('d.meetingId = m.id').getQuery()}`)
      .orderBy('m.startsAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * The public documents of public meetings as absolute URLs, by meeting id (for calendar ATTACH
   * lines): what an anonymous visitor may open. One query for many meetings.
   */
  async publicDocumentUrls(meetings: readonly (MeetingScope & { id: number })[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    const visible = meetings.filter((m) => canViewMeeting(m, m.body, ANONYMOUS));
    if (visible.length === 0) return result;
    const byId = new Map(visible.map((m) => [m.id, m]));
    // plain rows, one statement: the calendar feeds ask for hundreds of meetings at a time
    const rows = await rawRows<{ id: number; meeting_id: number; visibility: DocumentVisibility; item_id: number | null; item_is_public: unknown }>(
      this.dataSource.manager,
      `SELECT d.id, d.meeting_id, d.visibility, a.id AS item_id, a.is_public AS item_is_public
         FROM meeting_documents d LEFT JOIN agenda_items a ON a.id = d.agenda_item_id
        WHERE d.meeting_id IN (:...meetingIds) AND d.visibility = 'public'
        ORDER BY d.id`,
      { meetingIds: [...byId.keys()] },
    );
    const bool = columnHydrator(this.dataSource, AgendaItem, 'isPublic');
    for (const r of rows) {
      const d = { id: Number(r.id), meetingId: Number(r.meeting_id), visibility: r.visibility };
      const meeting = byId.get(d.meetingId);
      const item = r.item_id === null ? null : { isPublic: bool(r.item_is_public) === true };
      if (!meeting || !canViewDocument(d, meeting, item, ANONYMOUS)) continue;
      result.set(d.meetingId, [...(result.get(d.meetingId) ?? []), this.documentUrl(d.id)]);
    }
    return result;
  }

  /** The absolute link of a document (always its newest version). */
  documentUrl(id: number): string {
    return `${this.config.baseUrl}/unterlagen/${id}`;
  }

  /** The documents of a meeting the viewer may see (the meeting itself must be visible to them). */
  async visibleOf(meeting: Meeting, viewer: Viewer): Promise<DocumentEntry[]> {
    return (await this.allOf(meeting)).filter((e) => canViewDocument(e.document, meeting, e.item, viewer));
  }

  /** The meeting page's document list for the viewer: plain rows in one statement (`readMeetingDocumentList`). */
  listOf(meeting: MeetingScope & { id: number }, viewer: Viewer): Promise<DocumentListEntry[]> {
    return readMeetingDocumentList(this.dataSource.manager, meeting, viewer);
  }

  /** A visible meeting's documents for the viewer (404 for an invisible meeting). */
  async visibleOfMeeting(meetingId: number, viewer: Viewer): Promise<{ meeting: Meeting; entries: DocumentEntry[] }> {
    const meeting = await this.meetings.visibleMeeting(meetingId, viewer);
    return { meeting, entries: await this.visibleOf(meeting, viewer) };
  }

  /** A document the viewer may see with its meeting and agenda item; else 404 (revealing nothing). */
  private async visibleDocument(id: number, viewer: Viewer): Promise<{ document: MeetingDocument; meeting: Meeting; item: AgendaItem | null }> {
    const missing = notFound('Diese Unterlage gibt es nicht.');
    const document = await this.dataSource.getRepository(MeetingDocument).findOne({ where: { id } });
    if (!document) throw missing;
    let meeting: Meeting;
    try {
      meeting = await this.meetings.visibleMeeting(document.meetingId, viewer);
    } catch {
      throw missing;
    }
    const item = document.agendaItemId === null ? null : ((await this.meetingsRepository.findAgenda(meeting.id)).find((a) => a.id === document.agendaItemId) ?? null);
    if (!canViewDocument(document, meeting, item, viewer)) throw missing;
    return { document, meeting, item };
  }

  /** The file to send: the newest version, or `versionId` of this document. 404 when not visible. */
  async file(id: number, viewer: Viewer, versionId?: number): Promise<DocumentFile> {
    const { document, meeting, item } = await this.visibleDocument(id, viewer);
    const versions = this.dataSource.getRepository(DocumentVersion);
    const version = versionId === undefined ? await versions.findOne({ where: { documentId: id }, order: { id: 'DESC' } }) : await versions.findOne({ where: { id: versionId, documentId: id } });
    if (!version) throw notFound('Diese Unterlage gibt es nicht.');
    const bytes = await this.storage.read(version.blobSha256);
    if (!bytes) throw notFound('Diese Unterlage gibt es nicht.');
    return { document, version, bytes, isPrivate: !canViewDocument(document, meeting, item, ANONYMOUS) };
  }

  /** Reads a blob (for the ZIP, one file at a time). */
  bytesOf(version: DocumentVersion): Promise<Buffer | null> {
    return this.storage.read(version.blobSha256);
  }

  /** A document for its chair's page: the meeting, the item and every version with who uploaded it. */
  async forManageDocument(id: number, viewer: Viewer, returnTo?: string): Promise<{ document: MeetingDocument; meeting: Meeting; item: AgendaItem | null; versions: VersionEntry[] }> {
    const document = await this.dataSource.getRepository(MeetingDocument).findOne({ where: { id } });
    if (!document) throw notFound('Diese Unterlage gibt es nicht.');
    const { meeting, agenda } = await this.forManage(document.meetingId, viewer, returnTo);
    const item = agenda.find((a) => a.id === document.agendaItemId) ?? null;
    const versions = await this.dataSource.getRepository(DocumentVersion).find({ where: { documentId: id }, order: { id: 'DESC' } });
    const names = await this.uploaderNames(versions.map((v) => v.uploadedByAccountId));
    return { document, meeting, item, versions: versions.map((version) => ({ version, uploadedBy: version.uploadedByAccountId === null ? 'Unbekannt' : (names.get(version.uploadedByAccountId) ?? 'Unbekannt') })) };
  }

  private async uploaderNames(accountIds: readonly (number | null)[]): Promise<Map<number, string>> {
    const ids = [...new Set(accountIds.filter((x): x is number => x !== null))];
    if (ids.length === 0) return new Map();
    const accounts = await this.dataSource.getRepository(Account).find({ where: { id: In(ids) } });
    const people = await this.accountPeople.byIds(this.dataSource.manager, accounts.map((a) => a.personId));
    return new Map(accounts.map((a) => [a.id, (a.personId !== null ? people.get(a.personId)?.displayName : undefined) ?? a.email]));
  }

  /** Judges every file (type by content, size) before anything is stored; all or nothing. */
  private async judge(files: readonly UploadedFile[]): Promise<{ file: UploadedFile; name: string; mimeType: string; sha: string }[]> {
    if (files.length === 0) throw new FormRejected({ datei: 'Bitte wählen Sie mindestens eine Datei aus.' });
    const problems: string[] = [];
    const judged = [];
    for (const file of files) {
      const name = cleanFileName(file.originalName);
      if (file.bytes.length > this.limits.maxBytes) {
        problems.push(`„${name}“ ist zu groß (${formatBytes(file.bytes.length)}; höchstens ${formatBytes(this.limits.maxBytes)} je Datei).`);
        continue;
      }
      const verdict = await judgeFileType(name, file.bytes);
      if (!verdict.ok) problems.push(verdict.message);
      else judged.push({ file, name, mimeType: verdict.type.mimeType, sha: sha256Hex(file.bytes) });
    }
    if (problems.length > 0) throw new FormRejected({ datei: `${problems.join(' ')}${files.length > 1 ? ' Es wurde keine der Dateien gespeichert.' : ''}` });
    return judged;
  }

  /** Refuses when the new content (not yet stored) would exceed the installation's quota. */
  private async assertQuota(manager: EntityManager, files: readonly { sha: string; file: UploadedFile }[]): Promise<void> {
    const stored = await this.storage.existing(manager, files.map((f) => f.sha));
    const added = new Map<string, number>();
    for (const f of files) if (!stored.has(f.sha)) added.set(f.sha, f.file.bytes.length);
    const extra = [...added.values()].reduce((a, b) => a + b, 0);
    if (extra === 0) return;
    const used = await this.storage.usedBytes(manager);
    if (used + extra > this.limits.quotaBytes) {
      throw new FormRejected({
        datei: `Der Speicherplatz für Unterlagen reicht nicht: belegt sind ${formatBytes(used)} von ${formatBytes(this.limits.quotaBytes)}, diese Dateien brauchen ${formatBytes(extra)}. Bitte entfernen Sie nicht mehr benötigte Unterlagen oder wenden Sie sich an die Administration.`,
      });
    }
  }

  private auditValues(d: Pick<MeetingDocument, 'title' | 'description' | 'visibility'>, item: AgendaItem | null, version: Pick<DocumentVersion, 'fileName' | 'size'> | null): AuditValues {
    return {
      title: d.title,
      agendaItem: itemLabel(item),
      description: d.description,
      visibility: VISIBILITY_LABELS[d.visibility],
      file: version ? `${version.fileName} (${formatBytes(version.size)})` : null,
    };
  }

  private async record(manager: EntityManager, viewer: Viewer, action: AuditAction, meeting: Meeting, document: MeetingDocument, before: AuditValues | null, after: AuditValues | null): Promise<void> {
    await this.audit.record(manager, viewer, {
      action,
      entityType: 'document',
      entityId: document.id,
      label: `${document.title} – ${meetingAuditLabel(meeting)}`,
      bodyId: meeting.bodyId,
      changes: auditChanges(AUDIT_LABELS, before, after),
    });
  }

  private async storeVersion(manager: EntityManager, viewer: Viewer, document: MeetingDocument, meeting: Meeting, f: { file: UploadedFile; name: string; mimeType: string; sha: string }): Promise<DocumentVersion> {
    await this.storage.put(manager, f.file.bytes, f.sha);
    const version = await manager.getRepository(DocumentVersion).save(
      manager.getRepository(DocumentVersion).create({
        documentId: document.id,
        blobSha256: f.sha,
        fileName: f.name,
        mimeType: f.mimeType,
        size: f.file.bytes.length,
        uploadedByAccountId: viewer.kind === 'member' ? viewer.accountId : null,
        extractedText: null,
        extractionState: 'pending',
      }),
    );
    await this.events.publish(manager, 'document.uploaded', { documentId: document.id, versionId: version.id, meetingId: meeting.id });
    return version;
  }

  /** Whether the meeting has a generated document of this kind (read in the caller's transaction). */
  /**
   * The meetings whose generated PDFs may name this person: they sat on the meeting's body (every
   * membership, also ended), answered or attended it, or chaired or recorded its minutes.
   */
  async meetingsNamingPerson(manager: EntityManager, personId: number): Promise<number[]> {
    const rows: { id: number }[] = await manager
      .createQueryBuilder()
      .select('DISTINCT d.meeting_id', 'id')
      .from(MeetingDocument, 'd')
      .innerJoin(Meeting, 'mt', 'mt.id = d.meeting_id')
      .where('d.generated_kind IS NOT NULL')
      .andWhere(
        `(mt.body_id IN (SELECT ms.body_id FROM memberships ms WHERE ms.person_id = :personId)
          OR EXISTS (SELECT 1 FROM attendances a WHERE a.meeting_id = mt.id AND (a.person_id = :personId OR a.deputy_person_id = :personId))
          OR EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = mt.id AND (mi.chair_person_id = :personId OR mi.recorder_person_id = :personId)))`,
        { personId },
      )
      .getRawMany();
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  /**
   * Keeps only the newest version of a meeting's generated PDFs and deletes the stored bytes nobody
   * uses now (after an erasure the older versions still carry the erased name).
   */
  async dropOlderGeneratedVersions(manager: EntityManager, meetingId: number): Promise<number> {
    let dropped = 0;
    for (const document of await manager.getRepository(MeetingDocument).find({ where: { meetingId, generatedKind: Not(IsNull()) } })) {
      const versions = await manager.getRepository(DocumentVersion).find({ select: { id: true }, where: { documentId: document.id }, order: { id: 'DESC' } });
      const older = versions.slice(1).map((v) => v.id);
      if (older.length === 0) continue;
      await manager.getRepository(DocumentVersion).delete({ id: In(older) });
      await this.search.reindex(manager, 'document', document.id);
      dropped += older.length;
    }
    if (dropped > 0) await this.storage.sweep(manager);
    return dropped;
  }

  async hasGenerated(manager: EntityManager, meetingId: number, kind: GeneratedKind): Promise<boolean> {
    return (await manager.getRepository(MeetingDocument).count({ where: { meetingId, generatedKind: kind } })) > 0;
  }

  /**
   * Stores a document the app wrote (PDF) inside the caller's transaction: creates the meeting's
   * document of this kind, or adds a version when the bytes differ from its newest one (the same
   * content is not stored again). Title and visibility follow the current state. Audited as "System".
   */
  async storeGenerated(
    manager: EntityManager,
    meeting: Meeting,
    kind: GeneratedKind,
    input: { title: string; description: string | null; visibility: DocumentVisibility; fileName: string; bytes: Buffer },
  ): Promise<{ document: MeetingDocument; version: DocumentVersion | null }> {
    const repo = manager.getRepository(MeetingDocument);
    const existing = await repo.findOne({ where: { meetingId: meeting.id, generatedKind: kind } });
    const f = { file: { originalName: input.fileName, bytes: input.bytes }, name: cleanFileName(input.fileName), mimeType: 'application/pdf', sha: sha256Hex(input.bytes) };
    if (!existing) {
      const document = await repo.save(repo.create({ meetingId: meeting.id, agendaItemId: null, title: input.title, description: input.description, visibility: input.visibility, generatedKind: kind, createdByAccountId: null }));
      const version = await this.storeVersion(manager, ANONYMOUS, document, meeting, f);
      await this.record(manager, ANONYMOUS, 'create', meeting, document, null, this.auditValues(document, null, version));
      await this.search.reindex(manager, 'document', document.id);
      return { document, version };
    }
    const newest = await manager.getRepository(DocumentVersion).findOne({ where: { documentId: existing.id }, order: { id: 'DESC' } });
    const before = this.auditValues(existing, null, newest);
    const changed = existing.title !== input.title || existing.description !== input.description || existing.visibility !== input.visibility;
    if (changed) await repo.update({ id: existing.id }, { title: input.title, description: input.description, visibility: input.visibility });
    const document = Object.assign(existing, { title: input.title, description: input.description, visibility: input.visibility });
    const version = newest?.blobSha256 === f.sha ? null : await this.storeVersion(manager, ANONYMOUS, document, meeting, f);
    if (changed || version) {
      await this.record(manager, ANONYMOUS, 'update', meeting, document, before, this.auditValues(document, null, version ?? newest));
      await this.search.reindex(manager, 'document', document.id);
    }
    return { document, version };
  }

  /**
   * Attaches files to a meeting (general or to one agenda item), one document per file, in one
   * transaction: a refused file, the quota or an interrupted request leaves nothing behind.
   */
  async upload(viewer: Viewer, meetingId: number, input: DocumentInput, files: readonly UploadedFile[]): Promise<MeetingDocument[]> {
    const { meeting, agenda } = await this.forManage(meetingId, viewer);
    const item = input.agendaItemId === null ? null : (agenda.find((a) => a.id === input.agendaItemId) ?? null);
    if (input.agendaItemId !== null && !item) throw new FormRejected({ agendaItemId: 'Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht.' });
    const judged = await this.judge(files);
    return this.db.write(async (manager) => {
      await this.assertQuota(manager, judged);
      const created: MeetingDocument[] = [];
      for (const f of judged) {
        const title = (judged.length === 1 && input.title.trim()) || titleFromFileName(f.name);
        const document = await manager.getRepository(MeetingDocument).save(
          manager.getRepository(MeetingDocument).create({
            meetingId: meeting.id,
            agendaItemId: item?.id ?? null,
            title,
            description: input.description,
            visibility: input.visibility,
            createdByAccountId: viewer.kind === 'member' ? viewer.accountId : null,
          }),
        );
        const version = await this.storeVersion(manager, viewer, document, meeting, f);
        await this.record(manager, viewer, 'create', meeting, document, null, this.auditValues(document, item, version));
        await this.search.reindex(manager, 'document', document.id);
        created.push(document);
      }
      return created;
    });
  }

  /** A new version of a document: the same link serves it from now on; the earlier ones stay listed. */
  async addVersion(viewer: Viewer, documentId: number, file: UploadedFile | null): Promise<DocumentVersion> {
    const { document, meeting, item, versions } = await this.forManageDocument(documentId, viewer);
    if (document.generatedKind !== null) throw new FormRejected({ datei: 'Dieses Dokument erstellt die Anwendung selbst; eine neue Fassung entsteht, wenn sich die Einladung oder das Protokoll ändert, nicht durch Hochladen.' });
    const [judged] = await this.judge(file ? [file] : []);
    return this.db.write(async (manager) => {
      await this.assertQuota(manager, [judged]);
      const version = await this.storeVersion(manager, viewer, document, meeting, judged);
      const previous = versions[0]?.version ?? null;
      await this.record(manager, viewer, 'update', meeting, document, this.auditValues(document, item, previous), this.auditValues(document, item, version));
      await this.search.reindex(manager, 'document', document.id);
      return version;
    });
  }

  /** Removes a document with all its versions; content no other version uses is deleted too. */
  async remove(viewer: Viewer, documentId: number): Promise<Meeting> {
    const { document, meeting, item, versions } = await this.forManageDocument(documentId, viewer);
    await this.db.write(async (manager) => {
      await manager.getRepository(DocumentVersion).delete({ documentId });
      await manager.getRepository(MeetingDocument).delete({ id: documentId });
      await this.storage.sweep(manager);
      await this.events.publish(manager, 'document.removed', { documentId, meetingId: meeting.id, createdAt: document.createdAt, wasPublic: canViewDocument(document, meeting, item, ANONYMOUS) });
      await this.record(manager, viewer, 'delete', meeting, document, this.auditValues(document, item, versions[0]?.version ?? null), null);
      await this.search.reindex(manager, 'document', documentId);
    });
    return meeting;
  }
}

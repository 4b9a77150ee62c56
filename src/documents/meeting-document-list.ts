import type { EntityManager } from 'typeorm';
import { ANONYMOUS, type Viewer } from '../auth/viewer.js';
import { columnHydrator, rawRows } from '../database/raw-read.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { type DocumentVisibility, DocumentVersion } from './document.entity.js';
import { canViewDocument, type MeetingScope } from './document-visibility.js';

/** One listed document of the meeting page: exactly the columns the list shows, as plain objects. */
export interface DocumentListEntry {
  document: { id: number; title: string; description: string | null; visibility: DocumentVisibility };
  version: { mimeType: string; size: number; uploadedAt: Date };
  item: { number: string; title: string; position: number; isPublic: boolean } | null;
  /** Whether anonymous visitors may see it too (false: members only). */
  isPublic: boolean;
}

interface Row {
  id: number;
  title: string;
  description: string | null;
  visibility: DocumentVisibility;
  mime_type: string;
  size: number;
  uploaded_at: unknown;
  item_number: string | null;
  item_title: string | null;
  item_position: number | null;
  item_is_public: unknown;
}

/**
 * The meeting's documents the viewer may see, each with its newest version and its agenda item, in one
 * statement (issue 22). The visibility rule stays `canViewDocument`, applied here to the plain rows;
 * the order is the one `DocumentsService.allOf` gives (general papers first, then by agenda position,
 * title, id). A document without a version is not listed.
 */
export async function readMeetingDocumentList(manager: EntityManager, meeting: MeetingScope & { id: number }, viewer: Viewer): Promise<DocumentListEntry[]> {
  const rows = await rawRows<Row>(
    manager,
    `SELECT d.id, d.title, d.description, d.visibility, v.mime_type, v.size, v.uploaded_at,
            a."number" AS item_number, a.title AS item_title, a."position" AS item_position, a.is_public AS item_is_public
       FROM meeting_documents d
       JOIN document_versions v ON v.id = (SELECT MAX(v2.id) FROM document_versions v2 WHERE v2.document_id = d.id)
       LEFT JOIN agenda_items a ON a.id = d.agenda_item_id AND a.meeting_id = d.meeting_id
      WHERE d.meeting_id = :meetingId
      ORDER BY d.id`,
    { meetingId: meeting.id },
  );
  const uploadedAt = columnHydrator(manager.connection, DocumentVersion, 'uploadedAt');
  const bool = columnHydrator(manager.connection, AgendaItem, 'isPublic');
  const entries: DocumentListEntry[] = [];
  for (const r of rows) {
    const item =
      r.item_number === null ? null : { number: r.item_number, title: r.item_title ?? '', position: Number(r.item_position), isPublic: bool(r.item_is_public) === true };
    const document = { id: Number(r.id), title: r.title, description: r.description, visibility: r.visibility };
    if (!canViewDocument(document, meeting, item, viewer)) continue;
    entries.push({
      document,
      version: { mimeType: r.mime_type, size: Number(r.size), uploadedAt: uploadedAt(r.uploaded_at) as Date },
      item,
      isPublic: canViewDocument(document, meeting, item, ANONYMOUS),
    });
  }
  const position = (e: DocumentListEntry): number => (e.item ? e.item.position : -1);
  return entries.sort((a, b) => position(a) - position(b) || a.document.title.localeCompare(b.document.title, 'de') || a.document.id - b.document.id);
}

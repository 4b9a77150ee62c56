import { Injectable } from '@nestjs/common';
import { ANONYMOUS } from '../auth/viewer.js';
import { berlinDay } from '../common/dates.js';
import { DomainEvents } from '../database/domain-events.js';
import { foldNames, SearchIndexer, type SearchSource } from '../search/search-indexer.js';
import { DocumentVersion, MeetingDocument } from './document.entity.js';
import { isInlineType } from './document-types.js';
import { canViewDocument } from './document-visibility.js';

/**
 * A meeting document's search entry (kind 'document', "Unterlagen"): its title and file name, the
 * extracted text of its newest version (once the text worker is done), public only when an anonymous
 * visitor may open it (canViewDocument: the meeting's rule, the document's and its agenda item's
 * visibility), else for members. A hit opens a PDF or image in the browser; other types (served as
 * attachments) lead to the meeting page's document list instead of starting a download.
 */
export const DOCUMENT_SEARCH_SOURCE: SearchSource<MeetingDocument> = {
  kind: 'document',
  entity: MeetingDocument,
  relations: { meeting: { body: true }, agendaItem: true },
  recordsOfMeeting: async (manager, meetingId) => (await manager.getRepository(MeetingDocument).find({ where: { meetingId }, select: { id: true } })).map((d) => d.id),
  fields: async (d, manager) => {
    const meeting = d.meeting;
    if (!meeting || !meeting.body || meeting.body.deletedAt !== null) return null;
    const version = await manager.getRepository(DocumentVersion).findOne({ where: { documentId: d.id }, order: { id: 'DESC' } });
    if (!version) return null;
    return {
      title: d.title,
      subtitle: meeting.title,
      nameFolded: foldNames([d.title, version.fileName]),
      contentFolded: '',
      audience: canViewDocument(d, meeting, d.agendaItem ?? null, ANONYMOUS) ? 'public' : 'members',
      bodyId: meeting.bodyId,
      meetingId: meeting.id,
      day: berlinDay(meeting.startsAt),
      path: isInlineType(version.mimeType) ? `/unterlagen/${d.id}` : `/sitzungen/${meeting.id}#unterlagen`,
      text: version.extractionState === 'done' ? (version.extractedText ?? '') : '',
    };
  },
};

/** Registers the documents with the search index and keeps an entry in step when its text arrives. */
@Injectable()
export class DocumentSearchRegistration {
  constructor(indexer: SearchIndexer, events: DomainEvents) {
    indexer.register(DOCUMENT_SEARCH_SOURCE);
    events.on('document.textExtracted', (manager, e) => indexer.reindex(manager, 'document', e.documentId));
  }
}

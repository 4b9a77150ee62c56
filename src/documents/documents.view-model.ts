import type { MeetingDocumentLine } from '../meetings/meeting-documents-source.js';
import { shortDate } from '../meetings/meetings.view-model.js';
import { typeLabel } from './document-types.js';
import { formatBytes } from './document-view.js';
import type { DocumentEntry } from './documents.service.js';

export interface DocumentListItemView {
  title: string;
  href: string;
  typeLabel: string;
  size: string;
  date: string;
  description: string | null;
  membersOnly: boolean;
  manageHref: string | null;
}

export interface MeetingDocumentsView {
  groups: { heading: string; items: DocumentListItemView[] }[];
  zipHref: string;
  uploadHref: string | null;
}

/** The meeting page's "Unterlagen": grouped by agenda item (general papers first). */
export function meetingDocumentsView(meetingId: number, entries: readonly DocumentEntry[], canManage: boolean): MeetingDocumentsView {
  const groups: MeetingDocumentsView['groups'] = [];
  for (const e of entries) {
    const heading = e.item ? `TOP ${e.item.number}: ${e.item.title}` : 'Allgemeine Unterlagen';
    let group = groups.at(-1);
    if (!group || group.heading !== heading) {
      group = { heading, items: [] };
      groups.push(group);
    }
    group.items.push({
      title: e.document.title,
      href: `/unterlagen/${e.document.id}`,
      typeLabel: typeLabel(e.version.mimeType),
      size: formatBytes(e.version.size),
      date: shortDate(e.version.uploadedAt),
      description: e.document.description,
      membersOnly: !e.isPublic,
      manageHref: canManage ? `/unterlagen/${e.document.id}/verwalten` : null,
    });
  }
  return { groups, zipHref: `/sitzungen/${meetingId}/unterlagen.zip`, uploadHref: canManage ? `/sitzungen/${meetingId}/unterlagen/neu` : null };
}

/**
 * The documents as lines for an invitation or update mail: title, type, size and link; a
 * members-only document says that the link needs a login.
 */
export function documentMailLines(entries: readonly DocumentEntry[], urlOf: (documentId: number) => string): string[] {
  return entries.map((e) => {
    const where = e.item ? `TOP ${e.item.number}: ` : '';
    const login = e.isPublic ? '' : ', nur nach Anmeldung';
    return `- ${where}${e.document.title} (${typeLabel(e.version.mimeType)}, ${formatBytes(e.version.size)}${login}): ${urlOf(e.document.id)}`;
  });
}

/** The documents as the printable invitation lists them. */
export function documentLetterLines(entries: readonly DocumentEntry[], urlOf: (documentId: number) => string): MeetingDocumentLine[] {
  return entries.map((e) => ({
    title: e.item ? `TOP ${e.item.number}: ${e.document.title}` : e.document.title,
    detail: `${typeLabel(e.version.mimeType)}, ${formatBytes(e.version.size)}`,
    url: urlOf(e.document.id),
    membersOnly: !e.isPublic,
  }));
}

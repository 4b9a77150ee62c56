import { escapeHtml } from '../common/html-escape.js';
import type { MeetingDocumentLine } from '../meetings/meeting-documents-source.js';
import { shortDate } from '../meetings/meetings.view-model.js';
import { typeLabel } from './document-types.js';
import { formatBytes } from './document-view.js';
import type { DocumentEntry } from './documents.service.js';
import type { DocumentListEntry } from './meeting-document-list.js';

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
export function meetingDocumentsView(meetingId: number, entries: readonly DocumentListEntry[], canManage: boolean): MeetingDocumentsView {
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
 * The documents as lines for an invitation, update or circular mail: title, type, size and link; a
 * members-only document says that the link needs a login.
 */
export function documentMailLines(entries: readonly DocumentEntry[], urlOf: (documentId: number) => string): string[] {
  return documentLetterLines(entries, urlOf).map(documentMailLine);
}

/** One document as a plain-text mail line: "- TOP 1: Vorlage (PDF, 1,2 MB, nur nach Anmeldung): https://…". */
export function documentMailLine(line: MeetingDocumentLine): string {
  return `- ${line.title} (${documentDetail(line)}): ${line.url}`;
}

/** "PDF, 1,2 MB" and, for a members-only document, that the link needs a login. */
export function documentDetail(line: MeetingDocumentLine): string {
  return `${line.detail}${line.membersOnly ? ', nur nach Anmeldung' : ''}`;
}

/** The documents as an HTML list for a mail's HTML part (the same words as the text lines). */
export function documentMailHtml(lines: readonly MeetingDocumentLine[]): string {
  if (lines.length === 0) return '';
  const items = lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.title)}</a> (${escapeHtml(documentDetail(l))})</li>`);
  return `<h2>Unterlagen</h2><ul>${items.join('')}</ul>`;
}

/** The documents as the printable invitation (and a circular) lists them. */
export function documentLetterLines(entries: readonly DocumentEntry[], urlOf: (documentId: number) => string): MeetingDocumentLine[] {
  return entries.map((e) => ({
    title: e.item ? `TOP ${e.item.number}: ${e.document.title}` : e.document.title,
    detail: `${typeLabel(e.version.mimeType)}, ${formatBytes(e.version.size)}`,
    url: urlOf(e.document.id),
    membersOnly: !e.isPublic,
  }));
}

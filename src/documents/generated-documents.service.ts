import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { invitationLetter, type InvitationLetterView } from '../meetings/invitation-letter.js';
import type { MeetingChanged } from '../meetings/meeting-events.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { berlinDay } from '../common/dates.js';
import { renderPdf, type PdfBlock } from './document-pdf.js';
import { defaultVisibility } from './document-visibility.js';
import { DocumentsService } from './documents.service.js';
import { documentLetterLines } from './documents.view-model.js';

/** The day of a moment (UTC midnight): a generated PDF's date, so the same content on the same day gives the same bytes. */
export function pdfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * The printable invitation letter as PDF blocks. A public document carries only what anonymous
 * visitors may see: no internal agenda items, no members-only documents, no online access link.
 */
export function invitationBlocks(letter: InvitationLetterView, isPublic: boolean): PdfBlock[] {
  const agenda = isPublic ? letter.agenda.filter((a) => !a.isInternal) : letter.agenda;
  const documents = isPublic ? letter.documents.filter((d) => !d.membersOnly) : letter.documents;
  const onlineLink = isPublic ? null : letter.onlineLink;
  const blocks: PdfBlock[] = [
    ...letter.senderLines.map((text): PdfBlock => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: letter.placeAndDate },
    { kind: 'heading', text: letter.subject, level: 1 },
  ];
  if (letter.cancelled) blocks.push({ kind: 'paragraph', text: 'Diese Sitzung ist abgesagt.', bold: true });
  blocks.push({ kind: 'paragraph', text: letter.salutation }, { kind: 'paragraph', text: letter.intro }, { kind: 'paragraph', text: `Termin: ${letter.when}` });
  if (letter.placeLines.length > 0) blocks.push({ kind: 'paragraph', text: `Ort: ${letter.placeLines.join(', ')}` });
  if (onlineLink) blocks.push({ kind: 'paragraph', text: `Online-Teilnahme: ${onlineLink}` });
  blocks.push({ kind: 'heading', text: 'Hinweise für die Teilnehmenden', level: 2 }, { kind: 'list', items: letter.notes.map((n) => `${n.label}: ${n.text}`) });
  blocks.push({ kind: 'heading', text: 'Tagesordnung', level: 2 });
  if (agenda.length === 0) blocks.push({ kind: 'paragraph', text: 'Die Tagesordnung folgt.' });
  else {
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'TOP', width: 1 },
        { title: 'Thema', width: 6 },
        { title: 'Vortrag', width: 3 },
      ],
      rows: agenda.map((a) => [a.number, `${a.title}${a.isInternal ? ' (nicht öffentlich)' : ''}`, a.presenter ?? '']),
    });
  }
  if (documents.length > 0) {
    blocks.push({ kind: 'heading', text: 'Unterlagen', level: 2 }, { kind: 'list', items: documents.map((d) => `${d.title} (${d.detail}${d.membersOnly ? ', nach Anmeldung' : ''}): ${d.url}`) });
  }
  blocks.push(
    { kind: 'heading', text: 'Rückmeldung', level: 2 },
    { kind: 'paragraph', text: letter.rsvpNote },
    { kind: 'paragraph', text: letter.closing },
    ...letter.signature.map((text): PdfBlock => ({ kind: 'paragraph', text })),
  );
  return blocks;
}

/**
 * Documents the app writes itself (PDF) as documents of the meeting: the invitation letter when the
 * invitation goes out (a new version with every later change mail). Reacts to the meetings' events
 * inside their write transaction, so the document exists exactly when the mail does.
 */
@Injectable()
export class GeneratedDocumentsService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly meetings: MeetingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    events: DomainEvents,
  ) {
    events.on('meeting.changed', (manager, e) => this.onMeetingChanged(manager, e));
  }

  private async onMeetingChanged(manager: EntityManager, e: MeetingChanged): Promise<void> {
    // the letter is written when the invitation goes out; later changes renew an existing one
    if (e.change !== 'invitation' && !(await this.documents.hasGenerated(manager, e.meetingId, 'invitation'))) return;
    await this.writeInvitation(manager, e.meetingId, e.at);
  }

  /** Writes the invitation letter PDF of the meeting as it is in this transaction. */
  async writeInvitation(manager: EntityManager, meetingId: number, at: Date): Promise<void> {
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id: meetingId }, relations: { body: true, location: true } });
    if (!meeting) return;
    const agenda = await manager.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
    const chair = await this.meetings.chairOf(meeting);
    const entries = (await this.documents.allOf(meeting, manager)).filter((d) => d.document.generatedKind === null);
    const lines = documentLetterLines(entries, (id) => this.documents.documentUrl(id));
    const day = pdfDay(at);
    const letter = invitationLetter(meeting, agenda, chair, this.config.defaultLocality, `${this.config.baseUrl}/sitzungen/${meetingId}`, at, lines);
    const visibility = defaultVisibility(meeting, null);
    const bytes = await renderPdf({ title: letter.subject, author: meeting.body.name, subject: `Einladung zur Sitzung am ${letter.when}`, createdAt: day, blocks: invitationBlocks(letter, visibility === 'public') });
    await this.documents.storeGenerated(manager, meeting, 'invitation', {
      title: 'Einladung',
      description: 'Das Einladungsschreiben als PDF, erstellt beim Versand der Einladung (neue Fassung bei jeder Änderungsmitteilung).',
      visibility,
      fileName: `Einladung ${meeting.title} ${berlinDay(meeting.startsAt)}.pdf`,
      bytes,
    });
  }
}

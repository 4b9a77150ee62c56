import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../database/domain-events.js';
import { AgendaItem } from '../meetings/agenda-item.entity.js';
import { invitationLetter, type InvitationLetterView } from '../meetings/invitation-letter.js';
import type { MeetingChanged } from '../meetings/meeting-events.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { berlinDay, todayInBerlin } from '../common/dates.js';
import type { MinutesApproved } from '../minutes/minutes-events.js';
import { Minutes } from '../minutes/minutes.entity.js';
import { publicMinutesContent, MinutesService } from '../minutes/minutes.service.js';
import { minutesAccess } from '../minutes/minutes-workflow.js';
import { minutesPageModel } from '../minutes/minutes.view-model.js';
import { renderPdf, type PdfBlock } from './document-pdf.js';
import { defaultVisibility } from './document-visibility.js';
import { DocumentsService } from './documents.service.js';
import { documentLetterLines } from './documents.view-model.js';
import { memberViewer } from '../auth/viewer.js';
import { DatabaseService } from '../database/database.service.js';

/**
 * The Berlin day of a moment (as UTC midnight of that day): a generated PDF's date, the same day as the
 * letter's date line, so the same content on the same day gives the same bytes.
 */
export function pdfDay(at: Date): Date {
  return new Date(`${berlinDay(at)}T00:00:00Z`);
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

type MinutesModel = ReturnType<typeof minutesPageModel>;

/** The approved minutes as PDF blocks: the same content the minutes page shows its readers. */
export function minutesBlocks(model: MinutesModel, texts: ReadonlyMap<number, string>, opening: string | null, otherBusiness: string | null, decisionTexts: ReadonlyMap<number, string>): PdfBlock[] {
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: model.bodyName },
    { kind: 'heading', text: model.title, level: 1 },
    { kind: 'paragraph', text: `Protokoll Nr. ${model.minutesNumber}` },
    { kind: 'paragraph', text: `${model.dateText}, ${model.timeText}` },
  ];
  if (model.locationLines.length > 0) blocks.push({ kind: 'paragraph', text: `Ort: ${model.locationLines.join(', ')}` });
  if (model.approvedText) blocks.push({ kind: 'paragraph', text: `${model.approvedText}.`, bold: true });
  blocks.push({ kind: 'paragraph', text: `Sitzungsleitung: ${model.chair} · Protokoll: ${model.recorder}` });
  if (model.publicOnly) blocks.push({ kind: 'paragraph', text: 'Öffentlicher Teil des Protokolls: nicht öffentliche Tagesordnungspunkte sind nicht enthalten.' });
  const a = model.attendance;
  const person = (e: { name: string; role: string | null; organisation: string | null; deputy: string | null }): string =>
    [e.name, e.role, e.organisation ? `für ${e.organisation}` : null, e.deputy ? `vertreten durch ${e.deputy}` : null].filter((x): x is string => x !== null).join(', ');
  blocks.push({ kind: 'heading', text: 'Anwesenheit', level: 2 });
  for (const [label, entries] of [
    ['Anwesend', a.present],
    ['Vertreten', a.represented],
    ['Entschuldigt', a.excused],
    ['Abwesend', a.absent],
  ] as const) {
    if (entries.length > 0) blocks.push({ kind: 'paragraph', text: `${label}:`, bold: true }, { kind: 'list', items: entries.map(person) });
  }
  if (model.guests.length > 0) blocks.push({ kind: 'paragraph', text: `Gäste: ${model.guests.join(', ')}` });
  blocks.push({ kind: 'paragraph', text: `Beschlussfähigkeit: ${model.quorum.recordedText ?? model.quorum.computedText}` });
  if (opening) blocks.push({ kind: 'heading', text: 'Eröffnung', level: 2 }, { kind: 'paragraph', text: opening });
  for (const item of model.items) {
    blocks.push({ kind: 'heading', text: `${item.label}${item.internal ? ' (nicht öffentlich)' : ''}`, level: 2 });
    if (item.presenter) blocks.push({ kind: 'paragraph', text: `Vortrag: ${item.presenter}` });
    const text = texts.get(item.id);
    if (text) blocks.push({ kind: 'paragraph', text });
    for (const d of item.decisions) {
      blocks.push({ kind: 'paragraph', text: `Beschluss ${d.number}: ${d.resultLabel} (${d.votesText})`, bold: true }, { kind: 'paragraph', text: decisionTexts.get(d.id) ?? '' });
    }
    if (item.actionItems.length > 0) blocks.push({ kind: 'paragraph', text: 'Aufgaben:', bold: true }, { kind: 'list', items: item.actionItems.map((x) => `${x.what} – ${x.responsible}, ${x.dueText}`) });
  }
  if (otherBusiness) blocks.push({ kind: 'heading', text: 'Verschiedenes', level: 2 }, { kind: 'paragraph', text: otherBusiness });
  if (model.generalActionItems.length > 0) {
    blocks.push({ kind: 'heading', text: 'Weitere Aufgaben', level: 2 }, { kind: 'list', items: model.generalActionItems.map((x) => `${x.what} – ${x.responsible}, ${x.dueText}`) });
  }
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
    private readonly minutes: MinutesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DatabaseService,
    events: DomainEvents,
  ) {
    events.on('meeting.changed', (manager, e) => this.onMeetingChanged(manager, e));
    events.on('minutes.approved', (manager, e) => this.writeMinutes(manager, e));
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

  /**
   * After an erasure (committed: the pages already show the placeholder name), writes the generated
   * PDFs of these meetings again from the data as it is now and keeps only that newest version, so no
   * stored PDF still names the erased person.
   */
  async renewAfterErasure(meetingIds: readonly number[], at: Date): Promise<void> {
    // The minutes are read as an administrator would (everything), like the approver reads them.
    const reader = memberViewer(0, null, true);
    for (const meetingId of meetingIds) {
      await this.db.write(async (manager) => {
        if (await this.documents.hasGenerated(manager, meetingId, 'invitation')) await this.writeInvitation(manager, meetingId, at);
        if (await this.documents.hasGenerated(manager, meetingId, 'minutes')) {
          const minutes = await manager.getRepository(Minutes).findOne({ select: { id: true }, where: { meetingId, status: 'approved' } });
          if (minutes) await this.writeMinutes(manager, { minutesId: minutes.id, meetingId, at, viewer: reader });
        }
        await this.documents.dropOlderGeneratedVersions(manager, meetingId);
      });
    }
  }

  /**
   * Writes the approved minutes as PDF. Visibility as the minutes' rules say: approved minutes of a
   * public meeting are public without their internal items (publicMinutesContent, as the page shows
   * them to anonymous readers); else members only with everything.
   */
  async writeMinutes(manager: EntityManager, e: MinutesApproved): Promise<void> {
    const approved = await manager.getRepository(Minutes).findOne({ where: { id: e.minutesId }, relations: { chairPerson: true, recorderPerson: true, approvedInMeeting: true } });
    if (!approved) return;
    // everything but the status was committed before: read as the approver (an editor), then the approved row of this transaction
    const full = await this.minutes.detail(e.meetingId, e.viewer);
    const meeting = full.meeting;
    const access = minutesAccess({ status: 'approved', meetingIsPublic: meeting.isPublic, bodyIsPublic: meeting.body.isPublic, viewerIsMember: false, viewerIsEditor: false });
    const isPublic = access === 'public-items';
    const approvedFull = { ...full, minutes: approved, access: 'all' as const, isEditor: false, editable: false, approvalCandidates: [] };
    const detail = isPublic ? publicMinutesContent(approvedFull) : approvedFull;
    const model = minutesPageModel(detail, todayInBerlin(e.at));
    const decisionTexts = new Map(detail.decisions.map((d) => [d.id, d.text]));
    const bytes = await renderPdf({
      title: model.title,
      author: model.bodyName,
      subject: `Genehmigtes Protokoll der Sitzung vom ${model.dateText}`,
      createdAt: pdfDay(e.at),
      blocks: minutesBlocks(model, detail.texts, approved.openingText, approved.otherBusinessText, decisionTexts),
    });
    await this.documents.storeGenerated(manager, meeting, 'minutes', {
      title: 'Protokoll (genehmigt)',
      description: isPublic ? 'Das genehmigte Protokoll als PDF (öffentlicher Teil, ohne nicht öffentliche Tagesordnungspunkte).' : 'Das genehmigte Protokoll als PDF.',
      visibility: isPublic ? 'public' : 'members',
      fileName: `Protokoll ${meeting.title} ${berlinDay(meeting.startsAt)}.pdf`,
      bytes,
    });
  }
}

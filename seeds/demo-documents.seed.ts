import PDFDocument from 'pdfkit';
import { Body } from '../src/bodies/body.entity.js';
import { DocumentVersion, MeetingDocument } from '../src/documents/document.entity.js';
import { DocumentStorage, sha256Hex } from '../src/documents/document-storage.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import type { SeedContext } from './seed-context.js';

const DEMO_TITLE = 'Sitzungsvorlage (Demo)';

/** A small one-page PDF with fixed metadata, so every run produces the same bytes. */
function demoPdf(meeting: Meeting, item: AgendaItem | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fixed = new Date('2026-01-01T00:00:00Z');
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: DEMO_TITLE, Author: 'Netzwerk Migration (Demo)', CreationDate: fixed, ModDate: fixed } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(DEMO_TITLE);
    doc.moveDown().fontSize(12).text(`Zur Sitzung: ${meeting.title}`);
    if (item) doc.text(`TOP ${item.number}: ${item.title}`);
    doc.moveDown().text('Dies ist eine erfundene Beispielunterlage der Demodaten. Sie zeigt, wie Unterlagen an einer Sitzung hängen.');
    doc.end();
  });
}

/**
 * Demo documents: the next invited meeting of the Begleitbeirat gets a small generated PDF for its
 * first public agenda item, so the meeting page shows documents. Re-runnable (found by title).
 */
export async function seedDemoDocuments(ctx: SeedContext): Promise<void> {
  const m = ctx.manager;
  const body = await m.getRepository(Body).findOne({ where: { code: 'BB' } });
  if (!body) return;
  const meeting = await m.getRepository(Meeting).findOne({ where: { bodyId: body.id, state: 'invited' }, relations: { body: true }, order: { startsAt: 'ASC' } });
  if (!meeting) return;
  if (await m.getRepository(MeetingDocument).findOne({ where: { meetingId: meeting.id, title: DEMO_TITLE } })) return;
  const item = (await m.getRepository(AgendaItem).find({ where: { meetingId: meeting.id, isPublic: true }, order: { position: 'ASC' } }))[0] ?? null;
  const bytes = await demoPdf(meeting, item);
  const sha = await new DocumentStorage(m.connection).put(m, bytes, sha256Hex(bytes));
  const document = await m.getRepository(MeetingDocument).save(
    m.getRepository(MeetingDocument).create({ meetingId: meeting.id, agendaItemId: item?.id ?? null, title: DEMO_TITLE, description: 'Erfundene Beispielunterlage', visibility: 'public', createdByAccountId: null }),
  );
  await m.getRepository(DocumentVersion).insert({
    documentId: document.id,
    blobSha256: sha,
    fileName: 'Sitzungsvorlage Demo.pdf',
    mimeType: 'application/pdf',
    size: bytes.length,
    uploadedByAccountId: null,
    extractedText: null,
    extractionState: 'pending',
  });
  ctx.created += 2;
}

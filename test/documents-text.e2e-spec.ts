import type request from 'supertest';
import { DatabaseService } from '../src/database/database.service.js';
import { DomainEvents } from '../src/database/domain-events.js';
import { DocumentVersion } from '../src/documents/document.entity.js';
import { DocumentTextWorker } from '../src/documents/document-text.worker.js';
import { csrfTokenFrom } from './helpers/auth.js';
import { SAMPLE_PNG, samplePdf, samplePptx, zipOf } from './helpers/documents.js';
import { createMeeting, createMeetingsFixture, meetingAgent } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('text extraction of meeting documents (background)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // the worker's loop is off: the test drives it step by step
    t = await createTestApp({ documents: { maxBytes: 1024 * 1024, quotaBytes: 10 * 1024 * 1024, textWorker: false } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads PDF, PowerPoint, Word, OpenDocument and text, skips images, marks unreadable files failed, and tells the search', async () => {
    const f = await createMeetingsFixture(t);
    const chair = await meetingAgent(t, f.emails.chair);
    const meetingId = await createMeeting(chair, f, { title: 'Sitzung mit Texten' });
    const docx = await zipOf({
      '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      'word/document.xml':
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bericht über die</w:t></w:r><w:r><w:t xml:space="preserve"> Integrationskurse</w:t></w:r></w:p><w:p><w:r><w:t>تقرير الدورات</w:t></w:r></w:p></w:body></w:document>',
    });
    const odt = await zipOf(
      {
        mimetype: 'application/vnd.oasis.opendocument.text',
        'content.xml': '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h>Протокол</text:h><text:p>Sprachcafé &amp; Beratung</text:p></office:text></office:body></office:document-content>',
      },
      { compress: false },
    );
    const files = [
      { name: 'haushalt.pdf', bytes: await samplePdf('Haushaltsplan der Stadt Schwerin') },
      { name: 'folien.pptx', bytes: await samplePptx('Willkommensnetzwerk Folie') },
      { name: 'bericht.docx', bytes: docx },
      { name: 'protokoll.odt', bytes: odt },
      { name: 'notiz.txt', bytes: Buffer.from('\uFEFFNotiz  zur\tSitzung\n\n\nZeile zwei', 'utf8') },
      { name: 'bild.png', bytes: SAMPLE_PNG },
      { name: 'kaputt.pdf', bytes: Buffer.from('%PDF-1.7\nDas ist kein echtes PDF\n%%EOF\n', 'latin1') },
    ];
    const page = await chair.get(`/sitzungen/${meetingId}/unterlagen/neu`);
    let req = chair.post(`/sitzungen/${meetingId}/unterlagen/neu`).field('_csrf', csrfTokenFrom(page.text)).field('visibility', 'public');
    for (const file of files) req = req.attach('dateien', file.bytes, { filename: file.name, contentType: 'application/octet-stream' });
    const res: request.Response = await req;
    expect(/field__error[^>]*>(.*?)<\/p>/s.exec(res.text)?.[1] ?? '').toBe('');
    expect(res.status).toBe(303);

    const versions = t.app.get(DatabaseService).dataSource.getRepository(DocumentVersion);
    expect(await versions.count({ where: { extractionState: 'pending' } })).toBe(files.length);
    const extracted: number[] = [];
    t.app.get(DomainEvents).on('document.textExtracted', (_m, e) => {
      extracted.push(e.versionId);
      return Promise.resolve();
    });
    const worker = t.app.get(DocumentTextWorker);
    let rounds = 0;
    while (await worker.runOnce()) rounds++;
    expect(rounds).toBe(files.length);

    const byName = new Map((await versions.find()).map((v) => [v.fileName, v]));
    expect(byName.get('haushalt.pdf')).toMatchObject({ extractionState: 'done' });
    expect(byName.get('haushalt.pdf')?.extractedText).toContain('Haushaltsplan der Stadt Schwerin');
    expect(byName.get('folien.pptx')?.extractedText).toBe('Willkommensnetzwerk Folie');
    expect(byName.get('bericht.docx')?.extractedText).toBe('Bericht über die Integrationskurse\nتقرير الدورات');
    expect(byName.get('protokoll.odt')?.extractedText).toBe('Протокол\nSprachcafé & Beratung');
    expect(byName.get('notiz.txt')?.extractedText).toBe('Notiz zur Sitzung\nZeile zwei');
    expect(byName.get('bild.png')).toMatchObject({ extractionState: 'skipped', extractedText: null });
    expect(byName.get('kaputt.pdf')).toMatchObject({ extractionState: 'failed', extractedText: null });
    expect(extracted.sort()).toEqual(['haushalt.pdf', 'folien.pptx', 'bericht.docx', 'protokoll.odt', 'notiz.txt'].map((n) => byName.get(n)?.id).sort());
    expect(await worker.runOnce()).toBe(false);
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import contentDisposition from 'content-disposition';
import { backupDatabase, restoreDatabase } from '../src/ops/backup.js';
import { csrfTokenFrom } from './helpers/auth.js';
import { samplePdf } from './helpers/documents.js';
import { createMeeting, createMeetingsFixture, meetingAgent } from './helpers/meetings-fixture.js';
import { createTestApp } from './helpers/test-app.js';

describe('meeting documents in the backup', () => {
  it('are in the file `npm run backup` writes and come back with a restore', async () => {
    const t = await createTestApp({ databaseUrl: null });
    const dir = mkdtempSync(join(tmpdir(), 'netzwerk-docs-backup-'));
    try {
      const f = await createMeetingsFixture(t);
      const chair = await meetingAgent(t, f.emails.chair);
      const meetingId = await createMeeting(chair, f, { title: 'Gesicherte Sitzung' });
      const pdf = await samplePdf('Gesichert');
      const page = await chair.get(`/sitzungen/${meetingId}/unterlagen/neu`);
      const res = await chair
        .post(`/sitzungen/${meetingId}/unterlagen/neu`)
        .field('_csrf', csrfTokenFrom(page.text))
        .field('visibility', 'public')
        .attach('dateien', pdf, { filename: 'Sicherung – نسخة.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(303);
      const backup = await backupDatabase(t.config.databasePath, dir, 3);
      const databasePath = t.config.databasePath;
      await t.app.close();

      // restore into a fresh location and start the app on it
      const restoredPath = join(dir, 'restored.sqlite');
      await restoreDatabase(backup.file, restoredPath);
      const restored = await createTestApp({ databaseUrl: null, databasePath: restoredPath });
      try {
        const member = await meetingAgent(restored, f.emails.member);
        const meeting = await member.get(`/sitzungen/${meetingId}`);
        const href = /href="(\/unterlagen\/\d+)"/.exec(meeting.text)?.[1];
        expect(href).toBeDefined();
        const file = await member
          .get(String(href))
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(file.status).toBe(200);
        expect((file.body as Buffer).equals(pdf)).toBe(true);
        expect(contentDisposition.parse(file.headers['content-disposition']).parameters.filename).toBe('Sicherung – نسخة.pdf');
      } finally {
        await restored.close();
      }
      expect(databasePath).not.toBe(restoredPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.close().catch(() => undefined);
    }
  }, 60_000);
});

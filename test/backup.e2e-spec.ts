import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { BackupSchedulerService } from '../src/ops/backup-scheduler.service.js';
import { backupDatabase, backupName, integrityProblems, restoreDatabase } from '../src/ops/backup.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

function count(file: string, where = "name LIKE 'Sicherung %'"): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM organisations WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backup and restore', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    // Online backup and restore are for the SQLite file (PostgreSQL has pg_dump), also in the PostgreSQL pass.
    t = await createTestApp({ databaseUrl: null });
    dir = join(dirname(t.config.databasePath), 'backups');
  });
  afterAll(async () => {
    await t.close();
  });

  it('names backups by UTC time so they sort', () => {
    expect(backupName(new Date('2026-03-29T01:30:05Z'))).toBe('netzwerk-20260329-013005.sqlite');
  });

  it('copies the live database consistently while the app writes, and keeps only the newest N', async () => {
    const db = t.app.get(DatabaseService);
    let confirmed = 0;
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop && i < 2000; i++) {
        await db.write((m) => m.getRepository(Organisation).insert({ name: `Sicherung ${i}`, kind: 'other' }));
        confirmed++;
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    const results = [];
    for (let k = 0; k < 4; k++) {
      results.push(await backupDatabase(t.config.databasePath, dir, 3, new Date(Date.UTC(2026, 0, 1, 0, 0, k))));
    }
    stop = true;
    await writer;

    expect(readdirSync(dir).sort()).toEqual(['netzwerk-20260101-000001.sqlite', 'netzwerk-20260101-000002.sqlite', 'netzwerk-20260101-000003.sqlite']);
    expect(results[3].removed).toEqual([join(dir, 'netzwerk-20260101-000000.sqlite')]);
    const newest = results[3].file;
    expect(integrityProblems(newest)).toEqual([]);
    // Every backup holds a prefix of the confirmed writes: consistent, never torn.
    const inBackup = count(newest);
    expect(inBackup).toBeGreaterThan(0);
    expect(inBackup).toBeLessThanOrEqual(confirmed);
    expect(count(newest, "name = 'Landeshauptstadt Schwerin'")).toBe(1);
  });

  it('restores a backup into a database path after an integrity check, keeping the previous file', async () => {
    const backup = (await backupDatabase(t.config.databasePath, join(dir, 'r'), 5)).file;
    const target = join(dir, 'restored', 'netzwerk.sqlite');
    const first = await restoreDatabase(backup, target);
    expect(first.previous).toBeNull();
    expect(count(target)).toBe(count(backup));
    const second = await restoreDatabase(backup, target, new Date('2026-05-01T10:00:00Z'));
    expect(second.previous).toMatch(/netzwerk\.sqlite\.before-restore-20260501-100000$/);
    expect(existsSync(second.previous ?? '')).toBe(true);
  });

  it('refuses a damaged or missing backup with a German message', async () => {
    const broken = join(dir, 'kaputt.sqlite');
    writeFileSync(broken, 'SQLite format 3\0' + 'x'.repeat(5000));
    await expect(restoreDatabase(broken, join(dir, 'x.sqlite'))).rejects.toThrow('Die Sicherung ist beschädigt');
    const foreign = join(dir, 'fremd.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    await expect(restoreDatabase(foreign, join(dir, 'x.sqlite'))).rejects.toThrow('keine Datenbank dieser Anwendung');
    // A real backup with a damaged page in the middle.
    const good = (await backupDatabase(t.config.databasePath, join(dir, 'd'), 1)).file;
    const bytes = readFileSync(good);
    bytes.fill(0x55, 4096 * 3, 4096 * 3 + 2000);
    const damaged = join(dir, 'beschaedigt.sqlite');
    writeFileSync(damaged, bytes);
    await expect(restoreDatabase(damaged, join(dir, 'x.sqlite'))).rejects.toThrow('Die Sicherung ist beschädigt');
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    await expect(restoreDatabase(join(dir, 'fehlt.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow('Sicherungsdatei nicht gefunden');
    await expect(backupDatabase(join(dir, 'fehlt.sqlite'), dir, 3)).rejects.toThrow('Datenbank nicht gefunden');
  });
});

describe('daily backup inside the app', () => {
  it('is off by default', async () => {
    const t = await createTestApp({ databaseUrl: null });
    try {
      expect(t.app.get(BackupSchedulerService).nextRun()).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('with BACKUP_TIME plans the next run at that Berlin time and writes a sound backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netzwerk-daily-'));
    const t = await createTestApp({ databaseUrl: null, backupTime: '03:00', backupDir: dir, backupKeep: 2 });
    try {
      const scheduler = t.app.get(BackupSchedulerService);
      expect(scheduler.nextRun(new Date('2026-11-25T12:00:00Z'))?.toISOString()).toBe('2026-11-26T02:00:00.000Z');
      const file = await scheduler.runOnce();
      expect(dirname(file)).toBe(dir);
      expect(integrityProblems(file)).toEqual([]);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  file: string;
  bytes: number;
  removed: string[];
}

const PREFIX = 'netzwerk-';
const SUFFIX = '.sqlite';

/** "netzwerk-20261125-143005.sqlite" in UTC, so names sort by time. */
export function backupName(now: Date): string {
  const iso = now.toISOString(); // 2026-11-25T14:30:05.123Z
  return `${PREFIX}${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}${SUFFIX}`;
}

/** Runs PRAGMA integrity_check on a file; returns the problems (empty when the file is sound). */
export function integrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const hasMigrations = db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get() as { n: number };
    if (problems.length === 0 && hasMigrations.n === 0) problems.push('Die Datei ist keine Datenbank dieser Anwendung.');
    return problems;
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live database through SQLite's online backup API — safe while the app
 * is writing (never a plain file copy). Keeps the newest `keep` backups in `dir`.
 */
export async function backupDatabase(databasePath: string, dir: string, keep: number, now = new Date()): Promise<BackupResult> {
  if (!existsSync(databasePath)) throw new Error(`Datenbank nicht gefunden: ${databasePath}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(now));
  const partial = `${file}.partial`;
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  // A backup is one self-contained file: switch the copy out of WAL mode (no -wal/-shm beside it).
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problems = integrityProblems(partial);
  if (problems.length > 0) {
    rmSync(partial, { force: true });
    throw new Error(`Die Sicherung ist beschädigt: ${problems.join('; ')}`);
  }
  renameSync(partial, file);
  const all = readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
    .sort()
    .reverse();
  const removed = all.slice(Math.max(keep, 1)).map((f) => join(dir, f));
  for (const f of removed) rmSync(f, { force: true });
  return { file, bytes: statSync(file).size, removed };
}

/**
 * Replaces the database with a backup after checking the backup's integrity. The app must be
 * stopped. The current database is first saved beside it as "<name>.before-restore-<time>".
 */
export async function restoreDatabase(backupFile: string, databasePath: string, now = new Date()): Promise<{ previous: string | null }> {
  if (!existsSync(backupFile)) throw new Error(`Sicherungsdatei nicht gefunden: ${backupFile}`);
  const problems = integrityProblems(backupFile);
  if (problems.length > 0) throw new Error(`Die Sicherung ist beschädigt und wird nicht eingespielt: ${problems.join('; ')}`);
  mkdirSync(dirname(databasePath), { recursive: true });
  let previous: string | null = null;
  if (existsSync(databasePath)) {
    previous = join(dirname(databasePath), `${basename(databasePath)}.before-restore-${backupName(now).slice(PREFIX.length, -SUFFIX.length)}`);
    const current = new Database(databasePath, { fileMustExist: true });
    try {
      await current.backup(previous);
    } finally {
      current.close();
    }
  }
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(databasePath);
  } finally {
    source.close();
  }
  return { previous };
}

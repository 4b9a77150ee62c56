import { ConfigError, loadConfig } from '../config/app-config.js';
import { backupDatabase } from './backup.js';

/** `npm run backup`: a consistent copy of the live database into BACKUP_DIR, keeping BACKUP_KEEP copies. */
async function main(): Promise<void> {
  const config = loadConfig();
  const result = await backupDatabase(config.databasePath, config.backupDir, config.backupKeep);
  console.log(`Sicherung geschrieben: ${result.file} (${Math.round(result.bytes / 1024)} KiB)`);
  for (const f of result.removed) console.log(`Alte Sicherung entfernt: ${f}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : String(e));
  process.exit(1);
});

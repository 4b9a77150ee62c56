import { ConfigError, loadConfig } from '../config/app-config.js';
import { restoreDatabase } from './backup.js';

/** `npm run restore -- FILE`: checks the backup's integrity, then replaces the database (app stopped). */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('Aufruf: npm run restore -- <Sicherungsdatei>');
    process.exit(2);
  }
  const config = loadConfig();
  const { previous } = await restoreDatabase(file, config.databasePath);
  if (previous) console.log(`Bisherige Datenbank aufbewahrt als ${previous}`);
  console.log(`Wiederhergestellt: ${config.databasePath} aus ${file}. Die App kann jetzt gestartet werden.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : String(e));
  process.exit(1);
});

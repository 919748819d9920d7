// npm run db:backup [-- --out <file>] — a consistent backup of DATABASE_URL (from
// the environment or .env) while Crux runs: SQLite's VACUUM INTO, PostgreSQL's
// pg_dump (custom format). Default file: data/backups/crux-<UTC time>.sqlite|.pgdump.
import path from 'node:path';
import { databaseProvider, databaseUrl, projectRoot } from '../lib/config';
import { backupDatabase, defaultBackupPath } from '../lib/db/backup';
import { loadEnv, parseFlags, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const flags = parseFlags(process.argv.slice(2));
  const url = databaseUrl();
  const out = flags.out ? path.resolve(flags.out) : defaultBackupPath(databaseProvider(url), new Date(), path.join(projectRoot, 'data', 'backups'));
  const { file, bytes, ms } = await backupDatabase(url, out);
  console.log(`Backed up to ${file} (${bytes} bytes, ${ms} ms).`);
});

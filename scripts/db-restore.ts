// npm run db:restore -- <backup file> [--force] — replaces DATABASE_URL (from the
// environment or .env) with a backup made by npm run db:backup, after checking
// the backup; then applies the migrations the backup predates. Refuses a
// database that holds data or has other connections unless --force.
import path from 'node:path';
import { databaseUrl } from '../lib/config';
import { restoreDatabase } from '../lib/db/backup';
import { loadEnv, parseFlags, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const argv = process.argv.slice(2);
  // --force takes no value: a file named after it is the backup, not the flag's value.
  const force = argv.includes('--force');
  const rest = argv.filter((a) => a !== '--force');
  const file = parseFlags(rest).from ?? rest.find((a, i) => !a.startsWith('--') && rest[i - 1] !== '--from');
  if (!file) throw new Error('Name the backup: npm run db:restore -- <file> [--force]');
  const { applied, ms } = await restoreDatabase(path.resolve(file), databaseUrl(), { force });
  console.log(`Restored ${file} (${ms} ms)${applied.length ? `; applied ${applied.length} newer migration(s): ${applied.join(', ')}` : ''}.`);
});

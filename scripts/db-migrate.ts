// npm run db:migrate — apply pending migrations to DATABASE_URL (from the
// environment or .env), SQLite's or PostgreSQL's set by the URL (offline, WebAssembly engine).
import { databaseUrl } from '../lib/config';
import { applyPendingMigrations } from '../lib/db/schema-engine';
import { loadEnv, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const applied = await applyPendingMigrations(databaseUrl());
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
});

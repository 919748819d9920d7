// npm run db:migrate — apply pending migrations to DATABASE_URL (offline, WebAssembly engine).
import { databaseUrl } from '../lib/config';
import { applyPendingMigrations } from '../lib/db/schema-engine';

const applied = await applyPendingMigrations(databaseUrl());
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');

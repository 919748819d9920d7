// npm run db:migration -- <name> — write the migration for prisma/schema.prisma's
// latest change, for SQLite and PostgreSQL under the same name. The PostgreSQL
// one needs a server for its shadow database: DATABASE_URL when it is one, else
// a throwaway cluster from the machine's PostgreSQL binaries.
import path from 'node:path';
import { databaseProvider, databaseUrl } from '../lib/config';
import { createMigration, migrationSlug } from '../lib/db/schema-engine';
import { findPostgresBinaries, POSTGRES_INSTALL_HINT, startThrowawayPostgres, type ThrowawayPostgres } from '../lib/db/throwaway-postgres';
import { loadEnv, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const name = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!name) throw new Error('Usage: npm run db:migration -- <name>');
  migrationSlug(name);
  const url = databaseUrl();
  let cluster: ThrowawayPostgres | undefined;
  if (databaseProvider(url) !== 'postgresql') {
    if (!findPostgresBinaries()) {
      throw new Error(
        'Writing the PostgreSQL migration needs a PostgreSQL server for its shadow database. ' +
          `Set DATABASE_URL to a postgresql:// URL of a server where you may create databases, or ${POSTGRES_INSTALL_HINT}.`,
      );
    }
    cluster = await startThrowawayPostgres();
  }
  try {
    const dirs = await createMigration(name, { postgresqlServerUrl: cluster?.url ?? url });
    if (dirs.length === 0) console.log('No schema change: nothing written.');
    for (const dir of dirs) console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    cluster?.stop();
  }
});

// Vitest globalSetup of the `postgresql` project: one PostgreSQL server for the
// whole run (a throwaway cluster from the machine's binaries, or the server of
// CRUX_TEST_POSTGRES_URL), with a template database migrated once; every
// useDatabase() copies it (support/database.ts). Removed at the end.
// Without a server, the tests get the reason and fail with it: a run without
// PostgreSQL must not look like a run on PostgreSQL.
import type { TestProject } from 'vitest/node';
import { applyPendingMigrations } from '../../../lib/db/schema-engine';
import { createDatabase, dropDatabase } from '../../../lib/db/postgresql-databases';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../lib/db/throwaway-postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: ThrowawayPostgres | undefined;
  let serverUrl: string | undefined;
  const template = `crux_template_${process.pid}_${Date.now()}`;
  try {
    serverUrl = process.env.CRUX_TEST_POSTGRES_URL || (cluster = await startThrowawayPostgres()).url;
    await applyPendingMigrations(await createDatabase(serverUrl, template));
    project.provide('postgresql', { serverUrl, template });
  } catch (error) {
    const where = process.env.CRUX_TEST_POSTGRES_URL ? 'the server of CRUX_TEST_POSTGRES_URL' : 'a throwaway PostgreSQL cluster';
    const instead = process.env.CRUX_TEST_POSTGRES_URL ? '' : ' Or point them at a server where they may create databases: CRUX_TEST_POSTGRES_URL=postgresql://… (DEVELOPERS.md).';
    project.provide('postgresql', { error: `The PostgreSQL tests need ${where}, which failed: ${(error as Error).message}${instead}` });
  }
  return async () => {
    if (cluster) cluster.stop();
    else if (serverUrl) await dropDatabase(serverUrl, template);
  };
}

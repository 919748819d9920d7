// Vitest globalSetup of the PostgreSQL projects: one PostgreSQL server for the
// whole run, started by whichever of them comes first (a throwaway cluster from
// the machine's binaries, or the server of CRUX_TEST_POSTGRES_URL), with a
// template database migrated once; every useDatabase() copies it
// (support/database.ts). Removed at the end.
// Without a server, the tests get the reason and fail with it: a run without
// PostgreSQL must not look like a run on PostgreSQL.
import type { TestProject } from 'vitest/node';
import { applyPendingMigrations } from '../../../lib/db/schema-engine';
import { createDatabase, dropDatabase } from '../../../lib/db/postgresql-databases';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../lib/db/throwaway-postgres';

type Provided = { serverUrl: string; template: string } | { error: string };

/** The run's server, shared by the PostgreSQL projects (each calls this setup): started by the first, stopped by the last. */
interface Shared {
  provided: Promise<Provided>;
  projects: number;
  stop: () => Promise<void>;
}

// Vitest loads a project's global setup on its own, so the server is kept on globalThis, where every project's copy finds it.
const SHARED = Symbol.for('crux.test.postgresql');
const holder = globalThis as { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder[SHARED] ??= startServer());
  shared.projects += 1;
  project.provide('postgresql', await shared.provided);
  return async () => {
    shared.projects -= 1;
    if (shared.projects > 0) return;
    delete holder[SHARED];
    await shared.stop();
  };
}

function startServer(): Shared {
  let cluster: ThrowawayPostgres | undefined;
  let serverUrl: string | undefined;
  const template = `crux_template_${process.pid}_${Date.now()}`;
  const provided = (async (): Promise<Provided> => {
    try {
      serverUrl = process.env.CRUX_TEST_POSTGRES_URL || (cluster = await startThrowawayPostgres()).url;
      await applyPendingMigrations(await createDatabase(serverUrl, template));
      return { serverUrl, template };
    } catch (error) {
      const where = process.env.CRUX_TEST_POSTGRES_URL ? 'the server of CRUX_TEST_POSTGRES_URL' : 'a throwaway PostgreSQL cluster';
      const instead = process.env.CRUX_TEST_POSTGRES_URL ? '' : ' Or point them at a server where they may create databases: CRUX_TEST_POSTGRES_URL=postgresql://… (DEVELOPERS.md).';
      return { error: `The PostgreSQL tests need ${where}, which failed: ${(error as Error).message}${instead}` };
    }
  })();
  const stop = async () => {
    await provided;
    if (cluster) cluster.stop();
    else if (serverUrl) await dropDatabase(serverUrl, template);
  };
  return { provided, projects: 0, stop };
}

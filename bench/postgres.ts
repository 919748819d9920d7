// A PostgreSQL database for the benchmark: CRUX_BENCH_POSTGRES_URL when set
// (a database the bench may fill), else a database of its own on a throwaway
// cluster from the machine's binaries (lib/db/throwaway-postgres.ts, as the
// tests use: a temporary directory, a free port, removed afterwards). Null
// when neither is available, with the reason.
import { createDatabase } from '../lib/db/postgresql-databases';
import { findPostgresBinaries, POSTGRES_INSTALL_HINT, startThrowawayPostgres } from '../lib/db/throwaway-postgres';

export interface BenchPostgres {
  url: string;
  /** Where it comes from, for the report. */
  origin: string;
  /** Stops and removes the throwaway cluster; nothing for a given URL. */
  stop(): void;
}

export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const given = process.env.CRUX_BENCH_POSTGRES_URL?.trim();
  if (given) return { url: given, origin: 'the database of CRUX_BENCH_POSTGRES_URL', stop: () => undefined };
  if (!findPostgresBinaries()) return { unavailable: `no PostgreSQL at hand: set CRUX_BENCH_POSTGRES_URL, or ${POSTGRES_INSTALL_HINT}` };
  let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  try {
    cluster = await startThrowawayPostgres();
  } catch (error) {
    return { unavailable: `could not start a throwaway cluster: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
  try {
    const url = await createDatabase(cluster.url, 'crux_bench');
    return {
      url,
      // The tests' cluster: without fsync, so a commit costs no flush to disk — as SQLite's synchronous=NORMAL in WAL mode.
      origin: 'a throwaway cluster on loopback, without fsync',
      stop: () => cluster.stop(),
    };
  } catch (error) {
    cluster.stop();
    return { unavailable: `could not create the bench's database: ${error instanceof Error ? error.message : String(error)}` };
  }
}

import type { Db, Tx } from './client';
import { postgresqlCode } from './errors';

// How long Prisma lets an interactive transaction wait to begin and then run
// (its defaults are 2 s and 5 s), set here for both providers.

/**
 * The longest a transaction may run once begun; Prisma rolls back one that
 * runs longer. Crux's transactions take milliseconds, and a write transaction
 * holds SQLite's write lock for its whole life, so one that runs this long is a
 * fault to stop rather than to wait for.
 */
export const TRANSACTION_TIMEOUT_MS = 5_000;

/**
 * The longest a request may wait for its transaction to begin: its turn in the
 * process's queue of writes plus, on SQLite, another process's write lock (up to
 * SQLITE_BUSY_TIMEOUT_MS, lib/db/sqlite.ts), or on PostgreSQL a free connection.
 * Beyond it the request fails rather than waiting on (an overloaded server).
 */
export const TRANSACTION_MAX_WAIT_MS = 15_000;

export const TRANSACTION_OPTIONS = { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } as const;

/** PostgreSQL's SQLSTATEs for a serialization failure and a deadlock. */
const CONFLICTS = new Set(['40001', '40P01']);

/**
 * The database aborted the transaction for a conflict with another
 * (serialization failure, deadlock): Prisma's P2034 during a query, the driver
 * adapter's own error when PostgreSQL refuses the COMMIT, PostgreSQL's
 * SQLSTATE from a statement sent straight to the driver (lib/db/raw-rows.ts).
 */
function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; cause?: { kind?: unknown } } | null;
  return e?.code === 'P2034' || (e?.name === 'DriverAdapterError' && e.cause?.kind === 'TransactionWriteConflict') || CONFLICTS.has(postgresqlCode(error) ?? '');
}

/**
 * Runs `work` in a SERIALIZABLE transaction, again (a few times) when the
 * database aborts it for a conflict with a concurrent one: for changes that
 * depend on what the transaction reads ("the first account becomes admin",
 * "create the verdict unless there is one"). SQLite runs one write
 * transaction at a time, so this is what it does anyway; PostgreSQL's default
 * READ COMMITTED would let two such transactions read the same state and both
 * act on it.
 */
export async function serializable<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: 'Serializable' });
    } catch (error) {
      if (attempt >= attempts || !isWriteConflict(error)) throw error;
    }
  }
}

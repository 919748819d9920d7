import type { Db, Tx } from './client';

/**
 * The database aborted the transaction for a conflict with another
 * (serialization failure, deadlock): Prisma's P2034 during a query, the driver
 * adapter's own error when PostgreSQL refuses the COMMIT.
 */
function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; cause?: { kind?: unknown } } | null;
  return e?.code === 'P2034' || (e?.name === 'DriverAdapterError' && e.cause?.kind === 'TransactionWriteConflict');
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

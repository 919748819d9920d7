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

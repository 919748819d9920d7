// The database errors the services act on, named once.
import { busy, DomainError } from '../errors';
import { Prisma } from '../generated/prisma/client';

/**
 * A unique index refused the write (Prisma's P2002): another request inserted
 * the same row between this one's check and its insert. SQLite serializes write
 * transactions, so the check sees the other row there; PostgreSQL's default
 * isolation lets two transactions check before either inserts, and the index
 * is what keeps the second out.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * The database did not take the request in time: its transaction could not
 * begin within TRANSACTION_MAX_WAIT_MS or ran past TRANSACTION_TIMEOUT_MS and
 * was rolled back (P2028), or a statement waited for another process's lock
 * beyond SQLite's busy timeout (P1008). Nothing was written.
 */
export function isBusy(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && (error.code === 'P2028' || error.code === 'P1008');
}

/** The error as the REST API and server actions answer it: a DomainError, a busy database as 503, anything else null (a fault). */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  return isBusy(error) ? busy() : null;
}

// The database errors the services act on, named once.
import { busy, DomainError } from '../errors';
import pg from 'pg';
import { Prisma } from '../generated/prisma/client';

/** The codes of a unique index's refusal from SQLite's driver (better-sqlite3). */
const SQLITE_UNIQUE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** What the driver adapter made of a failed raw query's error (Prisma's P2010), e.g. UniqueConstraintViolation. */
function adapterErrorKind(error: Prisma.PrismaClientKnownRequestError): unknown {
  return (error.meta as { driverAdapterError?: { cause?: { kind?: unknown } } } | undefined)?.driverAdapterError?.cause?.kind;
}

/** The code of an error thrown by SQLite's driver (better-sqlite3's SqliteError), where a write skipped Prisma's client (lib/db/raw-rows.ts). */
function sqliteCode(error: unknown): string | undefined {
  return error instanceof Error && error.name === 'SqliteError' ? String((error as Error & { code?: unknown }).code) : undefined;
}

/** The SQLSTATE of an error PostgreSQL answered a statement sent straight to its driver (lib/db/raw-rows.ts). */
export function postgresqlCode(error: unknown): string | undefined {
  return error instanceof pg.DatabaseError ? error.code : undefined;
}

/**
 * A unique index refused the write: another request inserted the same row
 * between this one's check and its insert. SQLite serializes write
 * transactions, so the check sees the other row there; PostgreSQL's default
 * isolation lets two transactions check before either inserts, and the index
 * is what keeps the second out. Prisma reports it as P2002 from a model's
 * query, as P2010 from raw SQL; a write straight to the driver
 * (lib/db/raw-rows.ts executeRows) throws the driver's error: SQLite's code,
 * PostgreSQL's SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === 'P2002' || (error.code === 'P2010' && adapterErrorKind(error) === 'UniqueConstraintViolation');
  }
  return SQLITE_UNIQUE.has(sqliteCode(error) ?? '') || postgresqlCode(error) === '23505';
}

/**
 * The database did not take the request in time: its transaction could not
 * begin within TRANSACTION_MAX_WAIT_MS or ran past TRANSACTION_TIMEOUT_MS and
 * was rolled back (P2028), or a statement waited for another process's lock
 * beyond SQLite's busy timeout (P1008 through Prisma, SQLITE_BUSY straight
 * from the driver). Nothing was written.
 */
export function isBusy(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2028' || error.code === 'P1008';
  return sqliteCode(error) === 'SQLITE_BUSY';
}

/** The error as the REST API and server actions answer it: a DomainError, a busy database as 503, anything else null (a fault). */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  return isBusy(error) ? busy() : null;
}

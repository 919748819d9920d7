// The database errors the services act on, named once.
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
